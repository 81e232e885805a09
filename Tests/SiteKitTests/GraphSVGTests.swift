import Figures
import Testing
@testable import SiteKit

@Suite(.enabled(if: Fixture.hasDot, "Graphviz `dot` is not installed")) struct GraphSVGTests {
    @Test func cleansGraphvizOutputForInlining() throws {
        let svg = try GraphSVG(graph: Fixture.graph).render()
        #expect(svg.hasPrefix("<svg class=\"graph\" role=\"img\" aria-label=\"Autograd graph of the loss\""))
        #expect(svg.contains("<title>Autograd graph of the loss</title>"))
        #expect(!svg.contains("<?xml") && !svg.contains("<!--") && !svg.contains("DOCTYPE"))
        #expect(!svg.contains(" id=\"") && !svg.contains("graphviz version"))
        #expect(svg.contains("class=\"node frozen\"") && svg.contains("class=\"node trainable\""))
        #expect(svg.contains("class=\"node op\"") && svg.contains("class=\"edge nograd\""))
        #expect(svg.components(separatedBy: "<title>").count == 2)
        #expect(try GraphSVG(graph: Fixture.graph).render() == svg)
    }

    @Test func badDotIsAnErrorFigureAndAFailure() throws {
        let figure = try FigureRenderer().render(.graph(GraphFigure(title: "broken", dot: "digraph {")))
        #expect(figure.html.contains("figure-error"))
        #expect(figure.failure?.contains("broken") == true)
    }

    @Test func keyListsOnlyUsedClasses() throws {
        let figure = try FigureRenderer().render(.graph(Fixture.graph))
        #expect(figure.html.contains("key-frozen") && figure.html.contains("key-trainable") && figure.html.contains("key-nograd"))
        #expect(figure.failure == nil)
    }
}
