import Testing
@testable import Figures

@Suite struct FigureWireTests {
    @Test func lineRoundTrips() throws {
        let chart = LineChart(title: "grad norm", yLabel: "‖grad‖",
                              series: [.init(name: "0.weight", values: [1, nil, 3.5])])
        let line = FigureWire.line(for: .lineChart(chart))
        #expect(!line.contains("\n"))
        #expect(try FigureWire.figure(in: Substring(line)) == .lineChart(chart))
    }

    @Test func ordinaryOutputIsNotAFigure() throws {
        #expect(try FigureWire.figure(in: "tensor([1.0000])") == nil)
    }

    @Test func sameFigureSameBytes() {
        let graph = GraphFigure(title: "g", dot: "digraph { a -> b }")
        #expect(FigureWire.line(for: .graph(graph)) == FigureWire.line(for: .graph(graph)))
    }
}
