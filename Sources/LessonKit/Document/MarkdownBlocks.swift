import CCmark

/// A CommonMark document's top-level blocks, as libcmark parses them, each with the leaf blocks
/// inside it in order. Only what the lesson parser needs: headings with their text, code blocks
/// with their info string and content, and everything else as `other` (so an output block can
/// tell what came right before it).
struct MarkdownBlocks {
    enum Kind: Equatable {
        case heading(level: Int, text: String)
        case codeBlock(info: String, literal: String)
        case other
    }

    /// A leaf block: a heading, a code block, a paragraph, an HTML block or a thematic break.
    struct Leaf: Equatable {
        var kind: Kind
        var startLine: Int
        var endLine: Int
    }

    /// A top-level block. A leaf at top level is its own only leaf; a container (a list, a block
    /// quote) has kind `other` and the leaves inside it.
    struct Block: Equatable {
        var kind: Kind
        var startLine: Int
        var endLine: Int
        var leaves: [Leaf]
        /// Lines where raw HTML starts inside the block (HTML comments excluded): the site does
        /// not render it (libcmark's safe mode), so the parser warns there.
        var rawHTMLLines: [Int] = []
    }

    /// Parses `markdown` with libcmark (`CMARK_OPT_SOURCEPOS`) and lists its top-level blocks.
    static func parse(_ markdown: [UInt8]) -> [Block] {
        let document = markdown.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                cmark_parse_document($0, buffer.count, CMARK_OPT_SOURCEPOS)
            }
        }
        guard let document else { return [] }
        defer { cmark_node_free(document) }
        var blocks: [Block] = []
        var node = cmark_node_first_child(document)
        while let current = node {
            node = cmark_node_next(current)
            let leaves = Self.leaves(under: current)
            let start = Int(cmark_node_get_start_line(current)), end = Int(cmark_node_get_end_line(current))
            let type = cmark_node_get_type(current)
            let isLeaf = type == CMARK_NODE_HEADING || type == CMARK_NODE_CODE_BLOCK
            let kind = isLeaf && leaves.count == 1 ? leaves[0].kind : .other
            blocks.append(Block(kind: kind, startLine: start, endLine: max(start, end), leaves: leaves,
                                rawHTMLLines: rawHTMLLines(under: current)))
        }
        return blocks
    }

    /// The leaf blocks of `root`'s subtree (itself included), in document order.
    private static func leaves(under root: OpaquePointer) -> [Leaf] {
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        var leaves: [Leaf] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                leaves.append(Leaf(kind: .heading(level: Int(cmark_node_get_heading_level(node)), text: plainText(of: node)),
                                   startLine: start, endLine: end))
            case CMARK_NODE_CODE_BLOCK:
                let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                leaves.append(Leaf(kind: .codeBlock(info: info, literal: literal), startLine: start, endLine: end))
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK:
                leaves.append(Leaf(kind: .other, startLine: start, endLine: end))
            default:
                break
            }
        }
        return leaves
    }

    /// Where raw HTML (other than comments) starts in `root`'s subtree. Inline HTML has no
    /// position of its own in libcmark, so it is reported at its paragraph's first line.
    private static func rawHTMLLines(under root: OpaquePointer) -> [Int] {
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        var lines: [Int] = []
        var blockLine = Int(cmark_node_get_start_line(root))
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let line = Int(cmark_node_get_start_line(node))
            if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING { blockLine = line }
            guard type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE else { continue }
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            let trimmed = literal.drop { $0 == " " || $0 == "\n" }
            if trimmed.hasPrefix("<!--") { continue }
            let at = type == CMARK_NODE_HTML_BLOCK ? line : blockLine
            if lines.last != at { lines.append(at) }
        }
        return lines
    }

    /// The text of an inline subtree: text and code spans, breaks as spaces.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                text += plainText(of: current)
            }
            child = cmark_node_next(current)
        }
        return text
    }
}
