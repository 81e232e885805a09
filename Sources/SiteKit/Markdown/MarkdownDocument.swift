import Foundation
import CCmark

/// A lesson's Markdown as a list of top-level blocks, parsed by libcmark (the same parser the
/// runner uses, so a code block's start line is the ``Cell/line`` of the cell it holds).
///
/// Prose blocks are rendered to HTML by libcmark's own renderer in its default *safe* mode: raw
/// HTML in a lesson is replaced by a comment and `javascript:` links are dropped, so the site's
/// markup is only ever what SiteKit writes. Smart punctuation is on (curly quotes, dashes).
struct MarkdownDocument {
    /// One top-level block of the document.
    enum Block: Equatable {
        /// Prose, already HTML, with its plain text for the search index. Code blocks nested in
        /// it (a cell inside a list item) are lifted out and stand in the HTML as
        /// ``placeholder(for:)`` so the page can render them like top-level ones.
        case prose(html: String, text: String, nested: [CodeBlock])
        /// A heading, with the id the table of contents links to.
        case heading(Heading)
        /// A top-level code block.
        case code(CodeBlock)
    }

    /// A fenced or indented code block.
    struct CodeBlock: Equatable {
        /// 1-based line of the opening fence (``Cell/line`` for a cell).
        var line: Int
        /// The info string (`swift`, `output`, `python`, …).
        var info: String
        /// The code.
        var text: String
        /// libcmark's plain rendering, for blocks that are neither cells nor outputs.
        var html: String
    }

    /// The text that stands for a nested code block in a prose block's HTML.
    static func placeholder(for block: CodeBlock) -> String { "FREEZELABCODEBLOCKAT\(block.line)END" }

    /// A heading with its anchor.
    struct Heading: Equatable {
        var level: Int
        var text: String
        var id: String
        /// The inline HTML of the heading's content (emphasis, code spans kept).
        var innerHTML: String
    }

    var blocks: [Block]

    /// Ids SiteKit's page chrome already uses; headings get a suffix instead.
    static let reservedIDs: Set<String> = ["content", "sidebar", "toc", "search", "search-results", "top", "failures"]

    /// Parses `markdown` as given; for a lesson that is ``LessonKit/Lesson/markdown``, whose
    /// front matter the lesson parser has already blanked.
    init(markdown text: String) {
        var blocks: [Block] = []
        var usedIDs = Self.reservedIDs
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8
        let document = text.withCString { cmark_parse_document($0, strlen($0), options) }!
        defer { cmark_node_free(document) }
        var node = cmark_node_first_child(document)
        while let current = node {
            node = cmark_node_next(current)
            let html = Self.render(current)
            switch cmark_node_get_type(current) {
            case CMARK_NODE_HEADING:
                let level = Int(cmark_node_get_heading_level(current))
                let headingText = Self.plainText(of: current)
                var id = HTML.slug(headingText)
                if usedIDs.contains(id) {
                    var n = 1
                    while usedIDs.contains("\(id)-\(n)") { n += 1 }
                    id = "\(id)-\(n)"
                }
                usedIDs.insert(id)
                blocks.append(.heading(Heading(level: level, text: headingText, id: id,
                                               innerHTML: Self.innerHTML(ofHeading: html))))
            case CMARK_NODE_CODE_BLOCK:
                blocks.append(.code(Self.codeBlock(current, html: html)))
            default:
                let text = Self.plainText(of: current)
                let nested = Self.liftingCodeBlocks(out: current)
                blocks.append(.prose(html: nested.isEmpty ? html : Self.render(current), text: text, nested: nested))
            }
        }
        self.blocks = blocks
    }

    static func codeBlock(_ node: OpaquePointer, html: String) -> CodeBlock {
        let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        return CodeBlock(line: Int(cmark_node_get_start_line(node)), info: info, text: literal, html: html)
    }

    /// Replaces every code block under `node` by a paragraph holding its placeholder.
    static func liftingCodeBlocks(out node: OpaquePointer) -> [CodeBlock] {
        var found: [OpaquePointer] = []
        let iterator = cmark_iter_new(node)
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            if let child = cmark_iter_get_node(iterator), cmark_node_get_type(child) == CMARK_NODE_CODE_BLOCK,
               cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER {
                found.append(child)
            }
        }
        cmark_iter_free(iterator)
        return found.map { child in
            let block = codeBlock(child, html: render(child))
            let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
            let text = cmark_node_new(CMARK_NODE_TEXT)!
            _ = cmark_node_set_literal(text, placeholder(for: block))
            _ = cmark_node_append_child(paragraph, text)
            _ = cmark_node_replace(child, paragraph)
            cmark_node_free(child)
            return block
        }
    }

    /// The headings, in order.
    var headings: [Heading] {
        blocks.compactMap { if case .heading(let h) = $0 { h } else { nil } }
    }

    /// Renders one node (and its children) with libcmark's HTML renderer, safe mode. Short code
    /// spans get `class="nowrap"` (see ``markingShortInlineCode(_:)``).
    static func render(_ node: OpaquePointer) -> String {
        guard let cString = cmark_render_html(node, CMARK_OPT_DEFAULT | CMARK_OPT_SMART) else { return "" }
        defer { free(cString) }
        return markingShortInlineCode(String(cString: cString))
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

    /// Replaces every link under `node` by its content.
    static func unwrapLinks(in node: OpaquePointer) {
        var links: [OpaquePointer] = []
        let iterator = cmark_iter_new(node)
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            if let child = cmark_iter_get_node(iterator), cmark_node_get_type(child) == CMARK_NODE_LINK,
               cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER {
                links.append(child)
            }
        }
        cmark_iter_free(iterator)
        for link in links {
            while let child = cmark_node_first_child(link) {
                _ = cmark_node_insert_before(link, child)
            }
            cmark_node_free(link)
        }
    }

    /// The number of characters `html` (escaped text) stands for.
    static func unescapedLength(_ html: Substring) -> Int {
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

    /// A one-line Markdown text (a lesson's front-matter `summary`) as inline HTML — libcmark,
    /// safe mode, smart punctuation, the wrapping `<p>…</p>` removed — and as plain text for
    /// places that take no markup (`<meta name="description">`). Links keep only their text:
    /// on the index a summary sits inside the lesson's link, and links do not nest.
    static func inline(_ markdown: String) -> (html: String, text: String) {
        let options = CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8
        let document = markdown.withCString { cmark_parse_document($0, strlen($0), options) }!
        defer { cmark_node_free(document) }
        unwrapLinks(in: document)
        var html = render(document).trimmingCharacters(in: .whitespacesAndNewlines)
        if html.hasPrefix("<p>") && html.hasSuffix("</p>") && !html.dropFirst(3).contains("<p>") {
            html = String(html.dropFirst(3).dropLast(4))
        }
        let text = plainText(of: document).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return (html, text)
    }

    /// The text of a node's descendants (text and code spans), for ids and the search index.
    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let child = cmark_iter_get_node(iterator),
                  cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH, CMARK_NODE_ITEM, CMARK_NODE_HEADING:
                if !text.isEmpty && !text.hasSuffix(" ") { text += " " }
            default: break
            }
        }
        return text
    }

    /// `<h2>Inner</h2>\n` → `Inner`.
    static func innerHTML(ofHeading html: String) -> String {
        var inner = Substring(html.trimmingCharacters(in: .newlines))
        if let open = inner.firstIndex(of: ">") { inner = inner[inner.index(after: open)...] }
        if let close = inner.range(of: "</h", options: .backwards) { inner = inner[..<close.lowerBound] }
        return String(inner)
    }
}
