import CCmark
import Foundation

/// What parsing a lesson file produced: the lesson as plain values and any problems found.
public struct ParsedLesson: Equatable, Sendable {
    /// The lesson. When the file is not UTF-8 it holds no source and no cells.
    public var lesson: Lesson
    /// Problems found, each pointing at `file:line`. Any error means the lesson is not run.
    public var diagnostics: [Diagnostic]

    /// True when no diagnostic is an error.
    public var isRunnable: Bool { !diagnostics.contains { $0.severity == .error } }
}

/// Reads a Markdown lesson (CommonMark, parsed by libcmark) into a ``Lesson``.
///
/// A fenced block whose info string's first word is `swift` is a code cell; the words after it
/// are ``CellOptions``. A fenced `output` block that comes right after a code cell (only blank
/// lines between) is that cell's expected output. Other fenced blocks are prose.
public struct LessonParser: Sendable {
    /// The words a cell's info string may carry after `swift`.
    public static let knownOptions = ["hidden", "expect-error", "no-run", "standalone"]

    /// Creates a parser.
    public init() {}

    /// Parses the bytes of a lesson file, reporting a file that is not UTF-8.
    public func parse(data: Data, path: String) -> ParsedLesson {
        guard let source = String(validating: data, as: UTF8.self) else {
            let bad = firstInvalidUTF8Offset(in: Array(data)) ?? 0
            let line = data.prefix(bad).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            return ParsedLesson(
                lesson: Lesson(path: path, source: "", title: "", cells: []),
                diagnostics: [Diagnostic(file: path, line: line, message: "the file is not valid UTF-8 (first bad byte at offset \(bad))")])
        }
        return parse(source: source, path: path)
    }

    /// Parses the text of a lesson.
    public func parse(source: String, path: String) -> ParsedLesson {
        var diagnostics: [Diagnostic] = []
        func error(_ line: Int?, _ message: String) {
            diagnostics.append(Diagnostic(file: path, line: line, message: message))
        }
        let lines = SourceLines(source)
        guard !source.allSatisfy(\.isWhitespace) else {
            return ParsedLesson(lesson: Lesson(path: path, source: source, title: "", cells: []),
                                diagnostics: [Diagnostic(file: path, line: nil, message: "the lesson is empty")])
        }

        let frontMatter = FrontMatter.read(lines, path: path)
        diagnostics += frontMatter.diagnostics
        let markdown = Self.blanking(frontMatter.lines, in: lines)

        var title: String?
        var cells: [Cell] = []
        // Whether the block before this one was a swift cell: an output block belongs to it only then.
        var previousWasCell = false

        for block in MarkdownBlocks.parse(markdown) {
            defer { if case .codeBlock = block.kind {} else { previousWasCell = false } }
            switch block.kind {
            case .heading(let level, let text):
                if level == 1, title == nil { title = text }
            case .other:
                break
            case .codeBlock(let info, let literal):
                guard let fence = Fence(opening: lines.text(ofLine: block.startLine)) else {
                    previousWasCell = false
                    continue  // an indented code block: prose
                }
                let closed = block.endLine > block.startLine && fence.isClosed(by: lines.text(ofLine: block.endLine))
                if !closed {
                    error(block.startLine, "the code block opened here is never closed (it runs to the end of the file)")
                }
                let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                switch words.first {
                case "swift":
                    var options = CellOptions()
                    for word in words.dropFirst() {
                        switch word {
                        case "hidden": options.hidden = true
                        case "expect-error": options.expectError = true
                        case "no-run": options.noRun = true
                        case "standalone": options.standalone = true
                        default:
                            error(block.startLine, "unknown cell option `\(word)` (known: \(Self.knownOptions.joined(separator: ", ")))")
                        }
                    }
                    if options.noRun && options.expectError {
                        error(block.startLine, "a `no-run` cell cannot `expect-error`: it never runs")
                    }
                    cells.append(Cell(index: cells.count, line: block.startLine, codeLine: block.startLine + 1,
                                      code: literal, options: options, endLine: block.endLine))
                    previousWasCell = true
                case "output":
                    if words.count > 1 {
                        error(block.startLine, "unknown output option `\(words[1])` (an output block takes none)")
                    }
                    if previousWasCell, let last = cells.indices.last {
                        let contentEnd = closed ? lines.start(ofLine: block.endLine) : lines.bytes.count
                        let contentStart = min(lines.start(ofLine: block.startLine + 1), contentEnd)
                        cells[last].expected = OutputBlock(line: block.startLine, text: literal, contentRange: contentStart..<contentEnd)
                    } else {
                        error(block.startLine, "this output block does not follow a swift cell (only blank lines may come between a cell and its output)")
                    }
                    previousWasCell = false
                default:
                    previousWasCell = false
                }
            }
        }

        if title == nil { error(nil, "the lesson has no `# Title` heading") }
        if cells.isEmpty && diagnostics.isEmpty {
            diagnostics.append(Diagnostic(file: path, line: nil, severity: .warning, message: "the lesson has no swift cells"))
        }
        let lesson = Lesson(path: path, source: source, title: title ?? "", metadata: frontMatter.metadata, cells: cells)
        return ParsedLesson(lesson: lesson, diagnostics: diagnostics.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
    }

    /// The text with the given lines emptied (newlines kept), so line numbers stay right.
    static func blanking(_ range: ClosedRange<Int>?, in lines: SourceLines) -> [UInt8] {
        guard let range else { return lines.bytes }
        let start = lines.start(ofLine: range.lowerBound), end = lines.end(ofLine: range.upperBound)
        let newlines = lines.bytes[start..<end].filter { $0 == UInt8(ascii: "\n") }
        return Array(lines.bytes[..<start]) + newlines + Array(lines.bytes[end...])
    }
}

/// A code fence's character and length, read from its opening line.
struct Fence {
    let character: Character
    let length: Int

    /// The fence that opens `line`, or `nil` when the line does not start with ```` ``` ```` or `~~~`.
    init?(opening line: String) {
        let body = line.drop { $0 == " " }
        guard let first = body.first, first == "`" || first == "~" else { return nil }
        let run = body.prefix { $0 == first }.count
        guard run >= 3 else { return nil }
        character = first
        length = run
    }

    /// Whether `line` closes this fence.
    func isClosed(by line: String) -> Bool {
        let body = line.drop { $0 == " " }.trimmingTrailingSpaces
        return body.count >= length && body.allSatisfy { $0 == character }
    }
}

/// The first byte offset where `bytes` stops being valid UTF-8.
private func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int? {
    var offset = 0
    while offset < bytes.count {
        let lead = bytes[offset]
        let width = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
        guard width > 0, offset + width <= bytes.count else { return offset }
        let chunk = bytes[offset..<offset + width]
        if String(validating: chunk, as: UTF8.self) == nil { return offset }
        offset += width
    }
    return nil
}
