/// Makes Graphviz's SVG safe to inline in a page. A graph's DOT comes from a lesson cell, and
/// DOT can ask for links (`URL`, `href`), tooltips, images and stylesheets, which Graphviz turns
/// into `<a xlink:href="javascript:…">`, `<image>` and the like. Only drawing survives here: an
/// allow-list of elements and attributes; links are unwrapped (their drawing kept), anything
/// else (scripts, `foreignObject`, images, animation, styles) is dropped with its content, as
/// are comments, processing instructions and every event handler.
///
/// It reads the markup Graphviz writes (well-formed XML), not arbitrary HTML.
enum SVGSanitizer {
    /// Elements that only draw.
    static let elements: Set<String> = [
        "svg", "g", "title", "desc", "path", "polygon", "polyline", "ellipse", "circle", "rect", "line",
        "text", "tspan", "defs", "lineargradient", "radialgradient", "stop",
    ]
    /// Elements whose tags go but whose drawing stays.
    static let unwrapped: Set<String> = ["a"]
    /// Presentation attributes Graphviz writes, and the root's size and accessibility. No `id`:
    /// several graphs share a page, and their ids would collide.
    static let attributes: Set<String> = [
        "class", "width", "height", "viewbox", "preserveaspectratio", "xmlns", "role", "aria-label", "transform",
        "fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "opacity",
        "d", "points", "cx", "cy", "rx", "ry", "r", "x", "y", "x1", "y1", "x2", "y2", "dx", "dy",
        "text-anchor", "font-family", "font-size", "font-weight", "font-style", "text-decoration", "baseline-shift",
        "offset", "stop-color", "stop-opacity", "gradientunits", "gradienttransform", "xml:space",
    ]

    /// `svg` with everything that is not drawing removed.
    static func sanitize(_ svg: String) -> String {
        var out = ""
        var rest = Substring(svg)
        /// Elements being dropped with their content, innermost last.
        var dropping: [String] = []
        while let open = rest.firstIndex(of: "<") {
            if dropping.isEmpty { out += rest[..<open] }
            rest = rest[open...]
            // Comments, CDATA, doctype and processing instructions go whole.
            if rest.hasPrefix("<!--") {
                rest = rest.range(of: "-->").map { rest[$0.upperBound...] } ?? ""
                continue
            }
            if rest.hasPrefix("<![CDATA[") {
                rest = rest.range(of: "]]>").map { rest[$0.upperBound...] } ?? ""
                continue
            }
            guard let tag = Tag(reading: &rest) else {
                if dropping.isEmpty { out += "&lt;" }
                rest = rest.dropFirst()
                continue
            }
            if tag.isDeclaration { continue }
            if !dropping.isEmpty {
                if tag.isEnd, tag.name == dropping.last { dropping.removeLast() }
                else if !tag.isEnd, !tag.selfClosing { dropping.append(tag.name) }
                continue
            }
            if unwrapped.contains(tag.name) { continue }
            guard elements.contains(tag.name) else {
                if !tag.isEnd, !tag.selfClosing { dropping.append(tag.name) }
                continue
            }
            out += tag.isEnd ? "</\(tag.rawName)>" : tag.rebuilt(keeping: attributes)
        }
        if dropping.isEmpty { out += rest }
        return out
    }

    /// One tag as written: its name, attributes (raw values, entities left as written), and
    /// whether it ends an element or closes itself.
    struct Tag {
        var rawName: String
        var name: String { rawName.lowercased() }
        var attributes: [(name: String, value: String)] = []
        var isEnd = false
        var selfClosing = false
        var isDeclaration = false

        /// Reads a tag at the start of `text` (which starts with `<`), advancing past it.
        init?(reading text: inout Substring) {
            var i = text.index(after: text.startIndex)
            guard i < text.endIndex else { return nil }
            if text[i] == "?" || text[i] == "!" {
                guard let end = text[i...].firstIndex(of: ">") else { return nil }
                rawName = ""
                isDeclaration = true
                text = text[text.index(after: end)...]
                return
            }
            if text[i] == "/" { isEnd = true; i = text.index(after: i) }
            let nameEnd = text[i...].firstIndex { !($0.isLetter || $0.isNumber || $0 == ":" || $0 == "-" || $0 == "_") } ?? text.endIndex
            guard nameEnd > i else { return nil }
            rawName = String(text[i..<nameEnd])
            i = nameEnd
            while i < text.endIndex {
                let c = text[i]
                if c == ">" { text = text[text.index(after: i)...]; return }
                if c == "/" { selfClosing = true; i = text.index(after: i); continue }
                if c.isWhitespace { i = text.index(after: i); continue }
                let attributeEnd = text[i...].firstIndex { $0 == "=" || $0 == ">" || $0 == "/" || $0.isWhitespace } ?? text.endIndex
                let attribute = String(text[i..<attributeEnd])
                i = attributeEnd
                var value = ""
                if i < text.endIndex, text[i] == "=" {
                    i = text.index(after: i)
                    guard i < text.endIndex else { return nil }
                    if text[i] == "\"" || text[i] == "'" {
                        let quote = text[i]
                        let start = text.index(after: i)
                        guard let close = text[start...].firstIndex(of: quote) else { return nil }
                        value = String(text[start..<close])
                        i = text.index(after: close)
                    } else {
                        let end = text[i...].firstIndex { $0 == ">" || $0.isWhitespace } ?? text.endIndex
                        value = String(text[i..<end])
                        i = end
                    }
                }
                if attribute.isEmpty { i = text.index(after: i); continue }
                attributes.append((attribute, value))
            }
            return nil  // never closed
        }

        /// The start tag with only the allowed attributes, every value double-quoted.
        func rebuilt(keeping allowed: Set<String>) -> String {
            var tag = "<" + rawName
            for (name, value) in attributes where allowed.contains(name.lowercased()) {
                let quoted = value.replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
                tag += " \(name)=\"\(quoted)\""
            }
            return tag + (selfClosing ? "/>" : ">")
        }
    }
}
