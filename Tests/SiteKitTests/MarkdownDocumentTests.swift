import Testing
@testable import SiteKit

@Suite struct MarkdownDocumentTests {
    @Test func codeBlocksKeepTheirFileLines() {
        let document = MarkdownDocument(markdown: "\n\n\n# Title\n\n```swift\nlet a = 1\n```\n")
        #expect(document.blocks.count == 2)
        guard case .code(let code) = document.blocks[1] else { Issue.record("no code block"); return }
        #expect(code.line == 6 && code.info == "swift" && code.text == "let a = 1\n")
    }

    @Test func headingsGetUniqueSlugIDs() {
        let document = MarkdownDocument(markdown: "# The *Title*\n\n## Why `requires_grad`?\n\n## Why `requires_grad`?\n\n### Search\n")
        let headings = document.headings
        #expect(headings.map(\.id) == ["the-title", "why-requires_grad", "why-requires_grad-1", "search-1"])
        #expect(headings[0].innerHTML == "The <em>Title</em>")
        #expect(headings[1].text == "Why requires_grad?")
    }

    @Test func proseIsRenderedSafelyWithSmartPunctuation() {
        let document = MarkdownDocument(markdown: "He said \"frozen\" -- really.\n\n<script>alert(1)</script>\n")
        guard case .prose(let html, let text, _) = document.blocks[0] else { Issue.record("no prose"); return }
        #expect(html.contains("“frozen” – really"))
        #expect(text == "He said “frozen” – really.")
        guard case .prose(let raw, _, _) = document.blocks[1] else { Issue.record("no html block"); return }
        #expect(!raw.contains("<script>"))
    }

    @Test func codeBlocksInsideListsAreLiftedOut() {
        let document = MarkdownDocument(markdown: "- step one\n\n  ```swift\n  let a = 1\n  ```\n")
        guard case .prose(let html, _, let nested) = document.blocks[0] else { Issue.record("no list"); return }
        #expect(nested.count == 1 && nested[0].line == 3)
        #expect(html.contains(MarkdownDocument.placeholder(for: nested[0])))
    }
}
