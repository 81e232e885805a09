import Foundation
import CCmark

/// Turns a range of a lesson's prose into HTML with libcmark, the only place SiteKit parses
/// Markdown. The document's structure — which blocks are headings, prose, cells — comes from the
/// lesson parser (``LessonKit/LessonBlock``); this renders one block's lines.
///
/// libcmark's HTML renderer runs in its default *safe* mode: raw HTML in a lesson is replaced by
/// a comment and `javascript:` links are dropped, so the site's markup is only ever what SiteKit
/// writes. Smart punctuation is on (curly quotes, dashes).
enum ProseRenderer {
    /// A rendered prose range.
    struct Rendered: Equatable {
        /// The HTML.
        var html: String
        /// Its plain text (text and code spans, no code blocks), for the search index.
        var text: String
    }

    /// Renders `markdown` (one block's lines, plus the lesson's link reference definitions).
    /// Code blocks inside it are replaced, in order, by `nested` (a cell's HTML, or nothing for
    /// an output block shown with its cell); a code block beyond `nested` keeps libcmark's HTML.
    /// Links to a place on the same page (`#section`) get `fragmentPrefix` after their `#`, as
    /// the one-page course prefixes each lesson's ids.
    static func render(_ markdown: String, nested: [String] = [], fragmentPrefix: String = "") -> Rendered {
        withDocument(markdown, options: CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8) { document in
            let text = plainText(of: document)
            if !fragmentPrefix.isEmpty { prefixFragments(in: document, with: fragmentPrefix) }
            let lifted = liftCodeBlocks(in: document, count: nested.count)
            var html = render(document)
            for (index, replacement) in nested.enumerated().prefix(lifted) {
                let placeholder = Self.placeholder(index)
                html = html.replacingOccurrences(of: "<p>\(placeholder)</p>\n", with: replacement)
                    .replacingOccurrences(of: placeholder, with: replacement)
            }
            return Rendered(html: html, text: text)
        }
    }

    /// A heading's Markdown as the inline HTML inside its tag (`<h2>Why <code>x</code></h2>` →
    /// `Why <code>x</code>`) and its plain text, both with smart punctuation (as the reader sees
    /// it, for the table of contents and search).
    static func heading(_ markdown: String) -> Rendered {
        let rendered = render(markdown)
        var inner = Substring(rendered.html.trimmingCharacters(in: .newlines))
        if let open = inner.firstIndex(of: ">") { inner = inner[inner.index(after: open)...] }
        if let close = inner.range(of: "</h", options: .backwards) { inner = inner[..<close.lowerBound] }
        return Rendered(html: String(inner), text: rendered.text)
    }

    /// A one-line Markdown text (a lesson's front-matter `summary`) as inline HTML — the wrapping
    /// `<p>…</p>` removed — and as plain text for places that take no markup
    /// (`<meta name="description">`). Links keep only their text: on the index a summary sits
    /// inside the lesson's link, and links do not nest.
    static func inline(_ markdown: String) -> Rendered {
        withDocument(markdown, options: CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8) { document in
            unwrapLinks(in: document)
            var html = render(document).trimmingCharacters(in: .whitespacesAndNewlines)
            if html.hasPrefix("<p>") && html.hasSuffix("</p>") && !html.dropFirst(3).contains("<p>") {
                html = String(html.dropFirst(3).dropLast(4))
            }
            let text = plainText(of: document).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            return Rendered(html: html, text: text)
        }
    }

    /// Code spans of at most this many characters never break across lines (36 monospace
    /// characters still fit a 390 px phone; longer spans may wrap rather than overflow).
    static let nowrapLimit = 36

