import Testing
@testable import LessonKit

@Suite struct OutputSplicerTests {
    let source = "# T\n\nProse   with  odd   spacing.\t\n\n```swift\nprint(1)\n```\n\n```output\nold\n```\n\n```swift\nprint(2)\n```\nTrailing prose, no newline"

    @Test func identicalOutputsChangeNoByte() {
        let lesson = LessonParser().parse(source: source, path: "l.md").lesson
        let spliced = OutputSplicer.splice(lesson, outputs: [0: "old\n", 1: ""])
        #expect(spliced == source)
    }

    @Test func onlyOutputBytesChange() {
        let lesson = LessonParser().parse(source: source, path: "l.md").lesson
        let spliced = OutputSplicer.splice(lesson, outputs: [0: "new\nlines"])
        let block = lesson.cells[0].expected!.contentRange
        let bytes = Array(source.utf8), after = Array(spliced.utf8)
        #expect(Array(after[..<block.lowerBound]) == Array(bytes[..<block.lowerBound]))
        #expect(Array(after.suffix(bytes.count - block.upperBound)) == Array(bytes[block.upperBound...]))
        #expect(LessonParser().parse(source: spliced, path: "l.md").lesson.cells[0].expected?.text == "new\nlines\n")
    }

    @Test func missingBlockIsAddedAfterTheCell() {
        let lesson = LessonParser().parse(source: source, path: "l.md").lesson
        let spliced = OutputSplicer.splice(lesson, outputs: [1: "2\n"])
        #expect(spliced.hasSuffix("```swift\nprint(2)\n```\n\n```output\n2\n```\nTrailing prose, no newline"))
        let reparsed = LessonParser().parse(source: spliced, path: "l.md")
        #expect(reparsed.diagnostics == [])
        #expect(reparsed.lesson.cells[1].expected?.text == "2\n")
        // Blessing the result again with the same outputs changes nothing.
        #expect(OutputSplicer.splice(reparsed.lesson, outputs: [0: "old\n", 1: "2\n"]) == spliced)
    }

    @Test func blessesOnlyMismatchedCells() {
        let lesson = LessonParser().parse(source: "# T\n\n```swift\n```\n\n```output\na\n...\n```\n\n```swift\n```\n", path: "l.md").lesson
        let result = LessonResult(path: "l.md", cells: [
            CellResult(index: 0, outcome: .passed, actual: "a\nb\n"),
            CellResult(index: 1, outcome: .missingOutputBlock(actual: "z\n"), actual: "z\n"),
        ])
        #expect(Blessing.outputs(for: lesson, result: result) == [1: "z\n"])
    }

    @Test func neverBlessesACellThatDidNotFinish() {
        let lesson = LessonParser().parse(source: "# T\n\n```swift\n```\n\n```output\na\n```\n\n```swift\n```\n", path: "l.md").lesson
        let result = LessonResult(path: "l.md", cells: [
            CellResult(index: 0, outcome: .trapped(message: "Fatal error: x", line: 4), actual: "partial\n"),
            CellResult(index: 1, outcome: .timedOut(seconds: 3), actual: "half\n"),
        ])
        #expect(Blessing.outputs(for: lesson, result: result).isEmpty)
    }

    @Test func aTwinThatDisagreesWithTheBlessedOutputIsReported() {
        let lesson = LessonParser().parse(source: "# T\n\n```swift\n```\n\n```python twin\n```\n\n```output\nold\n```\n\n```swift\n```\n\n```python twin\n```\n", path: "l.md").lesson
        let result = LessonResult(path: "l.md", cells: [
            CellResult(index: 0, outcome: .mismatch(expected: "old\n", actual: "new\n"), actual: "new\n",
                       twin: TwinResult(outcome: .mismatch(expected: "old\n", actual: "other\n"), actual: "other\n")),
            CellResult(index: 1, outcome: .passed, actual: "", twin: TwinResult(outcome: .raised(exception: "ValueError: x", line: 16))),
        ])
        let outputs = Blessing.outputs(for: lesson, result: result)
        #expect(outputs == [0: "new\n"])
        #expect(Blessing.disagreeingTwins(lesson, result: result, outputs: outputs).map(\.formatted) == [
            "l.md:6: error: cell 1 (PyTorch twin): prints something else than the blessed output",
            "l.md:16: error: cell 2 (PyTorch twin): raised at line 16: ValueError: x",
        ])
        // A twin that prints what is blessed is fine.
        var agreeing = result
        agreeing.cells[0].twin = TwinResult(outcome: .mismatch(expected: "old\n", actual: "new\n"), actual: "new\n")
        #expect(Blessing.disagreeingTwins(lesson, result: agreeing, outputs: outputs).count == 1)
    }
}
