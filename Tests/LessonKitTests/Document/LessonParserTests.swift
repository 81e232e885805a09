import Foundation
import Testing
@testable import LessonKit

@Suite struct LessonParserTests {
    let source = """
        ---
        summary: Freezing, one layer at a time.
        ---

        # Freezing *layers*

        Prose with a fenced block that is not a cell:

        ```python
        print("not run")
        ```

        ```swift hidden
        let a = 1
        ```


        ```output
        1
        ```

        ```swift expect-error standalone
        throw E()
        ```

        ```swift no-run
        ```
        """

    @Test func readsTitleMetadataCellsAndOutputs() {
        let parsed = LessonParser().parse(source: source, path: "lessons/01-freeze.md")
        #expect(parsed.diagnostics == [])
        let lesson = parsed.lesson
        #expect(lesson.title == "Freezing layers")
        #expect(lesson.summary == "Freezing, one layer at a time.")
        #expect(lesson.cells.count == 3)
        let first = lesson.cells[0]
        #expect(first.line == 13 && first.codeLine == 14 && first.endLine == 15)
        #expect(first.code == "let a = 1\n")
        #expect(first.options == CellOptions(hidden: true))
        #expect(first.expected?.line == 18)
        #expect(first.expected?.text == "1\n")
        let range = first.expected!.contentRange
        #expect(String(decoding: Array(source.utf8)[range], as: UTF8.self) == "1\n")
        #expect(lesson.cells[1].options == CellOptions(mode: .expectError, standalone: true))
        #expect(lesson.cells[1].expected == nil)
        #expect(lesson.cells[2].options.noRun && lesson.cells[2].code == "")
    }

    @Test func unknownOptionsAndStrayOutputsAreErrorsWithLines() {
        let parsed = LessonParser().parse(source: "# T\n\n```output\nx\n```\n\n```swift fast\n```\n", path: "l.md")
        #expect(parsed.diagnostics.map(\.formatted) == [
            "l.md:3: error: this output block does not follow a cell (only blank lines, and a cell's twin, may come between a cell and its output)",
            "l.md:7: error: unknown cell option `fast` (known: hidden, expect-error, no-run, standalone, timeout=SECONDS, swift-only=\"WHY\", predict)",
        ])
        #expect(!parsed.isRunnable)
    }

    @Test func missingTitleAndUnclosedFrontMatter() {
        let parsed = LessonParser().parse(source: "---\nsummary: x\n\nText.\n", path: "l.md")
        #expect(parsed.diagnostics.map(\.formatted) == [
            "l.md: error: the lesson has no `# Title` heading",
            "l.md:1: error: the front matter block opened here is never closed with `---`",
        ])
    }

    @Test func rawHTMLIsAWarningAtItsLineButCommentsAreNot() {
        let source = "# T\n\n<!-- a note -->\n\nText with <kbd>x</kbd>\nand more.\n\n<div onclick=\"x\">\nhi\n</div>\n\n```swift\nprint(1)\n```\n"
        let parsed = LessonParser().parse(source: source, path: "l.md")
        #expect(parsed.diagnostics.map(\.line) == [5, 8])
        #expect(parsed.diagnostics.allSatisfy { $0.severity == .warning && $0.message.hasPrefix("raw HTML is not rendered") })
        #expect(parsed.isRunnable)
    }

    @Test func frontMatterAfterAByteOrderMark() {
        let parsed = LessonParser().parse(source: "\u{FEFF}---\nsummary: x\n---\n\n# T\n\n```swift\nprint(1)\n```\n", path: "l.md")
        #expect(parsed.diagnostics == [])
        #expect(parsed.lesson.metadata == ["summary": "x"])
        #expect(parsed.lesson.title == "T")
    }

    @Test func notUTF8PointsAtTheLine() {
        let parsed = LessonParser().parse(data: Data([0x23, 0x20, 0x54, 0x0A, 0x0A, 0xFF, 0x0A]), path: "l.md")
        #expect(parsed.diagnostics.map(\.formatted) == ["l.md:3: error: the file is not valid UTF-8 (first bad byte at offset 5)"])
    }

    @Test func templateIsAValidLesson() {
        let template = LessonTemplate(title: "Freeze a Layer!", existingFileNames: ["01-a.md", "07-b.md", "notes.txt"])
        #expect(template.fileName == "08-freeze-a-layer.md")
        let parsed = LessonParser().parse(source: template.text, path: template.fileName)
        // Runnable, with one warning until the author writes a summary of their own.
        #expect(parsed.isRunnable)
        #expect(parsed.diagnostics.map(\.formatted) == [
            "08-freeze-a-layer.md:2: warning: the summary is still the template's placeholder; say in one sentence what this lesson shows (the site shows it)",
        ])
        #expect(parsed.lesson.title == "Freeze a Layer!")
        #expect(parsed.lesson.cells.first?.expected?.text == "2\n")
    }
}

@Suite struct LessonFileNameTests {
    @Test func onlyNumberedMarkdownFilesAreLessons() {
        #expect(LessonChecker.isLessonFileName("01-freeze.md"))
        #expect(LessonChecker.isLessonFileName("12-a-b.md"))
        #expect(!LessonChecker.isLessonFileName("index.md"))
        #expect(!LessonChecker.isLessonFileName("01-freeze.txt"))
        #expect(!LessonChecker.isLessonFileName("01freeze.md"))
    }

    @Test func aTwinBelongsToTheSwiftCellBeforeItAndSharesItsOutput() {
        let source = "# T\n\n```swift hidden\nlet a = 1\n```\n\n```python twin hidden\na = 1\n```\n\n```swift\nprint(a)\n```\n\n```python twin\nprint(a)\n```\n\n```output\n1\n```\n\n```python run standalone\nprint(2)\n```\n\n```python\nnot a cell\n```\n"
        let parsed = LessonParser().parse(source: source, path: "l.md")
        #expect(parsed.diagnostics.isEmpty)
        let lesson = parsed.lesson
        #expect(lesson.cells.map(\.language) == [.swift, .swift, .python])
        #expect(lesson.cells[0].twin == Twin(line: 7, codeLine: 8, code: "a = 1\n", endLine: 9))
        #expect(lesson.cells[1].twin?.line == 15 && lesson.cells[1].expected?.line == 19)
        #expect(lesson.cells[1].lastCodeLine == 17)
        #expect(lesson.cells[2].options.standalone && lesson.cells[2].twin == nil)
        #expect(lesson.blocks.filter { if case .prose = $0 { false } else { true } } == [
            .heading(Heading(level: 1, text: "T", lines: 1...1)), .cell(0), .twin(cell: 0), .cell(1), .twin(cell: 1),
            .output(cell: 1), .cell(2), .code(CodeBlock(line: 27, info: "python", code: "not a cell\n")),
        ])
        let plans = PythonProgramPlan.plans(for: lesson)
        #expect(plans.map(\.name) == ["python", "python-cell-3"])
        #expect(plans[0].entries.map(\.cell) == [0, 1] && plans[0].entries.allSatisfy(\.isTwin))
    }
}
