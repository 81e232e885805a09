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
