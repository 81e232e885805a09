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

/// Reads a Markdown lesson (CommonMark, parsed by libcmark) into a ``Lesson``: its cells and the
/// ordered document of blocks (``LessonBlock``) that every later stage walks.
///
/// A fenced block whose info string's first word is `swift` is a code cell; the words after it
/// are ``CellOption``s. ```` ```python twin ```` right after a Swift cell is its PyTorch twin;
/// ```` ```python run ```` is a PyTorch-only cell (options as for Swift). A fenced `output`
/// block that comes right after a cell (or its twin; only blank lines between) is that cell's
/// expected output. Other code blocks, plain ```` ```python ```` included, are prose.
public struct LessonParser: Sendable {
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
        let lines = SourceLines(source)
        guard !source.allSatisfy(\.isWhitespace) else {
            return ParsedLesson(lesson: Lesson(path: path, source: source, title: "", cells: []),
                                diagnostics: [Diagnostic(file: path, line: nil, message: "the lesson is empty")])
        }

        let frontMatter = FrontMatter.read(lines, path: path)
        let markdown = Self.blanking(frontMatter.lines, in: lines)
        var reader = BlockReader(lines: lines, path: path)
        reader.diagnostics = frontMatter.diagnostics
        var blocks: [LessonBlock] = frontMatter.lines.map { [.frontMatter(lines: $0)] } ?? []
        var covered = IndexSet()

        for block in MarkdownBlocks.parse(markdown) {
            covered.insert(integersIn: block.startLine...block.endLine)
            for line in block.rawHTMLLines {
                reader.diagnostics.append(Diagnostic(file: path, line: line, severity: .warning, message:
                    "raw HTML is not rendered on the site (it becomes an HTML comment); write it in Markdown, or in backticks to show it as code"))
            }
            switch block.kind {
            case .heading(let level, let text):
                _ = reader.read(block.leaves[0])
                blocks.append(.heading(Heading(level: level, text: text, lines: block.startLine...block.endLine)))
            case .codeBlock:
                blocks += reader.read(block.leaves[0]).map { [$0] } ?? []
            case .other:
                let nested = block.leaves.compactMap { reader.read($0) }
                blocks.append(.prose(Prose(lines: block.startLine...block.endLine, nested: nested)))
            }
        }

        var diagnostics = reader.diagnostics
        // In a bilingual lesson every Swift cell has a twin, or says why it has none.
        if reader.cells.contains(where: { $0.twin != nil }) {
            for cell in reader.cells where cell.language == .swift && cell.twin == nil && cell.options.swiftOnly == nil {
                diagnostics.append(Diagnostic(file: path, line: cell.line, severity: .warning,
                                              message: "\(cell.name) has no PyTorch twin; add a `python twin` block, or mark it `swift-only=\"why\"`"))
            }
        }
        if reader.title == nil { diagnostics.append(Diagnostic(file: path, line: nil, message: "the lesson has no `# Title` heading")) }
        if frontMatter.metadata["summary"] == LessonTemplate.placeholderSummary, let block = frontMatter.lines {
            let line = block.first { lines.text(ofLine: $0).hasPrefix("summary:") } ?? block.lowerBound
            diagnostics.append(Diagnostic(file: path, line: line, severity: .warning, message:
                "the summary is still the template's placeholder; say in one sentence what this lesson shows (the site shows it)"))
        }
        if reader.cells.isEmpty && diagnostics.isEmpty {
            diagnostics.append(Diagnostic(file: path, line: nil, severity: .warning, message: "the lesson has no cells"))
        }
        let firstProseLine = (frontMatter.lines?.upperBound ?? 0) + 1
        let definitions = (max(1, firstProseLine)...max(1, lines.count)).filter { line in
            !covered.contains(line) && line >= firstProseLine && !lines.text(ofLine: line).allSatisfy(\.isWhitespace)
        }.map { lines.text(ofLine: $0) + "\n" }.joined()
        let lesson = Lesson(path: path, source: source, title: reader.title ?? "", metadata: frontMatter.metadata,
                            cells: reader.cells, blocks: blocks, markdown: String(decoding: markdown, as: UTF8.self),
                            referenceDefinitions: definitions)
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

/// Reads leaf blocks in document order into cells, tying each output block to the cell right
/// before it, and collects the title and the problems found.
private struct BlockReader {
    let lines: SourceLines
    let path: String
    var cells: [Cell] = []
    var title: String?
    var diagnostics: [Diagnostic] = []
    /// Whether the leaf before this one was a cell: an output block belongs to it only then.
    var previousWasCell = false

