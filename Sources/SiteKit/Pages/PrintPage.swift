/// The whole course on one page (`print.html`), as mdBook offers: every lesson's article in
/// order, each from a new sheet of paper, with its figures; the ids of each lesson start with its
/// slug so they stay unique on the page. The stylesheet's print rules hide the site's chrome and
/// show both languages of every twin, every prediction's answer and every explorer chart.
struct PrintPage {
    static let page = "print.html"
    static let title = "The whole course"

    var lessons: [SiteLesson]

    func render() throws -> String {
        var main = "<h1>\(Self.title)</h1>\n"
        main += "<p class=\"lead print-hint\">Every lesson on one page, to read through or print "
            + "(each lesson starts a new page; your browser's Print command does the rest).</p>\n"
        main += "<nav class=\"print-contents\" aria-label=\"Lessons on this page\">\n<ol>\n"
        for lesson in lessons {
            main += "<li><a href=\"#\(HTML.attribute(lesson.slug))\">\(HTML.escape(lesson.lesson.title))</a></li>\n"
        }
        main += "</ol>\n</nav>\n"
        for lesson in lessons {
            let rendered = try LessonPage(lesson: lesson, previous: nil, next: nil, idPrefix: "\(lesson.slug)--", printing: true).render()
            main += "<section class=\"print-lesson\" id=\"\(HTML.attribute(lesson.slug))\" aria-label=\"\(HTML.attribute(lesson.lesson.title))\">\n"
            main += rendered.main + "</section>\n"
        }
        // One set of preludes for the page ("Copy with set-up" stays within a lesson's section).
        return main + (lessons.first(where: { !$0.lesson.cells.isEmpty }).map { CellRenderer.preludes(for: $0.lesson) } ?? "")
    }
}
