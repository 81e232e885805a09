import Figures
import Testing
@testable import SiteKit

@Suite struct LineChartSVGTests {
    @Test func hasAxesLabelsLegendAndAccessibleName() {
        let svg = LineChartSVG(chart: Fixture.chart).render()
        #expect(svg.hasPrefix("<svg class=\"chart chart-wide\""))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-label=\"Gradient norm per step\""))
        #expect(svg.contains("<title>Gradient norm per step</title>"))
        #expect(svg.contains("<g class=\"axis\">"))
        #expect(svg.contains(">step</text>"))
        #expect(svg.contains(">‖grad‖</text>"))
        #expect(svg.contains("<g class=\"legend\">"))
        #expect(svg.contains(">backbone</text>") && svg.contains(">head</text>"))
        #expect(svg.contains("class=\"series series-1\""))
    }

    @Test func nilValuesLeaveGaps() {
        let chart = LineChart(title: "t", yLabel: "y", series: [.init(name: "a", values: [1, 2, nil, 3, 4, nil, 5])])
        let svg = LineChartSVG(chart: chart).render()
        let path = svg.components(separatedBy: "<path d=\"")[1].prefix { $0 != "\"" }
        #expect(path.filter { $0 == "M" }.count == 2)   // two runs of two points
        #expect(svg.components(separatedBy: "<circle").count - 1 == 5)  // markers: few points
    }

    @Test func ticksAreNiceNumbers() {
        let ticks = AxisTicks.linear(min: 0, max: 2.3, target: 6)
        #expect(ticks.labels == ["0", "0.5", "1.0", "1.5", "2.0", "2.5"])
        #expect(AxisTicks.linear(min: 1, max: 5, target: 7, minimumStep: 1).labels == ["1", "2", "3", "4", "5"])
        #expect(AxisTicks.linear(min: -3, max: 3).labels.first == "−4")
        let log = AxisTicks.logarithmic(min: 0.0004, max: 2)
        #expect(log.labels == ["10⁻⁴", "0.001", "0.01", "0.1", "1", "10"])
    }

    @Test func logScaleSkipsNonPositiveValues() {
        let chart = LineChart(title: "t", yLabel: "loss", series: [.init(name: "a", values: [1, 0.1, 0, 0.001])], logY: true)
        let renderer = LineChartSVG(chart: chart)
        #expect(renderer.drawableRuns(chart.series[0]).map(\.count) == [2, 1])
        #expect(renderer.render().contains("(log scale)"))
    }

    @Test func numbersAreLocaleIndependentAndStable() {
        #expect(SVGNumber.format(1.005) == "1" || SVGNumber.format(1.005) == "1.01")
        #expect(SVGNumber.format(-0.001) == "0")
        #expect(SVGNumber.format(12.5) == "12.5")
        #expect(SVGNumber.format(-3.14159) == "-3.14")
        #expect(SVGNumber.format(0.07) == "0.07")
        #expect(LineChartSVG(chart: Fixture.chart).render() == LineChartSVG(chart: Fixture.chart).render())
    }

    @Test func emptyChartStillDraws() {
        let svg = LineChartSVG(chart: LineChart(title: "empty", yLabel: "y", series: [])).render()
        #expect(svg.contains("<g class=\"axis\">") && !svg.contains("<path"))
    }

    /// Legend entries as drawn: series index, row, left edge of the line sample, and the
    /// right edge of the name as estimated.
    func legendEntries(_ renderer: LineChartSVG) -> [(index: Int, row: Int, x: Double, right: Double)] {
        renderer.legendLayout().items.map {
            ($0.index, $0.row, $0.x, $0.x + LineChartSVG.legendEntryWidth(renderer.chart.series[$0.index].name))
        }
    }

    func chart(names: [String]) -> LineChart {
        LineChart(title: "t", yLabel: "y", series: names.map { .init(name: $0, values: [1, 2, 3]) })
    }

    @Test func textWidthIsEstimatedPerCharacter() {
        // Measured in Chromium with DejaVu Sans 13px: 200 px (7.7 px a letter, not 7).
        let width = TextWidth.estimate("SGD + momentum, grad zeros", fontSize: 13)
        #expect(width > 195 && width < 210)
        #expect(TextWidth.estimate("iiii", fontSize: 13) < TextWidth.estimate("MMMM", fontSize: 13) / 2)
        #expect(TextWidth.estimate("0.03", fontSize: 12) > 26)
    }

    @Test func shortLegendStaysOnOneRow() {
        let renderer = LineChartSVG(chart: chart(names: ["backbone", "head", "all"]))
        let entries = legendEntries(renderer)
        #expect(renderer.legendLayout().rows == 1 && entries.allSatisfy { $0.row == 0 })
        for (a, b) in zip(entries, entries.dropFirst()) { #expect(b.x >= a.right + LineChartSVG.legendGap) }
    }

    @Test func longLegendWrapsWithoutOverlapping() {
        let names = ["SGD + momentum, grad nil", "SGD + momentum, grad zeros", "AdamW, grad zeros"]
        for layout in [LineChartSVG.Layout.wide, .narrow] {
            let renderer = LineChartSVG(chart: chart(names: names), layout: layout)
            let entries = legendEntries(renderer)
            #expect(renderer.legendLayout().rows > 1)
            for entry in entries {
                #expect(entry.x >= renderer.legendLeft && entry.right <= renderer.width - renderer.right)
                for other in entries where other.row == entry.row && other.x > entry.x {
                    #expect(other.x >= entry.right + LineChartSVG.legendGap, "\(other.index) runs into \(entry.index)")
                }
            }
        }
        // Wide: two aligned columns; narrow: one entry per row.
        #expect(legendEntries(LineChartSVG(chart: chart(names: names))).map(\.row) == [0, 0, 1])
        #expect(legendEntries(LineChartSVG(chart: chart(names: names), layout: .narrow)).map(\.row) == [0, 1, 2])
        let wide = legendEntries(LineChartSVG(chart: chart(names: names)))
        #expect(wide[2].x == wide[0].x)
    }

    @Test func legendRowsPushThePlotDown() {
        let one = LineChartSVG(chart: chart(names: ["a", "b"])).render()
        let three = LineChartSVG(chart: chart(names: ["a rather long series name here", "another long series name here",
                                                      "and a third long series name"]), layout: .narrow).render()
        #expect(one.contains("y2=\"36\"/>"))       // y axis top: 16 + one legend row
        #expect(three.contains("y2=\"76\"/>"))     // three rows
    }

    @Test func narrowDrawingIsSmallerWithTheSameText() {
        let svg = LineChartSVG(chart: Fixture.chart, layout: .narrow).render()
        #expect(svg.hasPrefix("<svg class=\"chart chart-narrow\" viewBox=\"0 0 360 300\""))
        #expect(svg.contains(">backbone</text>") && svg.contains("<title>Gradient norm per step</title>"))
        #expect(LineChartSVG(chart: Fixture.chart).render().hasPrefix("<svg class=\"chart chart-wide\" viewBox=\"0 0 640 360\""))
    }
}
