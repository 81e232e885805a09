import LessonKit

/// One lesson's page: the failure banner (if any), the table of contents, the prose with its
/// cells, outputs and figures, and links to the previous and next lessons.
struct LessonPage {
    var lesson: SiteLesson
    var previous: SiteLesson?
    var next: SiteLesson?
    var figures = FigureRenderer()

    /// The `<main>` content and every failure the page shows.
    func render() throws -> (main: String, failures: [SiteFailure]) {
        var failures = lesson.verificationFailures
        let cellsByLine = Dictionary(lesson.lesson.cells.map { ($0.line, $0) }, uniquingKeysWith: { first, _ in first })
        let outputLines = Set(lesson.lesson.cells.compactMap { $0.expected?.line })
        var shown = Set<Int>()

        func renderCode(_ block: MarkdownDocument.CodeBlock) throws -> String {
            if let cell = cellsByLine[block.line] {
                shown.insert(cell.index)
                var figureHTML: [String] = []
                for figure in lesson.result(of: cell)?.figures ?? [] {
                    let drawn = try figures.render(figure)
                    figureHTML.append(drawn.html)
                    if let message = drawn.failure {
                        failures.append(SiteFailure(path: lesson.lesson.path, line: cell.line, message: message))
                    }
                }
                return CellRenderer(cell: cell, result: lesson.result(of: cell), figures: figureHTML).render()
            }
            if outputLines.contains(block.line) { return "" }
            let language = block.info.split(separator: " ").first.map(String.init) ?? ""
            let code = block.text.hasSuffix("\n") ? String(block.text.dropLast()) : block.text
            let body = language == "swift" ? SwiftHighlighter.html(code) : HTML.escape(code)
            let cls = language.isEmpty ? "" : " class=\"language-\(HTML.attribute(language))\""
            return "<pre class=\"prose-code\"><code\(cls)>\(body)</code></pre>\n"
        }

        var article = ""
        for block in lesson.document.blocks {
            switch block {
            case .heading(let heading):
                article += Self.heading(heading)
            case .prose(var html, _, let nested):
                for code in nested {
                    let placeholder = MarkdownDocument.placeholder(for: code)
                    let rendered = try renderCode(code)
                    html = html.replacingOccurrences(of: "<p>\(placeholder)</p>", with: rendered)
                        .replacingOccurrences(of: placeholder, with: rendered)
                }
                article += html
            case .code(let code):
                article += try renderCode(code)
            }
        }
        for cell in lesson.lesson.cells where !shown.contains(cell.index) {
            failures.append(SiteFailure(path: lesson.lesson.path, line: cell.line,
                                        message: "cell \(cell.index + 1) has no code block at this line in the page"))
        }

        var main = Self.banner(failures, lesson: lesson.lesson)
        main += toc
        main += "<article>\n\(article)</article>\n"
        main += pager
        return (main, failures)
    }

    /// A heading with its id; `##` and below get a `#` link.
    static func heading(_ heading: MarkdownDocument.Heading) -> String {
        let tag = "h\(heading.level)"
        let anchor = heading.level == 1 ? ""
            : "<a class=\"anchor\" href=\"#\(heading.id)\" aria-label=\"Link to this section\">#</a>"
        return "<\(tag) id=\"\(heading.id)\">\(heading.innerHTML)\(anchor)</\(tag)>\n"
    }

    /// The loud summary at the top of a page built from a failing lesson.
    static func banner(_ failures: [SiteFailure], lesson: Lesson) -> String {
        guard !failures.isEmpty else { return "" }
        let count = failures.count == 1 ? "1 problem" : "\(failures.count) problems"
        var html = "<div class=\"failure-banner\" id=\"failures\" role=\"alert\">\n"
        html += "<strong>This lesson failed verification (\(count)).</strong> "
        html += "What the page shows below may not be what the code does.\n<ul>\n"
        for failure in failures {
            let cell = lesson.cells.first { $0.line == failure.line && !$0.options.hidden }
            let place = failure.line.map { "line \($0)" } ?? "lesson"
            let link = cell.map { "<a href=\"#code-cell-\($0.index)\">\(place)</a>" } ?? place
            html += "<li>\(link): \(HTML.escape(failure.message))</li>\n"
        }
        html += "</ul>\n</div>\n"
        return html
    }

    /// The on-page table of contents (`##` and `###`), or nothing for a page without sections.
    var toc: String {
        let entries = lesson.document.headings.filter { $0.level == 2 || $0.level == 3 }
        guard !entries.isEmpty else { return "" }
        var html = "<nav class=\"toc\" aria-label=\"On this page\">\n<h2>On this page</h2>\n<ul>\n"
        for heading in entries {
            html += "<li class=\"h\(heading.level)\"><a href=\"#\(heading.id)\">\(HTML.escape(heading.text))</a></li>\n"
        }
        return html + "</ul>\n</nav>\n"
    }

    /// Previous and next lesson links.
    var pager: String {
        var html = "<nav class=\"pager\" aria-label=\"Previous and next lessons\">\n"
        if let previous {
            html += "<a class=\"prev\" rel=\"prev\" href=\"\(previous.page)\"><span class=\"dir\">← Previous</span>\(HTML.escape(previous.lesson.title))</a>\n"
        } else {
            html += "<a class=\"prev\" rel=\"prev\" href=\"index.html\"><span class=\"dir\">← Overview</span>FreezeLab</a>\n"
        }
        if let next {
            html += "<a class=\"next\" rel=\"next\" href=\"\(next.page)\"><span class=\"dir\">Next →</span>\(HTML.escape(next.lesson.title))</a>\n"
        }
        return html + "</nav>\n"
    }
}
