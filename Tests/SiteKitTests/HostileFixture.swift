import Figures
import Foundation
import LessonKit
@testable import SiteKit

/// Lessons written to inject into the site: every place a lesson's text reaches a page (file
/// name, title, summary, prose, raw HTML, links, code, outputs, chart and graph text) carries a
/// payload that, if it ran in a reader's browser, would set `window.__pwned` or open a dialog.
/// Built as plain values, like ``Fixture``, so the same site is checked by the unit tests and in
/// headless Chromium.
enum HostileFixture {
    /// What a payload does when it runs; a page where this is defined was injected into.
    static let mark = "window.__pwned"

    static let proseSource = """
    ---
    summary: A summary with "quotes" & <script>window.__pwned='summary'</script> a tag
    ---

    # Title <img src=x onerror="window.__pwned='title'">

    Raw HTML in prose: <script>window.__pwned='script'</script>
    and an image <img src="x" onerror="window.__pwned='img'"> inline.

    <div onclick="window.__pwned='block'"><script>window.__pwned='block-script'</script></div>

    <iframe src="javascript:window.__pwned='iframe'"></iframe>

    [a javascript link](javascript:window.__pwned='link') and [data](data:text/html,<script>alert(1)</script>)
    and ![an image](javascript:window.__pwned='image').

    Spelled to slip past a filter: [entities](&#106;avascript:window.__pwned='entity'),
    [upper case](JAVASCRIPT:window.__pwned='upper'), [a tab](java	script:window.__pwned='tab'),
    <javascript:window.__pwned='autolink'>, [vb](vbscript:msgbox(1)), [a file](file:///etc/passwd),
    [by reference][ref] and <a href="javascript:window.__pwned='raw-a'">raw anchor</a>.

    [ref]: javascript:window.__pwned='reference' "title\" onmouseover=\"window.__pwned='ref-title'"

    ## Heading <svg onload="window.__pwned='heading'"></svg>

    ```swift
    print("</code></pre><script>window.__pwned='code'</script>")
    ```

    ```python twin
    print("</code></pre><script>window.__pwned='twin'</script>")
    ```

    ```output
    </code></pre><script>window.__pwned='output'</script>
    ```

    ```swift
    print("\\u{1B}[31mred\\u{1B}[0m")
    ```

    ```output
    \u{1B}[31mred\u{1B}[0m
    ```

    ```swift
    show(chart)
    ```

    ```swift
    show(graph)
    ```

    ```python
    # prose Python: </code></pre><script>window.__pwned='prose-python'</script>
    ```
    """

    /// A chart whose every label is markup.
    static let chart = LineChart(title: "<script>window.__pwned='chart-title'</script>",
                                 xLabel: "\" onmouseover=\"window.__pwned='x-label'",
                                 yLabel: "<img src=x onerror=\"window.__pwned='y-label'\">",
                                 series: [.init(name: "</text><script>window.__pwned='series'</script>", values: [1, 2, 3])])

    /// A graph whose DOT carries live links, event handlers, and markup in labels and titles.
    static let graph = GraphFigure(title: "\"><script>window.__pwned='graph-title'</script>", dot: """
    digraph G {
      a [label="a </text><script>window.__pwned='label'</script>" URL="javascript:window.__pwned='url'" target="_top"];
      b [label=<<b>html</b> label> href="javascript:window.__pwned='href'" tooltip="<script>x</script>"];
      c [label="c" URL="https://example.com/elsewhere"];
      d [label="d" URL="#content"];
      a -> b [URL="javascript:window.__pwned='edge'" edgetooltip="x"];
      b -> c; c -> d;
    }
    """)

    /// Every hostile lesson: the prose lesson under a safe name, and file names that are not.
    static var lessons: [Lesson] {
        [Fixture.lesson(path: "lessons/01-hostile.md", source: proseSource),
         Fixture.lesson(path: "lessons/02-x\" onmouseover=\"window.__pwned='name'.md", source: "# Named\n\nProse.\n"),
         Fixture.lesson(path: "lessons/03-<script>window.__pwned=1<\\script>.md", source: "# Scripted\n"),
         Fixture.lesson(path: "lessons/04-fine.md", source: "\u{FEFF}---\nsummary: after a byte-order mark\n---\n\n# Fine\n\nProse.\n")]
    }

    static var results: [LessonResult] {
        [
            LessonResult(path: "lessons/01-hostile.md", cells: [
                CellResult(index: 0, outcome: .passed, actual: "</code></pre><script>window.__pwned='output'</script>\n",
                           twin: TwinResult(outcome: .passed, actual: "</code></pre><script>window.__pwned='output'</script>\n")),
                CellResult(index: 1, outcome: .mismatch(expected: "\u{1B}[31mred\u{1B}[0m\n", actual: "\u{1B}[32mred\u{1B}[0m\u{0}\n"),
                           actual: "\u{1B}[32mred\u{1B}[0m\u{0}\n"),
                CellResult(index: 2, outcome: .passed, actual: "", figures: [.lineChart(chart)]),
                CellResult(index: 3, outcome: .passed, actual: "", figures: [.graph(graph)]),
            ]),
            LessonResult(path: "lessons/02-x\" onmouseover=\"window.__pwned='name'.md", cells: []),
            LessonResult(path: "lessons/03-<script>window.__pwned=1<\\script>.md", cells: []),
            LessonResult(path: "lessons/04-fine.md", cells: []),
        ]
    }

    static func render() throws -> RenderedSite {
        try SiteBuilder().render(lessons: lessons, results: results)
    }
}
