import Figures
import Foundation

/// Why a graph could not be drawn.
public enum GraphSVGError: Error, Equatable, CustomStringConvertible {
    /// Graphviz's `dot` is not on `PATH`.
    case dotMissing
    /// `dot` rejected the DOT source.
    case dotFailed(status: Int32, message: String)

    public var description: String {
        switch self {
        case .dotMissing:
            "Graphviz `dot` was not found on PATH; the site draws graph figures with it. Install graphviz (scripts/setup.sh does) and build again."
        case .dotFailed(let status, let message):
            "Graphviz `dot` failed (exit \(status)): \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
    }
}

/// Draws a ``GraphFigure`` by running Graphviz `dot -Tsvg` and cleaning its output for inlining:
/// no XML prolog, no comments (they carry the Graphviz version), no ids (several graphs share a
/// page), no per-node tooltips, and the figure's title as the accessible name.
///
/// Node and edge `class` attributes in the DOT (`frozen`, `trainable`, `op`, `nograd`) reach
/// the SVG as `<g class="node frozen">`, which the theme colours for both light and dark.
struct GraphSVG {
    var graph: GraphFigure

    /// The `<svg>` element.
    func render() throws -> String {
        clean(try Self.runDot(graph.dot))
    }

    /// Runs `dot -Tsvg` on `source` with a fixed font so layouts do not depend on a default.
    static func runDot(_ source: String) throws -> String {
        guard let dot = executable(named: "dot") else { throw GraphSVGError.dotMissing }
        let process = Process()
        process.executableURL = dot
        process.arguments = ["-Tsvg", "-Gfontname=Helvetica", "-Nfontname=Helvetica", "-Efontname=Helvetica",
                             "-Gbgcolor=transparent"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(source.utf8))
        try input.fileHandleForWriting.close()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GraphSVGError.dotFailed(status: process.terminationStatus,
                                          message: String(decoding: message, as: UTF8.self))
        }
        return String(decoding: svg, as: UTF8.self)
    }

    /// The first executable called `name` on `PATH`.
    static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Graphviz's SVG, made fit to inline in a page.
    func clean(_ raw: String) -> String {
        var svg = raw
        if let start = svg.range(of: "<svg") { svg = String(svg[start.lowerBound...]) }
        svg = Self.removing(svg, from: "<!--", to: "-->")
        svg = Self.removing(svg, from: "<title>", to: "</title>")
        svg = svg.replacingOccurrences(of: #"\s(id|xmlns:xlink)="[^"]*""#, with: "", options: .regularExpression)
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
