import Testing
import Figures
@testable import SiteKit

/// The text beside each figure: a chart's numbers, a graph's nodes and edges.
struct FigureDataTests {
    @Test func aChartsTableHasEveryXAndADashWhereASeriesHasNoPoint() {
        let chart = LineChart(title: "Loss <by> step", xLabel: "step", yLabel: "loss", series: [
            .init(name: "a", points: [.init(x: 0, y: 1.5), .init(x: 1, y: 0.123456789)]),
            .init(name: "b & c", points: [.init(x: 1, y: 2), .init(x: 2, y: nil)]),
        ])
        let html = FigureData.table(chart)
        #expect(html.contains("<caption>Loss &lt;by&gt; step</caption>"))
        #expect(html.contains("<th scope=\"col\">step</th><th scope=\"col\">a</th><th scope=\"col\">b &amp; c</th>"))
        #expect(html.contains("<tr><th scope=\"row\">0</th><td>1.5</td><td>—</td></tr>"))
        #expect(html.contains("<tr><th scope=\"row\">1</th><td>0.123457</td><td>2</td></tr>"))
        #expect(html.contains("<tr><th scope=\"row\">2</th><td>—</td><td>—</td></tr>"))
        #expect(FigureData.table(LineChart(title: "empty", xLabel: "x", yLabel: "y", series: [])).isEmpty)
    }

    @Test func numbersAreTheSameOnEveryMachine() {
        #expect(FigureData.number(3) == "3")
        #expect(FigureData.number(-0.5) == "-0.5")
        #expect(FigureData.number(1e-7) == "1e-07")
        #expect(FigureData.number(.nan) == "nan")
        #expect(FigureData.number(-.infinity) == "-inf")
    }

    @Test func aGraphListsItsNodesInOrderNumberingRepeatsWithWhatEachFeeds() {
        let dot = """
            digraph autograd {
              node [shape=box, style="rounded,filled", fontsize=11];
              n0 [label="MulBackward0", class="op"];
              n1 [label="MulBackward0", class="op"];
              n2 [label="0.weight\\n[2, 3]", class="frozen"];
              n3 [label="say \\"<b>\\"", class="trainable"];
              n1 -> n0;
              n2 -> n1;
              n3 -> n1 [class="nograd"];
              garbage line -> ;
            }
            """
        let html = FigureData.outline(dot: dot)
        #expect(html.contains("<li><strong>MulBackward0 #1</strong> (operation)</li>"))
        #expect(html.contains("<li><strong>MulBackward0 #2</strong> (operation) → MulBackward0 #1</li>"))
        #expect(html.contains("<li><strong>0.weight [2, 3]</strong> (frozen (requires_grad = false)) → MulBackward0 #2</li>"))
        #expect(html.contains("<li><strong>say \"&lt;b&gt;\"</strong> (trainable) → MulBackward0 #2</li>"))
        #expect(!html.contains("garbage"))
        #expect(FigureData.outline(dot: "digraph { }").isEmpty)
    }
}