    /// Adds `class="nowrap"` to every inline `<code>` (a code span: libcmark writes it bare,
    /// and a code block's as `<pre><code…`) whose text is at most ``nowrapLimit`` characters,
    /// so `requires_grad = False` stays on one line while a long identifier can still wrap on
    /// a phone instead of overflowing.
    static func markingShortInlineCode(_ html: String) -> String {
        let open = "<code>", close = "</code>"
        guard html.contains(open) else { return html }
        var out = ""
        var rest = Substring(html)
        while let start = rest.range(of: open) {
            out += rest[..<start.lowerBound]
            rest = rest[start.upperBound...]
            guard let end = rest.range(of: close) else { out += open; break }
            let content = rest[..<end.lowerBound]
            let isBlock = out.hasSuffix("<pre>")
            let short = unescapedLength(content) <= nowrapLimit
            out += !isBlock && short ? "<code class=\"nowrap\">" : open
            out += content + close
            rest = rest[end.upperBound...]
        }
        return out + rest
    }

    // MARK: - libcmark

    private static func withDocument<T>(_ markdown: String, options: Int32, _ body: (OpaquePointer) -> T) -> T {
        let document = markdown.withCString { cmark_parse_document($0, strlen($0), options) }!
        defer { cmark_node_free(document) }
        return body(document)
    }

    /// The text that stands for the `index`th nested code block while the HTML is rendered.
    private static func placeholder(_ index: Int) -> String { "FREEZELABNESTEDBLOCK\(index)END" }

    /// Replaces the first `count` code blocks under `node` by paragraphs holding placeholders;
    /// returns how many it replaced.
    private static func liftCodeBlocks(in node: OpaquePointer, count: Int) -> Int {
        guard count > 0 else { return 0 }
        let found = nodes(under: node, ofType: CMARK_NODE_CODE_BLOCK).prefix(count)
        for (index, child) in found.enumerated() {
            let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
            let text = cmark_node_new(CMARK_NODE_TEXT)!
            _ = cmark_node_set_literal(text, placeholder(index))
            _ = cmark_node_append_child(paragraph, text)
            _ = cmark_node_replace(child, paragraph)
            cmark_node_free(child)
        }
        return found.count
    }

    /// Puts `prefix` after the `#` of every link under `node` that points into the page.
    private static func prefixFragments(in node: OpaquePointer, with prefix: String) {
        for link in nodes(under: node, ofType: CMARK_NODE_LINK) {
            guard let url = cmark_node_get_url(link).map({ String(cString: $0) }), url.hasPrefix("#"), url.count > 1 else { continue }
            _ = cmark_node_set_url(link, "#" + prefix + url.dropFirst())
        }
    }

    /// The nodes of `type` under `node`, in document order.
    private static func nodes(under node: OpaquePointer, ofType type: cmark_node_type) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            if let child = cmark_iter_get_node(iterator), cmark_node_get_type(child) == type,
               cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER {
                found.append(child)
            }
        }
        return found
    }

    /// Renders one node (and its children) with libcmark's HTML renderer, safe mode. Short code
    /// spans get `class="nowrap"` (see ``markingShortInlineCode(_:)``).
    private static func render(_ node: OpaquePointer) -> String {
        guard let cString = cmark_render_html(node, CMARK_OPT_DEFAULT | CMARK_OPT_SMART) else { return "" }
        defer { free(cString) }
        return markingShortInlineCode(String(cString: cString))
    }

    /// Replaces every link under `node` by its content.
    private static func unwrapLinks(in node: OpaquePointer) {
        for link in nodes(under: node, ofType: CMARK_NODE_LINK) {
            while let child = cmark_node_first_child(link) {
                _ = cmark_node_insert_before(link, child)
            }
            cmark_node_free(link)
        }
    }

    /// The number of characters `html` (escaped text) stands for.
    private static func unescapedLength(_ html: Substring) -> Int {
        var count = 0
        var inEntity = false
        for ch in html {
            if inEntity {
                if ch == ";" { inEntity = false }
            } else if ch == "&" {
                inEntity = true
                count += 1
            } else {
                count += 1
            }
        }
        return count
    }

    /// The text of a node's descendants (text and code spans; code blocks are left out, since
    /// a cell's code is indexed only when the cell is shown).
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let child = cmark_iter_get_node(iterator),
                  cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH, CMARK_NODE_ITEM, CMARK_NODE_HEADING:
                if !text.isEmpty && !text.hasSuffix(" ") { text += " " }
            default: break
            }
        }
        return text
    }
}
