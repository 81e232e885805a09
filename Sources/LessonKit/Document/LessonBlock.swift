/// One top-level block of a lesson, in document order: the document model every stage after the
/// parser walks. Cells and output blocks are referred to by cell index (``Lesson/cells``).
public enum LessonBlock: Equatable, Sendable {
    /// The front-matter block at the top (blank in ``Lesson/markdown``).
    case frontMatter(lines: ClosedRange<Int>)
    /// A heading.
    case heading(Heading)
    /// Markdown prose (a paragraph, a list, a quote, …), rendered from its lines.
    case prose(Prose)
    /// A code cell, by index.
    case cell(Int)
    /// The PyTorch twin of the Swift cell with this index. Renderers show it with its cell.
    case twin(cell: Int)
    /// The output block of the cell with this index. Renderers show it with its cell.
    case output(cell: Int)
    /// A fenced or indented code block that is neither a cell nor a cell's output: shown as code.
    case code(CodeBlock)
}

/// A heading: its level and plain text (code spans kept as text), and the lines it spans.
public struct Heading: Equatable, Sendable {
    /// 1 for `#`, 2 for `##`, ….
    public var level: Int
    /// The text without markup, for ids, tables of contents and search.
    public var text: String
    /// The lines it spans (two for a setext heading).
    public var lines: ClosedRange<Int>

    /// Creates a heading.
    public init(level: Int, text: String, lines: ClosedRange<Int>) {
        self.level = level
        self.text = text
        self.lines = lines
    }
}

/// A range of prose lines. Code blocks inside it (a cell in a list item) are listed in
/// ``nested``, in order, as `.cell`, `.output` or `.code`, so a renderer can put each in place.
public struct Prose: Equatable, Sendable {
    /// The lines it spans.
    public var lines: ClosedRange<Int>
    /// The code blocks inside it, in document order.
    public var nested: [LessonBlock]

    /// Creates a prose range.
    public init(lines: ClosedRange<Int>, nested: [LessonBlock] = []) {
        self.lines = lines
        self.nested = nested
    }
}

/// A code block that does not run.
public struct CodeBlock: Equatable, Sendable {
    /// 1-based line of its first line (the opening fence, when fenced).
    public var line: Int
    /// The info string (`python`, `text`, empty for none).
    public var info: String
    /// The code, exactly as written.
    public var code: String

    /// The first word of the info string (`python`), or empty.
    public var language: String {
        info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
    }

    /// Creates a code block.
    public init(line: Int, info: String, code: String) {
        self.line = line
        self.info = info
        self.code = code
    }
}
