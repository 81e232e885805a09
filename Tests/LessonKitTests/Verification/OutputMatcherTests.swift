import Testing
@testable import LessonKit

@Suite struct OutputMatcherTests {
    @Test(arguments: [
        ("a\nb\n", "a\nb\n", true),
        ("a\nb\n", "a\nb", true),
        ("a  \n", "a\n", true),
        ("a\n", "a\nb\n", false),
        ("", "", true),
        ("", "x\n", false),
        ("a\n...\nz\n", "a\nz\n", true),
        ("a\n...\nz\n", "a\nb\nc\nz\n", true),
        ("a\n...\nz\n", "a\nb\nc\n", false),
        ("...\n", "anything\nat all\n", true),
        ("...\nb\n...\nd\n", "a\nb\nc\nb\nd\n", true),
        ("a\n...\n", "b\n", false),
        ("....\n", "x\n", false),
    ])
    func matches(expected: String, actual: String, result: Bool) {
        #expect(OutputMatcher.matches(expected: expected, actual: actual) == result)
    }

    @Test func diffShowsRemovedThenAdded() {
        let diff = UnifiedDiff.text(expected: "1\n2\n3\n", actual: "1\n4\n3\n", expectedLabel: "e", actualLabel: "a")
        #expect(diff == "--- e\n+++ a\n@@ -1,3 +1,3 @@\n 1\n-2\n+4\n 3")
        #expect(UnifiedDiff.text(expected: "x\n", actual: "x", expectedLabel: "e", actualLabel: "a") == "")
    }
}

/// Where a report points, and what bless still owes: the first output line that differs, and the
/// cells bless cannot cure.
@Suite struct ReportPlacesTests {
    static let source = "# L\n\n```swift\nprint(1)\n```\n\n```output\none\nTWO\nthree\n```\n\n```swift\nprint(2)\n```\n\n```output\nx\n```\n\n```swift expect-error\nprint(3)\n```\n\n```output\nthree\nthe error\n```\n"

    @Test func firstDifferenceFindsTheLineAcrossEllipses() {
        #expect(OutputMatcher.firstDifference(expected: "a\nb\nc\n", actual: "a\nB\nc\n") == 1)
        #expect(OutputMatcher.firstDifference(expected: "a\nb\n", actual: "a\nb\nextra\n") == 2)
        #expect(OutputMatcher.firstDifference(expected: "a\n...\ny\nz\n", actual: "a\nq\nr\ny\nZ\n") == 3)
        #expect(OutputMatcher.firstDifference(expected: "a\n...\nz\n", actual: "b\nz\n") == 0)
    }

    @Test func aMismatchPointsAtTheLineThatDiffersAndAMissingErrorShowsNoDiffForWhatMatched() {
        let lesson = LessonParser().parse(source: Self.source, path: "l.md").lesson
        let result = LessonResult(path: "l.md", cells: [
            CellResult(index: 0, outcome: .mismatch(expected: "one\nTWO\nthree\n", actual: "one\ntwo\nthree\n"), actual: "one\ntwo\nthree\n"),
            CellResult(index: 1, outcome: .passed, actual: "x\n"),
            CellResult(index: 2, outcome: .expectedErrorMissing, actual: "three\n"),
        ])
        let findings = Finding.of(lesson: lesson, result: result)
        #expect(findings.map(\.diagnostic.line) == [9, 21])
        #expect(findings[0].diff != nil && findings[1].diff == nil)
    }

    @Test func blessOwesWhatCrashedOrDidNotRun() {
        let lesson = LessonParser().parse(source: Self.source, path: "l.md").lesson
        let result = LessonResult(path: "l.md", cells: [
            CellResult(index: 0, outcome: .mismatch(expected: "one\nTWO\nthree\n", actual: "1\n"), actual: "1\n"),
            CellResult(index: 1, outcome: .trapped(message: "Fatal error", line: 14), actual: ""),
            CellResult(index: 2, outcome: .notRun(.stoppedBy(cell: 1, line: 13, .trapped))),
        ])
        let outputs = Blessing.outputs(for: lesson, result: result)
        #expect(outputs.keys.sorted() == [0])
        let owed = Blessing.stillFailing(lesson, result: result, outputs: outputs)
        #expect(owed.map(\.cell) == [1, 2])
        #expect(owed.filter(\.isFailure).map(\.diagnostic.line) == [14])
    }
}
