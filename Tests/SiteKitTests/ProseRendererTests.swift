import LessonKit
import Testing
@testable import SiteKit

/// The site renders the lesson parser's blocks; libcmark only turns a block's lines into HTML.
@Suite struct ProseRendererTests {
    func render(_ markdown: String, cell: @escaping (Cell) -> String = { "<CELL \($0.index)>" }) throws -> DocumentRenderer.Rendered {
        let lesson = LessonParser().parse(source: markdown, path: "l.md").lesson
        return try DocumentRenderer(lesson: lesson, renderCell: cell).render()
    }

    @Test func headingsGetUniqueSlugIDsAndInlineMarkup() throws {
        let rendered = try render("# The *Title*\n\n## Why `requires_grad`?\n\n## Why `requires_grad`?\n\n### Search\n")
        #expect(rendered.headings.map(\.id) == ["the-title", "why-requires_grad", "why-requires_grad-1", "search-1"])
        #expect(rendered.html.hasPrefix("<h1 id=\"the-title\">The <em>Title</em></h1>\n"))
        #expect(rendered.headings[1].text == "Why requires_grad?")
    }

    @Test func proseIsRenderedSafelyWithSmartPunctuation() {
        let rendered = ProseRenderer.render("He said \"frozen\" -- really.\n\n<script>alert(1)</script>\n")
        #expect(rendered.html.contains("“frozen” – really"))
        #expect(!rendered.html.contains("<script>"))
        #expect(rendered.text == "He said “frozen” – really.")
    }

    @Test func cellsInsideListsRenderInPlace() throws {
        let rendered = try render("# T\n\n- step one\n\n  ```swift\n  let a = 1\n  ```\n\n  ```output\n  1\n  ```\n- step two\n")
        // The cell stands inside its list item, not wrapped in a paragraph; its output block is
        // shown by the cell, so it adds nothing of its own.
        #expect(rendered.html.contains("<li>\n<p>step one</p>\n<CELL 0></li>\n<li>\n<p>step two</p>\n</li>"))
        #expect(!rendered.html.contains("<p><CELL") && !rendered.html.contains("<pre>"))
    }

    @Test func referenceLinksResolveInEveryBlock() throws {
        let rendered = try render("# T\n\nSee [the docs][docs].\n\n- and [again][docs]\n\n[docs]: https://example.com/docs\n")
        #expect(rendered.html.components(separatedBy: "<a href=\"https://example.com/docs\">").count == 3)
    }

    @Test func searchSeesProseAndShownCellsNotHiddenOnesOrOutputs() throws {
        let rendered = try render("# T\n\nWords here.\n\n```swift hidden\nlet secret = 1\n```\n\n```swift\nlet shown = 2\n```\n\n```output\nprinted\n```\n")
        let words = rendered.search.compactMap { if case .words(let text) = $0 { text } else { nil } }
        #expect(words == ["Words here.", "let shown = 2\n"])
    }

    @Test func shortInlineCodeDoesNotWrapLongCodeMay() {
        let html = ProseRenderer.render("Set `requires_grad = False` or call `optimizer_only_then_unfreeze_stale_grad`.\n").html
        #expect(html.contains("<code class=\"nowrap\">requires_grad = False</code>"))
        #expect(html.contains("<code>optimizer_only_then_unfreeze_stale_grad</code>"))
        // The limit counts characters, not the bytes of their escapes.
        let limit = ProseRenderer.nowrapLimit
        let atLimit = "<code>" + String(repeating: "&lt;", count: limit) + "</code>"
        let overLimit = "<code>" + String(repeating: "a", count: limit + 1) + "</code>"
        #expect(ProseRenderer.markingShortInlineCode(atLimit).hasPrefix("<code class=\"nowrap\">"))
        #expect(ProseRenderer.markingShortInlineCode(overLimit) == overLimit)
        #expect(ProseRenderer.markingShortInlineCode("<pre><code>x</code></pre>") == "<pre><code>x</code></pre>")
    }

    @Test func plainCodeBlocksAreHighlightedAndLabelled() throws {
        let rendered = try render("# T\n\n```python\nx = 1\n```\n")
        #expect(rendered.html.contains("<pre class=\"prose-code\"><code class=\"language-python\">x = 1</code></pre>"))
    }

    @Test func summaryRendersAsInlineMarkdownAndPlainText() {
        let summary = ProseRenderer.inline("`backward()` adds into `.grad`, it's *not* [reset](https://example.com).")
        #expect(summary.html == "<code class=\"nowrap\">backward()</code> adds into <code class=\"nowrap\">.grad</code>, it’s <em>not</em> reset.")
        #expect(summary.text == "backward() adds into .grad, it’s not reset.")
        let unsafe = ProseRenderer.inline("a <script>alert(1)</script> b [x](javascript:alert(1))")
        #expect(!unsafe.html.contains("<script") && !unsafe.html.contains("<a ") && !unsafe.html.contains("javascript"))
        #expect(!unsafe.html.hasPrefix("<p>") && !unsafe.text.contains("<"))
    }
}
