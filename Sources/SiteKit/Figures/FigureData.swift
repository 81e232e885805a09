import Foundation
import Figures

/// What a figure shows, as text a screen reader reads and a learner can copy: a chart's numbers
/// as a table, a graph's nodes and edges as a list. Each sits under its figure in a closed
/// disclosure ("The numbers" / "The graph as a list"), so the picture stays the first thing seen.
enum FigureData {
    /// The chart's points as a table: one row per x value, one column per series (a dash where a
    /// series has no point), numbers to six significant digits.
    static func table(_ chart: LineChart) -> String {
        let xs = Array(Set(chart.series.flatMap { $0.points.map(\.x) })).sorted()
        guard !xs.isEmpty else { return "" }
        let byX = chart.series.map { series in
            Dictionary(series.points.map { ($0.x, $0.y) }, uniquingKeysWith: { first, _ in first })
        }
        var html = "<details class=\"figure-data\">\n<summary>The numbers</summary>\n"
        html += "<div class=\"table-scroll\">\n<table>\n<caption>\(HTML.escape(chart.title))</caption>\n<thead><tr>"
        html += "<th scope=\"col\">\(HTML.escape(chart.xLabel))</th>"
        for series in chart.series { html += "<th scope=\"col\">\(HTML.escape(series.name))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for x in xs {
            html += "<tr><th scope=\"row\">\(number(x))</th>"
            for points in byX {
                let y = points[x].flatMap { $0 }
                html += "<td>\(y.map(number) ?? "—")</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n</details>"
    }

    /// A number as the table shows it: six significant digits, no locale (the same bytes on every
    /// machine), integers without a decimal point.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }

    /// The graph's nodes in the order it declares them, each with its kind and the nodes it feeds,
    /// read from the DOT the engine writes (`id [label="…", class="…"];` and `a -> b;` lines).
    /// Lines of any other shape are left out: this is a reading aid, never a second renderer.
    static func outline(dot: String) -> String {
        var order: [String] = [], labels: [String: String] = [:], kinds: [String: String] = [:], feeds: [String: [String]] = [:]
        for raw in dot.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if let arrow = line.range(of: " -> ") {
                let from = String(line[..<arrow.lowerBound])
                let to = String(line[arrow.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                if isID(from) && isID(to) { feeds[from, default: []].append(to) }
            } else if let open = line.firstIndex(of: "["), isID(String(line[..<open]).trimmingCharacters(in: .whitespaces)),
                      let label = quoted("label", in: line) {
                let id = String(line[..<open]).trimmingCharacters(in: .whitespaces)
                if labels[id] == nil { order.append(id) }
                labels[id] = label.replacingOccurrences(of: "\\n", with: " ")
                kinds[id] = quoted("class", in: line).flatMap { GraphNodeClass(rawValue: $0)?.label }
            }
        }
        guard !order.isEmpty else { return "" }
        // A graph holds several nodes of one name (three AddmmBackward0): number them in order.
        let repeated = Dictionary(order.map { (labels[$0] ?? $0, 1) }, uniquingKeysWith: +).filter { $0.value > 1 }
        var seen: [String: Int] = [:]
        for id in order {
            let label = labels[id] ?? id
            guard repeated[label] != nil else { continue }
            seen[label, default: 0] += 1
            labels[id] = "\(label) #\(seen[label]!)"
        }
        var html = "<details class=\"figure-data\">\n<summary>The graph as a list</summary>\n<ul>\n"
        for id in order {
            html += "<li><strong>\(HTML.escape(labels[id] ?? id))</strong>"
            if let kind = kinds[id] { html += " (\(HTML.escape(kind)))" }
            let targets = (feeds[id] ?? []).compactMap { labels[$0] }
            if !targets.isEmpty { html += " → " + targets.map(HTML.escape).joined(separator: ", ") }
            html += "</li>\n"
        }
        return html + "</ul>\n</details>"
    }

    private static func isID(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// The value of `name="…"` in a DOT attribute list, with `\"` and `\\` unescaped.
    private static func quoted(_ name: String, in line: String) -> String? {
        guard let start = line.range(of: "\(name)=\"") else { return nil }
        var value = "", escaped = false
        for character in line[start.upperBound...] {
            if escaped { value.append(character == "n" ? "\\n" : String(character)); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "\"" { return value }
            value.append(character)
        }
        return nil
    }
}
