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

    @Test func shortInlineCodeDoesNotWrapLongCodeMay() {
        let document = MarkdownDocument(markdown: """
            Set `requires_grad = False` or call `optimizer_only_then_unfreeze_stale_grad`.

            ```
            plain block
            ```
            """)
        guard case .prose(let html, _, _) = document.blocks[0],
              case .code(let block) = document.blocks[1] else { Issue.record("unexpected blocks"); return }
        #expect(html.contains("<code class=\"nowrap\">requires_grad = False</code>"))
        #expect(html.contains("<code>optimizer_only_then_unfreeze_stale_grad</code>"))
        #expect(block.html == "<pre><code>plain block\n</code></pre>\n")
        // The limit counts characters, not the bytes of their escapes.
        let limit = MarkdownDocument.nowrapLimit
        let atLimit = "<code>" + String(repeating: "&lt;", count: limit) + "</code>"
        let overLimit = "<code>" + String(repeating: "a", count: limit + 1) + "</code>"
        #expect(MarkdownDocument.markingShortInlineCode(atLimit).hasPrefix("<code class=\"nowrap\">"))
        #expect(MarkdownDocument.markingShortInlineCode(overLimit) == overLimit)
        #expect(MarkdownDocument.markingShortInlineCode("<pre><code>x</code></pre>") == "<pre><code>x</code></pre>")
    }

    @Test func summaryRendersAsInlineMarkdownAndPlainText() {
        let summary = MarkdownDocument.inline("`backward()` adds into `.grad`, it's *not* [reset](https://example.com).")
        #expect(summary.html == "<code class=\"nowrap\">backward()</code> adds into <code class=\"nowrap\">.grad</code>, it’s <em>not</em> reset.")
        #expect(summary.text == "backward() adds into .grad, it’s not reset.")
        let unsafe = MarkdownDocument.inline("a <script>alert(1)</script> b [x](javascript:alert(1))")
        #expect(!unsafe.html.contains("<script") && !unsafe.html.contains("<a ") && !unsafe.html.contains("javascript"))
        #expect(!unsafe.html.hasPrefix("<p>") && !unsafe.text.contains("<"))
    }
}
