import LessonKit

/// The front page: the course introduction (`lessons/index.md`, parsed and rendered like a
/// lesson), then every lesson with its status and summary.
struct IndexPage {
    /// The parsed `index.md`.
    var document: Lesson
    var lessons: [SiteLesson]
    var failing: Set<String>

    /// The page's title: the first `#` heading of the text.
    var title: String {
        document.title.isEmpty ? "FreezeLab" : document.title
    }

    /// The `<main>` content and what the search index takes from it.
    func render() throws -> (main: String, search: [DocumentRenderer.SearchItem]) {
        var main = ""
        if !failing.isEmpty {
            main += "<div class=\"failure-banner\" id=\"failures\" role=\"alert\">\n"
            main += "<strong>Some lessons failed verification.</strong> Their pages show what went wrong.\n<ul>\n"
            for lesson in lessons where failing.contains(lesson.slug) {
                main += "<li><a href=\"\(HTML.attribute(lesson.page))\">\(HTML.escape(lesson.lesson.title))</a></li>\n"
            }
            main += "</ul>\n</div>\n"
        }
        // The front page's cells are shown, not verified: only lessons are checked.
        let intro = try DocumentRenderer(lesson: document) { cell in
            CellRenderer(cell: cell, result: nil, figures: []).render()
        }.render()
        main += "<article>\n" + intro.html
        main += "<h2 id=\"lessons\">Lessons</h2>\n<ol class=\"lesson-list\">\n"
        for lesson in lessons {
            let status = failing.contains(lesson.slug)
                ? "<span class=\"status badge badge-failed\">✗ failing</span>"
                : "<span class=\"status badge badge-verified\">✓ verified</span>"
            let number = lesson.number.map { "\($0). " } ?? ""
            main += "<li><a href=\"\(HTML.attribute(lesson.page))\">\(status)<span class=\"title\">\(number)\(HTML.escape(lesson.lesson.title))</span>"
            if let summary = lesson.lesson.summary {
                main += "<span class=\"summary\">\(ProseRenderer.inline(summary).html)</span>"
            }
            main += "</a></li>\n"
        }
        main += "</ol>\n</article>\n" + CellRenderer.preludes(for: document)
        if let first = lessons.first {
            main += "<nav class=\"pager\" aria-label=\"Next lesson\">\n<a class=\"next\" rel=\"next\" href=\"\(HTML.attribute(first.page))\"><span class=\"dir\">Start →</span>\(HTML.escape(first.lesson.title))</a>\n</nav>\n"
        }
        return (main, intro.search)
    }
}