    init(lines: SourceLines, path: String) {
        self.lines = lines
        self.path = path
    }

    /// Takes in one leaf; returns what a code block is in the document (`nil` for other leaves).
    mutating func read(_ leaf: MarkdownBlocks.Leaf) -> LessonBlock? {
        let wasCell = previousWasCell
        previousWasCell = false
        switch leaf.kind {
        case .heading(let level, let text):
            if level == 1, title == nil { title = text }
            return nil
        case .other:
            return nil
        case .codeBlock(let info, let literal):
            let plain = LessonBlock.code(CodeBlock(line: leaf.startLine, info: info, code: literal))
            guard let fence = Fence(opening: lines.text(ofLine: leaf.startLine)) else { return plain }  // indented: prose
            let closed = leaf.endLine > leaf.startLine && fence.isClosed(by: lines.text(ofLine: leaf.endLine))
            if !closed {
                error(leaf.startLine, "the code block opened here is never closed (it runs to the end of the file)")
            }
            let words = infoWords(info)
            switch (words.first, words.dropFirst().first) {
            case (CellLanguage.swift.rawValue, _), (CellLanguage.python.rawValue, "run"):
                let language: CellLanguage = words[0] == "swift" ? .swift : .python
                let (options, problems) = CellOptions.parse(Array(words.dropFirst(language == .swift ? 1 : 2)))
                problems.forEach { error(leaf.startLine, $0) }
                if language == .python, options.swiftOnly != nil {
                    error(leaf.startLine, "a `python run` cell cannot be `swift-only`")
                }
                cells.append(Cell(index: cells.count, language: language, line: leaf.startLine, codeLine: leaf.startLine + 1,
                                  code: literal, options: options, endLine: leaf.endLine))
                previousWasCell = true
                return .cell(cells.count - 1)
            case (CellLanguage.python.rawValue, "twin"):
                guard wasCell, let last = cells.indices.last, cells[last].language == .swift,
                      cells[last].twin == nil, cells[last].expected == nil else {
                    error(leaf.startLine, "this twin does not follow a swift cell (a `python twin` block comes right after its swift cell, before the output block)")
                    return plain
                }
                for word in words.dropFirst(2) where !(word == "hidden" && cells[last].options.hidden) {
                    error(leaf.startLine, "a twin takes its options from its swift cell; `\(word)` belongs on the swift cell")
                }
                if cells[last].options.swiftOnly != nil {
                    error(leaf.startLine, "this twin belongs to a `swift-only` cell; remove one or the other")
                }
                cells[last].twin = Twin(line: leaf.startLine, codeLine: leaf.startLine + 1, code: literal, endLine: leaf.endLine)
                previousWasCell = true
                return .twin(cell: last)
            case ("output", _):
                if words.count > 1 {
                    error(leaf.startLine, "unknown output option `\(words[1])` (an output block takes none)")
                }
                guard wasCell, let last = cells.indices.last else {
                    error(leaf.startLine, "this output block does not follow a cell (only blank lines, and a cell's twin, may come between a cell and its output)")
                    return plain
                }
                let contentEnd = closed ? lines.start(ofLine: leaf.endLine) : lines.bytes.count
                let contentStart = min(lines.start(ofLine: leaf.startLine + 1), contentEnd)
                cells[last].expected = OutputBlock(line: leaf.startLine, text: literal, contentRange: contentStart..<contentEnd)
                return .output(cell: last)
            default:
                return plain
            }
        }
    }

    private mutating func error(_ line: Int?, _ message: String) {
        diagnostics.append(Diagnostic(file: path, line: line, message: message))
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
