import Testing
import Autograd

/// DOT export against graphs written by hand from the documented format.
struct InstrumentsGraphTests {
    @Test func exportsASmallGraphExactly() {
        let w = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
        let x = Tensor([4.0, 5.0, 6.0])
        let loss = (w * x).sum()
        #expect(loss.graph(names: [("w", w)]) == """
            digraph autograd {
              node [shape=box, style="rounded,filled", fontsize=11];
              n0 [label="SumBackward0", class="op"];
              n1 [label="MulBackward0", class="op"];
              n2 [label="w\\n[3]", class="trainable"];
              n3 [label="[3]", class="nograd"];
              n2 -> n1;
              n3 -> n1 [class="nograd"];
              n1 -> n0;
            }

            """)
    }

    @Test func frozenBackboneIsListedAsNotInGraph() {
        let g = Generator(seed: 1)
        let model = Sequential(Linear(3, 4, generator: g), ReLU(), Linear(4, 2, generator: g))
        model[0].requiresGrad(false)
        let x = Tensor.normal([5, 3], generator: g)
        let loss = mseLoss(model(x), Tensor.zeros([5, 2]))
        #expect(loss.graph(model: model) == """
            digraph autograd {
              node [shape=box, style="rounded,filled", fontsize=11];
              n0 [label="MseLossBackward0", class="op"];
              n1 [label="AddmmBackward0", class="op"];
              n2 [label="[5, 4]", class="nograd"];
              n3 [label="2.weight\\n[2, 4]", class="trainable"];
              n4 [label="2.bias\\n[2]", class="trainable"];
              n5 [label="[5, 2]", class="nograd"];
              n2 -> n1 [class="nograd"];
              n3 -> n1;
              n4 -> n1;
              n1 -> n0;
              n5 -> n0 [class="nograd"];
              subgraph cluster_not_in_graph {
                label="not in graph";
                m0 [label="0.weight\\n[4, 3]", class="frozen"];
                m1 [label="0.bias\\n[4]", class="frozen"];
              }
            }

            """)
        let figure = loss.graphFigure("frozen body", model: model)
        #expect(figure.title == "frozen body")
        #expect(figure.dot == loss.graph(model: model))
    }

    @Test func sharedNodesAppearOnceAndNoGradParametersAreMarked() {
        let w = Tensor([[1.0, 2.0], [3.0, 4.0]], requiresGrad: true)
        let frozen = Tensor([[1.0, 0.0], [0.0, 1.0]])
        let h = w.matmul(frozen)
        let dot = (h + h).sum().graph(names: [("w", w), ("frozen", frozen)])
        // h's node is met twice but declared once; the frozen named leaf is `frozen`.
        #expect(dot.components(separatedBy: "MmBackward0").count == 2)
        #expect(dot.contains(#"n3 [label="w\n[2, 2]", class="trainable"];"#))
        #expect(dot.contains(#"n4 [label="frozen\n[2, 2]", class="frozen"];"#))
        #expect(dot.contains("n2 -> n1;\n  n2 -> n1;"))
    }

    @Test func aTensorOutsideAnyGraphIsOneNoGradNode() {
        let y = withNoGrad { Tensor([1.0, 2.0], requiresGrad: true) * 2 }
        #expect(y.graph().contains(#"n0 [label="[2]", class="nograd"];"#))
    }
}
