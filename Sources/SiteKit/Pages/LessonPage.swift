import LessonKit

/// One lesson's page: the failure banner (if any), the title with the table of contents under it,
/// the prose with its cells, outputs and figures, and links to the previous and next lessons.
struct LessonPage {
    var lesson: SiteLesson
    var previous: SiteLesson?
    var next: SiteLesson?
    var figures = FigureRenderer()
    /// For the one-page course: every id the page writes starts with this, and the page has no
    /// table of contents and no pager.
    var idPrefix = ""
    var printing = false

    /// What rendering a lesson page produced.
    struct Rendered {
        /// The `<main>` content.
        var main: String
        /// What the banner shows: the lesson's findings and figures that could not be drawn.
        var findings: [Finding]
        /// Whether the page shows a failing lesson: one that did not pass, or whose figures
        /// could not be drawn.
        var failed: Bool
        /// What the search index takes from the page.
        var search: [DocumentRenderer.SearchItem]
    }

    func render() throws -> Rendered {
        var findings = lesson.findings
        var downloads = ""
        if !LessonDownloads(lesson: lesson.lesson).isEmpty {
            downloads = "<p class=\"downloads\">The PyTorch side, to run yourself: <a href=\"\(HTML.attribute(lesson.slug)).py\" download>\(HTML.escape(lesson.slug)).py</a>"
                + " · <a href=\"\(HTML.attribute(lesson.slug)).ipynb\" download>notebook</a></p>\n"
        }
        let printing = self.printing, idPrefix = self.idPrefix
        let document = try DocumentRenderer(lesson: lesson.lesson, idPrefix: idPrefix,
                                            afterTitle: { downloads + (printing ? "" : Self.toc($0)) }) { cell in
            var figureHTML: [String] = []
            for (number, figure) in (lesson.result(of: cell)?.figures ?? []).enumerated() {
                let drawn = try figures.render(figure)
                figureHTML.append(drawn.html)
                if let message = drawn.failure {
                    findings.append(Finding(diagnostic: Diagnostic(file: lesson.lesson.path, line: cell.line,
                                                                   message: "\(cell.name): figure \(number + 1) could not be drawn: \(message)"),
                                            cell: cell.index))
                }
            }
            return CellRenderer(cell: cell, result: lesson.result(of: cell), figures: figureHTML, idPrefix: idPrefix,
                                pytorchVersion: lesson.result?.pytorchVersion).render()
        }.render()

        let failed = !(lesson.result?.passed ?? false) || findings.contains(where: \.isFailure)
        var main = failed ? Self.banner(findings, lesson: lesson.lesson, idPrefix: idPrefix) : ""
        main += "<article>\n\(document.html)</article>\n" + (printing ? "" : CellRenderer.preludes(for: lesson.lesson))
        if !printing { main += pager }
        return Rendered(main: main, findings: findings, failed: failed, search: document.search)
    }

    /// The loud summary at the top of a page built from a failing lesson: every error and every
    /// cell that did not run, each once, linked to its cell when the cell is shown.
    static func banner(_ findings: [Finding], lesson: Lesson, idPrefix: String = "") -> String {
        let shown = findings.filter { $0.diagnostic.severity != .warning }
        let count = shown.count == 1 ? "1 problem" : "\(shown.count) problems"
        var html = "<div class=\"failure-banner\" id=\"\(idPrefix)failures\" role=\"alert\">\n"
        html += "<strong>This lesson failed verification (\(count)).</strong> "
        html += "What the page shows below may not be what the code does.\n<ul>\n"
        for finding in shown {
            let place = finding.diagnostic.line.map { "line \($0)" } ?? "lesson"
            let cell = finding.cell.map { lesson.cells[$0] }.flatMap { $0.options.hidden ? nil : $0 }
            let link = cell.map { "<a href=\"#\(idPrefix)code-cell-\($0.index)\">\(place)</a>" } ?? place
            html += "<li>\(link): \(HTML.escape(finding.diagnostic.message))</li>\n"
        }
        html += "</ul>\n</div>\n"
        return html
    }

    /// The on-page table of contents (`##` and `###`) under the title, or nothing for a page
    /// without sections.
    static func toc(_ headings: [DocumentRenderer.PageHeading]) -> String {
        PageContents.html(headings.filter { $0.level == 2 || $0.level == 3 })
    }

    /// Previous and next lesson links.
    var pager: String {
        var html = "<nav class=\"pager\" aria-label=\"Previous and next lessons\">\n"
        if let previous {
            html += "<a class=\"prev\" rel=\"prev\" href=\"\(HTML.attribute(previous.page))\"><span class=\"dir\">← Previous</span>\(HTML.escape(previous.lesson.title))</a>\n"
        } else {
            html += "<a class=\"prev\" rel=\"prev\" href=\"index.html\"><span class=\"dir\">← Overview</span>FreezeLab</a>\n"
        }
        if let next {
            html += "<a class=\"next\" rel=\"next\" href=\"\(HTML.attribute(next.page))\"><span class=\"dir\">Next →</span>\(HTML.escape(next.lesson.title))</a>\n"
        }
        return html + "</nav>\n"
    }
}
