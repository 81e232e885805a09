import CCmark

/// The leaf blocks of a CommonMark document in order, as libcmark parses them. Only what the
/// lesson parser needs: headings with their text, code blocks with their info string and
/// content, and everything else as `other` (so an output block can tell what came before it).
struct MarkdownBlocks {
    enum Kind: Equatable {
        case heading(level: Int, text: String)
        case codeBlock(info: String, literal: String)
        case other
    }

    struct Block: Equatable {
        var kind: Kind
        var startLine: Int
        var endLine: Int
    }

    /// Parses `markdown` with libcmark (`CMARK_OPT_SOURCEPOS`) and lists its leaf blocks.
    static func parse(_ markdown: [UInt8]) -> [Block] {
        let document = markdown.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                cmark_parse_document($0, buffer.count, CMARK_OPT_SOURCEPOS)
            }
        }
        guard let document else { return [] }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }

        var blocks: [Block] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                blocks.append(Block(kind: .heading(level: Int(cmark_node_get_heading_level(node)), text: plainText(of: node)),
                                    startLine: start, endLine: end))
            case CMARK_NODE_CODE_BLOCK:
                let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                blocks.append(Block(kind: .codeBlock(info: info, literal: literal), startLine: start, endLine: end))
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK:
                blocks.append(Block(kind: .other, startLine: start, endLine: end))
            default:
                break
            }
        }
        return blocks
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
