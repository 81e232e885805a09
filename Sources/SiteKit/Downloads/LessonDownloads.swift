import Foundation
import LessonKit

/// A lesson's PyTorch side as files a reader can take away: `NN-slug.py` (every PyTorch cell in
/// order, hidden ones included, so `python NN-slug.py` prints the lesson's outputs) and
/// `NN-slug.ipynb` (the prose as Markdown cells, the PyTorch cells as code cells with their
/// verified outputs; nbformat 4.5). Made from the parsed lesson at build time, so they cannot
/// drift from the page.
struct LessonDownloads {
    var lesson: Lesson

    /// One PyTorch cell: a twin (with its Swift cell's mode) or a `python run` cell.
    struct PythonCell {
        var cell: Cell
        var line: Int
        var code: String
        var hidden: Bool { cell.options.hidden }
        var mode: CellMode { cell.options.mode }
    }

    /// The lesson's PyTorch cells, in order.
    var pythonCells: [PythonCell] {
        lesson.cells.compactMap { cell in
            if cell.language == .python {
                return PythonCell(cell: cell, line: cell.line, code: cell.code)
            }
            guard let twin = cell.twin else { return nil }
            return PythonCell(cell: cell, line: twin.line, code: twin.code)
        }
    }

    /// Whether the lesson has a PyTorch side to download.
    var isEmpty: Bool { pythonCells.isEmpty }

    /// A cell's code as it runs on its own: an `expect-error` cell prints its error, as the lesson
    /// shows it; a `no-run` cell is there as comments.
    static func runnable(_ cell: PythonCell) -> String {
        let code = cell.code.hasSuffix("\n") ? String(cell.code.dropLast()) : cell.code
        switch cell.mode {
        case .run: return code
        case .noRun: return code.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }.joined(separator: "\n")
        case .expectError:
            let body = code.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }
            return (["try:"] + body + ["except Exception as error:", "    print(error)"]).joined(separator: "\n")
        }
    }

    /// `NN-slug.py`.
    func script(slug: String) -> String {
        var text = "# \(lesson.title): the PyTorch side of FreezeLab's lesson \(slug), every PyTorch cell in order.\n"
        text += "# `python \(slug).py` prints the lesson's outputs, as verified when the site was built.\n"
        text += PythonProgramPlan.prelude
        for cell in pythonCells {
            let note = cell.mode == .expectError ? ", raises: the lesson shows the error" : cell.mode == .noRun ? ", not run" : ""
            text += "\n# \(cell.cell.name) (\(lesson.path):\(cell.line))\(note)\n" + Self.runnable(cell) + "\n"
        }
        return text
    }

    // MARK: - The notebook

    private struct Notebook: Encodable {
        var cells: [NotebookCell]
        var metadata = Metadata()
        var nbformat = 4
        var nbformat_minor = 5

        struct Metadata: Encodable {
            var kernelspec = ["display_name": "Python 3", "language": "python", "name": "python3"]
            var language_info = ["name": "python"]
        }
    }

    private struct NotebookCell: Encodable {
        var cell_type: String
        var id: String
        var metadata: [String: [String: Bool]]
        var source: [String]
        var outputs: [Output]?
        var execution_count: Int??

        struct Output: Encodable {
            var name = "stdout"
            var output_type = "stream"
            var text: [String]
        }

        func encode(to encoder: Encoder) throws {
            enum Key: String, CodingKey { case cell_type, id, metadata, source, outputs, execution_count }
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(cell_type, forKey: .cell_type)
            try c.encode(id, forKey: .id)
            try c.encode(metadata, forKey: .metadata)
            try c.encode(source, forKey: .source)
            if cell_type == "code" {
                try c.encode(outputs ?? [], forKey: .outputs)
                try c.encodeNil(forKey: .execution_count)
            }
        }
    }

    /// Text as a notebook stores it: lines, each with its newline but the last.
    private static func lines(_ text: String) -> [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        if let last = parts.popLast(), last != "\n" { parts.append(String(last.dropLast())) }
        return parts
    }

    /// `NN-slug.ipynb`: deterministic bytes (sorted keys, cell ids numbered in order).
    func notebook() throws -> Data {
        var cells: [NotebookCell] = []
        var markdown = ""
        func flush() {
            let text = markdown.trimmingCharacters(in: .newlines)
            if !text.isEmpty {
                cells.append(NotebookCell(cell_type: "markdown", id: "cell-\(cells.count + 1)", metadata: [:], source: Self.lines(text)))
            }
            markdown = ""
        }
        func code(_ source: String, output: String?, hidden: Bool) {
            flush()
            let outputs = (output ?? "").isEmpty ? [] : [NotebookCell.Output(text: Self.lines(output!))]
            cells.append(NotebookCell(cell_type: "code", id: "cell-\(cells.count + 1)",
                                      metadata: hidden ? ["jupyter": ["source_hidden": true]] : [:],
                                      source: Self.lines(source), outputs: outputs))
        }
        code(PythonProgramPlan.prelude.trimmingCharacters(in: .newlines), output: nil, hidden: false)
        let byCell = Dictionary(pythonCells.map { ($0.cell.index, $0) }, uniquingKeysWith: { first, _ in first })
        func add(_ block: LessonBlock) {
            switch block {
            case .heading(let heading): markdown += lesson.markdown(ofLines: heading.lines) + "\n"
            case .prose(let prose):
                if prose.nested.allSatisfy({ if case .code = $0 { true } else { false } }) {
                    markdown += lesson.markdown(ofLines: prose.lines) + "\n"
                } else {
                    // A cell inside a list item: the prose's text holds the Swift code too, so the
                    // notebook keeps what is PyTorch in it, in order.
                    prose.nested.forEach(add)
                }
            case .cell(let index):
                if let python = byCell[index], lesson.cells[index].language == .python {
                    code(Self.runnable(python), output: lesson.cells[index].expected?.text, hidden: python.hidden)
                }
            case .twin(let index):
                if let python = byCell[index] { code(Self.runnable(python), output: lesson.cells[index].expected?.text, hidden: python.hidden) }
            case .code(let block): markdown += "```\(block.info)\n\(block.code)```\n\n"
            case .frontMatter, .output: break
            }
        }
        lesson.blocks.forEach(add)
        flush()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(Notebook(cells: cells)) + Data("\n".utf8)
    }
}
