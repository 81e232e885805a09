import Figures

/// Turns a cell's figures into `<figure>` elements: line charts drawn by ``LineChartSVG`` (a
/// wide and a narrow drawing), graphs by ``GraphSVG``. A graph `dot` rejects becomes a visible
/// error and a failure; a missing `dot` stops the build.
struct FigureRenderer {
    /// The figure as HTML, and the failure to report if it could not be drawn.
    func render(_ figure: Figure) throws -> (html: String, failure: String?) {
        switch figure {
        case .lineChart(let chart):
            // Two drawings of the same chart; the stylesheet shows the narrow one on a phone,
            // where the wide one would shrink its text below readable.
            let wide = LineChartSVG(chart: chart, layout: .wide).render()
            let narrow = LineChartSVG(chart: chart, layout: .narrow).render()
            return (wrap(wide + "\n" + narrow, kind: "chart", title: chart.title, data: FigureData.table(chart)), nil)
        case .explorer(let explorer):
            return (self.explorer(explorer), nil)
        case .graph(let graph):
            do {
                let svg = try GraphSVG(graph: graph).render()
                // On a phone the graph keeps its size and this box scrolls; focusable so a keyboard
                // can scroll it too.
                let scroller = "<div class=\"graph-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(HTML.escape(graph.title))\">\n\(svg)\n</div>"
                return (wrap(scroller + key(for: svg), kind: "graph", title: graph.title, data: FigureData.outline(dot: graph.dot)), nil)
            } catch let failure as GraphSVGError where failure != .dotMissing {
                let error = failure.description
                let html = "<p class=\"figure-error\">Could not draw this graph. \(HTML.escape(error))</p>"
                return (wrap(html, kind: "graph", title: graph.title), "figure “\(graph.title)”: \(error)")
            }
        }
    }

    /// An explorer: every chart drawn (wide and narrow) on one shared y axis, each in a frame
    /// with its value, and a row of buttons, one per value. Without scripts every frame shows,
    /// each under its value; site.js shows the buttons and one frame at a time.
    func explorer(_ explorer: Explorer) -> String {
        let ys = explorer.frames.flatMap { $0.chart.series.flatMap { $0.points.compactMap(\.y) } }.filter(\.isFinite)
        let domain = ys.isEmpty ? nil : ys.min()!...ys.max()!
        let parameter = HTML.escape(explorer.parameter)
        var html = "<div class=\"explorer-controls\" role=\"group\" aria-label=\"\(HTML.attribute(explorer.parameter))\" hidden>"
            + "<span class=\"explorer-label\" aria-hidden=\"true\">\(parameter):</span>"
        for (index, frame) in explorer.frames.enumerated() {
            html += "<button type=\"button\" data-frame=\"\(index)\" aria-pressed=\"\(index == 0)\">\(HTML.escape(frame.value))</button>"
        }
        html += "</div>\n"
        for (index, frame) in explorer.frames.enumerated() {
            let wide = LineChartSVG(chart: frame.chart, layout: .wide, yDomain: domain).render()
            let narrow = LineChartSVG(chart: frame.chart, layout: .narrow, yDomain: domain).render()
            html += "<div class=\"explorer-frame\" data-frame=\"\(index)\">\n"
            html += "<p class=\"explorer-value\">\(parameter) = \(HTML.escape(frame.value))</p>\n"
            html += wide + "\n" + narrow + "\n" + FigureData.table(frame.chart) + "\n</div>\n"
        }
        return wrap(html, kind: "explorer", title: explorer.title)
    }

    /// A `<figure>` with its caption, and after it what it shows as text (``FigureData``).
    func wrap(_ body: String, kind: String, title: String, data: String = "") -> String {
        // The text version follows the figure (a figcaption must be a figure's first or last child).
        "<figure class=\"figure figure-\(kind)\">\n\(body)\n<figcaption>\(HTML.escape(title))</figcaption>\n</figure>"
            + (data.isEmpty ? "" : "\n" + data)
    }

    /// A key to the node styles the graph uses, so a reader knows what dashed blue means.
    func key(for svg: String) -> String {
        let used = GraphNodeClass.allCases.filter {
            svg.contains("class=\"node \($0.rawValue)\"") || svg.contains("class=\"edge \($0.rawValue)\"")
        }
        guard !used.isEmpty else { return "" }
        let items = used.map { "<li class=\"key-\($0.rawValue)\">\(HTML.escape($0.label))</li>" }.joined()
        return "\n<ul class=\"graph-key\">\(items)</ul>"
    }
}
