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

    ```swift
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
                CellResult(index: 0, status: .passed, actual: ""),
                CellResult(index: 1, status: .passed, actual: "frozen: true\n"),
                CellResult(index: 2, status: .passed, actual: "", figures: [.lineChart(chart)]),
                CellResult(index: 3, status: .passed, actual: "", figures: [.graph(graph)]),
            ]),
            LessonResult(path: "lessons/02-momentum.md", cells: [
                CellResult(index: 0, status: .failed, actual: "0.45\n", message: "output does not match the lesson"),
                CellResult(index: 1, status: .notRun, message: "an earlier cell trapped"),
            ]),
        ]
    }

    /// A lesson from Markdown, cells found by a tiny scan (the real parser lives in LessonKit).
    static func lesson(path: String, source: String) -> Lesson {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var cells: [Cell] = []
        var metadata: [String: String] = [:]
        for line in lines where line.hasPrefix("summary: ") { metadata["summary"] = String(line.dropFirst(9)) }
        var i = 0
        while i < lines.count {
            guard lines[i].hasPrefix("```swift") else { i += 1; continue }
            let info = lines[i].dropFirst(3).split(separator: " ")
            let start = i
            i += 1
            var code: [String] = []
            while lines[i] != "```" { code.append(lines[i]); i += 1 }
            i += 1
            var next = i
            while next < lines.count && lines[next].isEmpty { next += 1 }
            var expected: OutputBlock?
            if next < lines.count && lines[next] == "```output" {
                var text: [String] = []
                var j = next + 1
                while lines[j] != "```" { text.append(lines[j]); j += 1 }
                expected = OutputBlock(line: next + 1, text: text.map { $0 + "\n" }.joined(), contentRange: 0..<0)
                i = j + 1
            }
            cells.append(Cell(index: cells.count, line: start + 1, codeLine: start + 2,
                              code: code.map { $0 + "\n" }.joined(),
                              options: CellOptions(hidden: info.contains("hidden")), expected: expected))
        }
        let title = lines.first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? ""
        return Lesson(path: path, source: source, title: title, metadata: metadata, cells: cells)
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
