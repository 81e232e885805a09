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

    /// 3,000 unknown shapes make `dot` print about 140 KB of warnings, more than a pipe holds:
    /// read one pipe after the other and the build hangs for ever.
    @Test(.timeLimit(.minutes(1))) func aFloodOfWarningsDoesNotHang() throws {
        let nodes = (0..<3000).map { "n\($0) [shape=bogus\($0) label=\"x\"];" }.joined(separator: "\n")
        let svg = try GraphSVG(graph: GraphFigure(title: "flood", dot: "digraph G {\n\(nodes)\n}")).render()
        #expect(svg.components(separatedBy: "<polygon").count > 3000)
    }

    @Test func graphvizFailuresAreShortAndNameNoTemporaryFile() throws {
        let lines = (0..<50).map { "a\($0) -> ;" }.joined(separator: "\n")
        #expect(throws: GraphSVGError.self) { try Graphviz.svg(from: "digraph {\n\(lines)") }
        do { _ = try Graphviz.svg(from: "digraph {\n\(lines)") } catch {
            let message = String(describing: error)
            #expect(!message.contains("freezelab-graph-"), "\(message)")
            #expect(message.split(separator: "\n").count <= 7, "\(message)")
        }
    }
}
