import Figures
import Foundation

/// Draws a ``LineChart`` as inline SVG: nice ticks on both axes, axis labels, a legend, gaps
/// where a value is `nil`, an optional log scale on y.
///
/// Colours and dash patterns come from CSS classes (`series-0` … `series-5`) and CSS variables,
/// so the same bytes read well in the light and the dark theme. Coordinates are formatted with
/// ``SVGNumber`` so the output is byte-identical on every machine.
struct LineChartSVG {
    var chart: LineChart
    /// The chart's size and margins: ``Layout/wide`` for screens, ``Layout/narrow`` for phones.
    var layout: Layout = .wide
    /// Values the y axis must reach, beyond the chart's own: an explorer's charts share one axis.
    var yDomain: ClosedRange<Double>? = nil

    /// Size, margins and tick density of one drawing of a chart.
    struct Layout: Sendable {
        /// The CSS class that says which drawing this is (the stylesheet shows one at a time).
        var name: String
        var width: Double
        var height: Double
        /// The least room left of the plot, for the y tick labels and the y-axis label; more
        /// when the tick labels are long.
        var minimumLeft: Double
        var right: Double
        var bottom: Double
        /// About how many ticks the x axis gets.
        var xTicks: Int
        /// Where legend entries start, or `nil` for the plot's left edge.
        var legendLeft: Double? = nil

        /// 640 × 360, shown at its own size on a laptop.
        static let wide = Layout(name: "chart-wide", width: 640, height: 360, minimumLeft: 64, right: 20,
                                 bottom: 52, xTicks: 7)
        /// 360 × 300, for a phone: about the width it is shown at, so its text stays readable.
        /// Its legend uses the full width, the room beside the y-axis label included.
        static let narrow = Layout(name: "chart-narrow", width: 360, height: 300, minimumLeft: 48, right: 12,
                                   bottom: 48, xTicks: 5, legendLeft: 8)
    }

    var width: Double { layout.width }
    var height: Double { layout.height }
    var right: Double { layout.right }
    var bottom: Double { layout.bottom }
    /// Left edge of the plot: room for the longest y tick label, the y-axis label beside it.
    var left: Double {
        let labels = ticks().y.labels
        let widest = labels.map { TextWidth.estimate($0, fontSize: Self.tickFontSize) }.max() ?? 0
        return max(layout.minimumLeft, (24 + widest + 8).rounded(.up))
    }

    /// Left edge of the legend.
    var legendLeft: Double { layout.legendLeft ?? left }

    /// The font sizes `style.css` gives tick labels and legend entries (px, in SVG units).
    static let tickFontSize = 12.0
    static let legendFontSize = 13.0
    /// A legend entry: its line sample, the gap to the text; the gap between entries.
    static let swatch = 28.0
    static let legendGap = 18.0
    let legendRow = 20.0

    /// The `<svg>` element.
    func render() -> String {
        let legend = legendLayout()
        let left = self.left
        let top = 16 + Double(legend.rows) * legendRow
        let plot = (x0: left, x1: width - right, y0: height - bottom, y1: top)
        let (xTicks, yTicks) = ticks()
        func px(_ x: Double) -> Double {
            plot.x0 + (x - xTicks.lower) / (xTicks.upper - xTicks.lower) * (plot.x1 - plot.x0)
        }
        func py(_ y: Double) -> Double {
            let v = chart.logY ? log10(y) : y
            return plot.y0 - (v - yTicks.lower) / (yTicks.upper - yTicks.lower) * (plot.y0 - plot.y1)
        }
        let f = SVGNumber.format
        var svg = "<svg class=\"chart \(layout.name)\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" "
        svg += "aria-label=\"\(HTML.attribute(chart.title))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg += "<title>\(HTML.escape(chart.title))</title>\n"
        svg += "<desc>\(HTML.escape(description))</desc>\n"

        svg += "<g class=\"grid\">"
        for value in yTicks.values {
            let y = f(py(chart.logY ? pow(10, value) : value))
            svg += "<line x1=\"\(f(plot.x0))\" y1=\"\(y)\" x2=\"\(f(plot.x1))\" y2=\"\(y)\"/>"
        }
        svg += "</g>\n<g class=\"axis\">"
        svg += "<line x1=\"\(f(plot.x0))\" y1=\"\(f(plot.y0))\" x2=\"\(f(plot.x1))\" y2=\"\(f(plot.y0))\"/>"
        svg += "<line x1=\"\(f(plot.x0))\" y1=\"\(f(plot.y0))\" x2=\"\(f(plot.x0))\" y2=\"\(f(plot.y1))\"/>"
        for (value, label) in zip(xTicks.values, xTicks.labels) {
            let x = f(px(value))
            svg += "<line x1=\"\(x)\" y1=\"\(f(plot.y0))\" x2=\"\(x)\" y2=\"\(f(plot.y0 + 5))\"/>"
            svg += "<text class=\"tick\" x=\"\(x)\" y=\"\(f(plot.y0 + 19))\" text-anchor=\"middle\">\(HTML.escape(label))</text>"
        }
        for (value, label) in zip(yTicks.values, yTicks.labels) {
            let y = py(chart.logY ? pow(10, value) : value)
            svg += "<line x1=\"\(f(plot.x0 - 5))\" y1=\"\(f(y))\" x2=\"\(f(plot.x0))\" y2=\"\(f(y))\"/>"
            svg += "<text class=\"tick\" x=\"\(f(plot.x0 - 8))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(HTML.escape(label))</text>"
        }
        svg += "<text class=\"label\" x=\"\(f((plot.x0 + plot.x1) / 2))\" y=\"\(f(height - 10))\" text-anchor=\"middle\">\(HTML.escape(chart.xLabel))</text>"
        let yMid = f((plot.y0 + plot.y1) / 2)
        svg += "<text class=\"label\" x=\"14\" y=\"\(yMid)\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(yMid))\">\(HTML.escape(chart.yLabel))</text>"
        svg += "</g>\n"

        for (index, series) in chart.series.enumerated() {
            let runs = drawableRuns(series)
            svg += "<g class=\"series series-\(index % 6)\">"
            let path = runs.filter { $0.count > 1 }.map { run in
                run.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(f(px($0.element.x))) \(f(py($0.element.y)))" }.joined(separator: " ")
            }.joined(separator: " ")
            if !path.isEmpty { svg += "<path d=\"\(path)\"/>" }
            let points = runs.flatMap { $0 }
            for run in runs where run.count == 1 || points.count <= 12 {
                for point in run {
                    svg += "<circle cx=\"\(f(px(point.x)))\" cy=\"\(f(py(point.y)))\" r=\"3\"/>"
                }
            }
            svg += "</g>\n"
        }

        svg += "<g class=\"legend\">"
        for item in legend.items {
            let y = 14 + Double(item.row) * legendRow
            svg += "<g class=\"series series-\(item.index % 6)\">"
            svg += "<line x1=\"\(f(item.x))\" y1=\"\(f(y - 4))\" x2=\"\(f(item.x + 22))\" y2=\"\(f(y - 4))\"/>"
            svg += "<text x=\"\(f(item.x + 28))\" y=\"\(f(y))\">\(HTML.escape(chart.series[item.index].name))</text></g>"
        }
        svg += "</g>\n</svg>"
        return svg
    }

