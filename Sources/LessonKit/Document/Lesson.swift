/// A lesson as plain values: what the parser produces from `lessons/NN-slug.md` and every later
/// stage (plan, execute, verify, render) reads.
///
/// ``blocks`` is the whole document in order — front matter, headings, prose, cells, output
/// blocks, plain code — so the site renders from this one parse; ``cells`` lists the cells those
/// blocks refer to by index.
public struct Lesson: Equatable, Sendable {
    /// The path the lesson was read from, as given (used in every `file:line` message).
    public var path: String
    /// The full source text, kept so that blessing rewrites only output blocks.
    public var source: String
    /// The text of the first `#` heading.
    public var title: String
    /// Key–value pairs from the optional front-matter block (for example `summary`).
    public var metadata: [String: String]
    /// The code cells in document order.
    public var cells: [Cell]
    /// The document's top-level blocks in order.
    public var blocks: [LessonBlock]
    /// The Markdown text libcmark parsed: ``source`` with the front-matter block replaced by as
    /// many empty lines, so every line number still refers to the file.
    public var markdown: String
    /// Link reference definitions (`[name]: url`), which libcmark resolves document-wide but
    /// keeps in no block: a renderer of one prose range appends them so its links resolve.
    public var referenceDefinitions: String

    /// The one-sentence summary from the front matter, if any.
    public var summary: String? { metadata["summary"] }

    /// Creates a lesson. Without `blocks`, the cells stand alone in order (for tests that build
    /// lessons by hand).
    public init(path: String, source: String, title: String, metadata: [String: String] = [:], cells: [Cell],
                blocks: [LessonBlock]? = nil, markdown: String? = nil, referenceDefinitions: String = "") {
        self.path = path
        self.source = source
        self.title = title
        self.metadata = metadata
        self.cells = cells
        self.blocks = blocks ?? cells.flatMap { cell in [.cell(cell.index)] + (cell.expected == nil ? [] : [.output(cell: cell.index)]) }
        self.markdown = markdown ?? source
        self.referenceDefinitions = referenceDefinitions
    }

    /// The Markdown of lines `lines` (1-based, inclusive), each with its line ending.
    public func markdown(ofLines lines: ClosedRange<Int>) -> String {
        let text = SourceLines(markdown)
        return String(decoding: text.bytes[text.start(ofLine: lines.lowerBound)..<text.end(ofLine: lines.upperBound)], as: UTF8.self)
    }
}

/// The language a cell is written in.
public enum CellLanguage: String, Equatable, Sendable {
    /// Swift, compiled against the engine.
    case swift
    /// Python, run by real PyTorch (a ```` ```python run ```` cell).
    case python
}

/// A Swift cell's PyTorch twin (```` ```python twin ````): the same computation in PyTorch, which
/// must print the cell's very output block.
public struct Twin: Equatable, Sendable {
    /// 1-based line of the opening fence.
    public var line: Int
    /// 1-based line of the first line of code.
    public var codeLine: Int
    /// The code, exactly as written between the fences.
    public var code: String
    /// 1-based line of the closing fence.
    public var endLine: Int

    /// Creates a twin.
    public init(line: Int, codeLine: Int, code: String, endLine: Int) {
        self.line = line
        self.codeLine = codeLine
        self.code = code
        self.endLine = endLine
    }
}

/// A fenced code block that runs: a cell, with its options and expected output.
public struct Cell: Equatable, Sendable {
    /// Position among the lesson's cells, from 0.
    public var index: Int
    /// The language of its code.
    public var language: CellLanguage
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
    /// The cell's PyTorch twin, for a Swift cell that has one. It shares the output block and the
    /// cell's options.
    public var twin: Twin?
    /// 1-based line of the closing fence (the last line of the file when the fence is never
    /// closed). Blessing inserts a missing output block after this line.
    public var endLine: Int

    /// Creates a cell.
    public init(index: Int, language: CellLanguage = .swift, line: Int, codeLine: Int, code: String,
                options: CellOptions = .init(), expected: OutputBlock? = nil, endLine: Int? = nil, twin: Twin? = nil) {
        self.index = index
        self.language = language
        self.line = line
        self.codeLine = codeLine
        self.code = code
        self.options = options
        self.expected = expected
        self.endLine = endLine ?? codeLine + code.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        self.twin = twin
    }

    /// `cell 3`: how reports name the cell (numbered from 1).
    public var name: String { "cell \(index + 1)" }

    /// Whether running the cell involves Python: a `python run` cell, or a Swift cell with a twin.
    public var runsPython: Bool { language == .python || twin != nil }

    /// The last line of the cell and its twin: an output block is inserted after it.
    public var lastCodeLine: Int { twin?.endLine ?? endLine }
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
