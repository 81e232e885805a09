import Figures
import Foundation

/// Draws a ``GraphFigure`` with ``Graphviz`` and cleans the SVG for inlining:
/// only drawing (``SVGSanitizer``: a lesson's DOT cannot put a link or script on the page),
/// no XML prolog, no comments (they carry the Graphviz version), no ids (several graphs share a
/// page), no per-node tooltips, and the figure's title as the accessible name.
///
/// Node and edge `class` attributes in the DOT (`frozen`, `trainable`, `op`, `nograd`) reach
/// the SVG as `<g class="node frozen">`, which the theme colours for both light and dark.
struct GraphSVG {
    var graph: GraphFigure

    /// The `<svg>` element.
    func render() throws -> String {
        clean(try Graphviz.svg(from: graph.dot))
    }

    /// Graphviz's SVG, made fit to inline in a page.
    func clean(_ raw: String) -> String {
        var svg = raw
        if let start = svg.range(of: "<svg") { svg = String(svg[start.lowerBound...]) }
        svg = SVGSanitizer.sanitize(svg)
        svg = Self.removing(svg, from: "<title>", to: "</title>")
        // The root element: keep size and viewBox, add the class and accessible name.
        if let end = svg.range(of: ">") {
            let attributes = svg[svg.index(svg.startIndex, offsetBy: 4)..<end.lowerBound]
                .replacingOccurrences(of: "\n", with: " ")
            svg = "<svg class=\"graph\" role=\"img\" aria-label=\"\(HTML.attribute(graph.title))\"\(attributes)>\n"
                + "<title>\(HTML.escape(graph.title))</title>" + svg[end.upperBound...]
        }
        let lines = svg.split(separator: "\n", omittingEmptySubsequences: true)
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `text` without every span from `open` through the next `close`.
    static func removing(_ text: String, from open: String, to close: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: open) {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: close) else { rest = ""; break }
            rest = rest[end.upperBound...]
        }
        return out + rest
    }
}