    /// A sentence for screen readers: what is plotted against what.
    var description: String {
        let names = chart.series.map(\.name).joined(separator: ", ")
        let scale = chart.logY ? " (log scale)" : ""
        return "Line chart of \(chart.yLabel)\(scale) against \(chart.xLabel). Series: \(names)."
    }

    /// The runs of consecutive drawable points of a series (a `nil`, non-finite or, on a log
    /// scale, non-positive value ends a run).
    func drawableRuns(_ series: LineChart.Series) -> [[(x: Double, y: Double)]] {
        var runs: [[(x: Double, y: Double)]] = [[]]
        for point in series.points {
            if let y = point.y, y.isFinite, point.x.isFinite, !chart.logY || y > 0 {
                runs[runs.count - 1].append((point.x, y))
            } else if !runs[runs.count - 1].isEmpty {
                runs.append([])
            }
        }
        return runs.filter { !$0.isEmpty }
    }

    /// Ticks for both axes from the drawable points.
    func ticks() -> (x: AxisTicks, y: AxisTicks) {
        let points = chart.series.flatMap { drawableRuns($0).flatMap { $0 } }
        let xs = points.map(\.x), ys = points.map(\.y)
        let integral = !xs.isEmpty && xs.allSatisfy { $0 == $0.rounded() }
        let x = AxisTicks.linear(min: xs.min() ?? 0, max: xs.max() ?? 1, target: layout.xTicks,
                                 minimumStep: integral ? 1 : 0)
        let low = [ys.min(), yDomain?.lowerBound].compactMap { $0 }.min()
        let high = [ys.max(), yDomain?.upperBound].compactMap { $0 }.max()
        let yMin = low ?? 0, yMax = high ?? 1
        // Start at zero when the data is positive and zero is not far off (norms, losses near 0).
        let startAtZero = yMin >= 0 && yMin <= yMax / 2
        let y = chart.logY
            ? AxisTicks.logarithmic(min: low ?? 1, max: high ?? 10)
            : AxisTicks.linear(min: startAtZero ? 0 : yMin, max: yMax)
        return (x, y)
    }

    /// The width of one legend entry: line sample and name (estimated, see ``TextWidth``).
    static func legendEntryWidth(_ name: String) -> Double {
        swatch + TextWidth.estimate(name, fontSize: legendFontSize)
    }

    /// Legend entries over the plot's width: all on one row when they fit, else in as many
    /// aligned columns as fit (each as wide as its widest entry), down to one entry per row.
    func legendLayout() -> (items: [(index: Int, x: Double, row: Int)], rows: Int) {
        let x0 = legendLeft
        let widths = chart.series.map { Self.legendEntryWidth($0.name) }
        guard !widths.isEmpty else { return ([], 0) }
        let available = width - right - x0
        var columns = widths.count
        var columnWidths = widths
        while columns > 1 {
            columnWidths = (0..<columns).map { column in
                stride(from: column, to: widths.count, by: columns).map { widths[$0] }.max() ?? 0
            }
            if columnWidths.reduce(0, +) + Self.legendGap * Double(columns - 1) <= available { break }
            columns -= 1
        }
        if columns == 1 { columnWidths = [widths.max() ?? 0] }
        var starts: [Double] = []
        var x = x0
        for columnWidth in columnWidths {
            starts.append(x)
            x += columnWidth + Self.legendGap
        }
        let items = widths.indices.map { (index: $0, x: starts[$0 % columns], row: $0 / columns) }
        return (items, (widths.count + columns - 1) / columns)
    }
}
