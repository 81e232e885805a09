/// A lesson as plain values: what the parser produces from `lessons/NN-slug.md` and every later
/// stage (plan, execute, verify, render) reads.
public struct Lesson: Equatable, Sendable {
    /// The path the lesson was read from, as given (used in every `file:line` message).
    public var path: String
    /// The full source text, kept so that blessing rewrites only output blocks and the site can
    /// render the prose from the same parse.
    public var source: String
    /// The text of the first `#` heading.
    public var title: String
    /// Key–value pairs from the optional front-matter block (for example `summary`).
    public var metadata: [String: String]
    /// The code cells in document order.
    public var cells: [Cell]

    /// The one-sentence summary from the front matter, if any.
    public var summary: String? { metadata["summary"] }

    /// The text libcmark parses: ``source`` with its front-matter block replaced by as many empty
    /// lines, so every line number still refers to the file. The site renders this same text, so
    /// prose, cells and outputs come from the same parse as the runner's.
    public var markdown: String {
        let lines = SourceLines(source)
        let frontMatter = FrontMatter.read(lines, path: path).lines
        return String(decoding: LessonParser.blanking(frontMatter, in: lines), as: UTF8.self)
    }

    /// Creates a lesson.
    public init(path: String, source: String, title: String, metadata: [String: String] = [:], cells: [Cell]) {
        self.path = path
        self.source = source
        self.title = title
        self.metadata = metadata
        self.cells = cells
    }
}

/// A fenced `swift` block of a lesson, with its options and expected output.
public struct Cell: Equatable, Sendable {
    /// Position among the lesson's cells, from 0.
    public var index: Int
    /// 1-based line of the opening fence.
    public var line: Int
    /// 1-based line of the first line of code (the line after the fence).
    public var codeLine: Int
    /// The code, exactly as written between the fences.
    public var code: String
    /// Options from the info string (`swift hidden expect-error`).
    public var options: CellOptions
    /// The `output` block that follows the cell, or `nil` when there is none (the cell must then
    /// print nothing).
    public var expected: OutputBlock?
    /// 1-based line of the closing fence (the last line of the file when the fence is never
    /// closed). Blessing inserts a missing output block after this line.
    public var endLine: Int

    /// Creates a cell.
    public init(index: Int, line: Int, codeLine: Int, code: String, options: CellOptions = .init(), expected: OutputBlock? = nil, endLine: Int? = nil) {
        self.index = index
        self.line = line
        self.codeLine = codeLine
        self.code = code
        self.options = options
        self.expected = expected
        self.endLine = endLine ?? codeLine + code.split(separator: "\n", omittingEmptySubsequences: false).count - 1
    }
}

/// The options a cell's info string may carry. Anything else is an error.
public struct CellOptions: Equatable, Sendable {
    /// Runs, but is not shown on the site.
    public var hidden = false
    /// The cell must throw or trap; its output block holds the error message.
    public var expectError = false
    /// Compiled and shown, not run.
    public var noRun = false
    /// Compiled in a program of its own, sharing no state with other cells.
    public var standalone = false

    /// Creates options; all off by default.
    public init(hidden: Bool = false, expectError: Bool = false, noRun: Bool = false, standalone: Bool = false) {
        self.hidden = hidden
        self.expectError = expectError
        self.noRun = noRun
        self.standalone = standalone
    }
}

/// An ```` ```output ```` block: the expected standard output of the cell before it.
public struct OutputBlock: Equatable, Sendable {
    /// 1-based line of the opening fence.
    public var line: Int
    /// The expected text, exactly as written between the fences.
    public var text: String
    /// UTF-8 byte range, in ``Lesson/source``, of the block's content (between the fence lines), so
    /// that blessing can replace exactly these bytes.
    public var contentRange: Range<Int>

    /// Creates an output block.
    public init(line: Int, text: String, contentRange: Range<Int>) {
        self.line = line
        self.text = text
        self.contentRange = contentRange
    }
}
