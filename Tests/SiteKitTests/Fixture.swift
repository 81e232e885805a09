import Figures
import Foundation
import LessonKit
@testable import SiteKit

/// Two small hand-made lessons and their results: a chart and a graph figure, a hidden cell,
/// a failing cell, a cell that did not run. Built without the runner, as plain values.
enum Fixture {
    static let firstSource = """
    ---
    summary: Turning off `requires_grad` stops gradients at the frozen layer.
    ---

    # Freezing with requires_grad

    A frozen layer keeps its weights because no gradient reaches it. Watch for the zebrafish.

    ## Setting up

    ```swift hidden
    let secretSetupValue = 42
    ```

    ```swift predict
    let w = Tensor([1, 2, 3], requiresGrad: false)
    print("frozen: \\(w.requiresGrad)")
    ```

    ```output
    frozen: true
    ```

    ## Watching the gradient

    ```swift
    show(gradientChart)
    ```

    ### The graph behind the loss

    ```swift
    show(lossGraph)
    ```

    ```python
    for p in backbone.parameters(): p.requires_grad = False
    ```

    ## In both languages

    ```swift
    print(w.requiresGrad ? "trainable" : "frozen")
    ```

    ```python twin
    print("trainable" if w.requires_grad else "frozen")
    ```

    ```output
    frozen
    ```
    """

    static let secondSource = """
    ---
    summary: Momentum keeps moving a layer you froze only in the optimizer.
    ---

    # Momentum moves frozen layers

    The velocity buffer remembers old gradients.

    ## The surprise

    ```swift
    print(step())
    ```

    ```output
    0.5
    ```

    ```swift
    print("never")
    ```

    ```output
    never
    ```
    """

    static let chart = LineChart(title: "Gradient norm per step", yLabel: "‖grad‖", series: [
        .init(name: "backbone", values: [1, 0.5, nil, 0.25, 0.125]),
        .init(name: "head", values: [2, 1.5, 1.25, 1.1, 1.0]),
    ])

    /// Two charts over one parameter; the second reaches higher, so a shared axis shows.
    static let explorer = Explorer(title: "Norm by learning rate", parameter: "lr", values: [0.1, 1.0]) { lr in
        LineChart(title: "lr = \(lr)", yLabel: "‖grad‖", series: [.init(name: "head", values: [2 * lr, 1.5 * lr, lr])])
    }

    static let graph = GraphFigure(title: "Autograd graph of the loss", dot: """
    digraph G { rankdir=BT;
      w [label="W (frozen)" shape=box class="frozen"];
      b [label="b" shape=box class="trainable"];
      mul [label="mul" class="op"];
      w -> mul [class="nograd"]; b -> mul;
    }
    """)

    static var lessons: [Lesson] {
        [lesson(path: "lessons/02-momentum.md", source: secondSource),
         lesson(path: "lessons/01-first-freeze.md", source: firstSource)]
    }

    static var results: [LessonResult] {
        [
            LessonResult(path: "lessons/01-first-freeze.md", cells: [
                CellResult(index: 0, outcome: .passed, actual: ""),
                CellResult(index: 1, outcome: .passed, actual: "frozen: true\n"),
                CellResult(index: 2, outcome: .passed, actual: "", figures: [.lineChart(chart), .explorer(explorer)]),
                CellResult(index: 3, outcome: .passed, actual: "", figures: [.graph(graph)]),
                CellResult(index: 4, outcome: .passed, actual: "frozen\n", twin: TwinResult(outcome: .passed, actual: "frozen\n")),
            ], pytorchVersion: "2.13.0+cpu"),
            LessonResult(path: "lessons/02-momentum.md", cells: [
                CellResult(index: 0, outcome: .mismatch(expected: "0.5\n", actual: "0.45\n"), actual: "0.45\n"),
                CellResult(index: 1, outcome: .notRun(.stoppedBy(cell: 0, line: 11, .trapped))),
            ]),
        ]
    }

    /// A lesson from Markdown, parsed by the lesson parser (the one parse every stage shares).
    static func lesson(path: String, source: String) -> Lesson {
        LessonParser().parse(source: source, path: path).lesson
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitekit-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The fixture site rendered in memory.
    static func render() throws -> RenderedSite {
        try SiteBuilder().render(lessons: lessons, results: results)
    }

    static func page(_ name: String, in site: RenderedSite) -> String {
        String(decoding: site.files[name] ?? Data(), as: UTF8.self)
    }

    static var hasDot: Bool { Graphviz.executable(named: "dot") != nil }
}
