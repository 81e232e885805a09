import Figures
import Testing
@testable import SiteKit

@Suite struct LineChartSVGTests {
    @Test func hasAxesLabelsLegendAndAccessibleName() {
        let svg = LineChartSVG(chart: Fixture.chart).render()
        #expect(svg.hasPrefix("<svg class=\"chart\""))
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
}
