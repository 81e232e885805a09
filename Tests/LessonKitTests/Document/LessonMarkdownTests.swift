import Testing
@testable import LessonKit

/// `Lesson.markdown` is what both the runner and the site hand to libcmark.
@Suite struct LessonMarkdownTests {
    func markdown(_ source: String) -> String {
        LessonParser().parse(source: source, path: "lesson.md").lesson.markdown
    }

    @Test func frontMatterBecomesBlankLinesKeepingLineNumbers() {
        let source = "---\nsummary: x\n---\n# Title\n\n```swift\nlet a = 1\n```\n"
        #expect(markdown(source) == "\n\n\n# Title\n\n```swift\nlet a = 1\n```\n")
    }

    @Test func noFrontMatterLeavesSourceAlone() {
        #expect(markdown("# T\n---\n") == "# T\n---\n")
    }

    /// An unclosed block is not front matter (the parser reports it); its text stays Markdown,
    /// so the site shows what the runner parsed instead of blanking the whole lesson.
    @Test func unclosedFrontMatterStaysMarkdown() {
        let source = "---\nsummary: x\n# Title\n"
        #expect(markdown(source) == source)
        #expect(LessonParser().parse(source: source, path: "lesson.md").diagnostics.contains {
            $0.line == 1 && $0.message.contains("never closed")
        })
    }
}
