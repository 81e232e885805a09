/// The frame every page shares: head, skip link, top bar with search, the lesson sidebar, and
/// the footer. Pages supply only their `<main>` content.
struct PageLayout {
    var siteTitle: String
    /// All lessons, in order, for the sidebar.
    var lessons: [SiteLesson]
    /// Slugs of lessons that failed, marked in the sidebar.
    var failing: Set<String>
    /// Whether the site has the engine reference, linked after the lessons.
    var hasReference = false

    /// A complete HTML document: the theme's page skeleton, filled.
    func page(title: String, description: String?, current: String?, main: String) -> String {
        let meta = description.map { $0.isEmpty ? "" : "<meta name=\"description\" content=\"\(HTML.attribute($0))\">\n" } ?? ""
        return Theme.page.render(["title": HTML.escape(title), "description": meta, "brand": brand,
                                  "sidebar": sidebar(current: current), "main": main])
    }

    /// `FreezeLab` with the second half accented.
    var brand: String {
        if siteTitle == "FreezeLab" { return "Freeze<span>Lab</span>" }
        return HTML.escape(siteTitle)
    }

    func sidebar(current: String?) -> String {
        var html = "<nav id=\"sidebar\" class=\"sidebar\" aria-label=\"Lessons\">\n"
        let homeCurrent = current == "index.html" ? " aria-current=\"page\"" : ""
        html += "<ol class=\"home\"><li><a href=\"index.html\"\(homeCurrent)>Overview</a></li></ol>\n"
        html += "<h2>Lessons</h2>\n<ol>\n"
        for lesson in lessons {
            let mark = lesson.page == current ? " aria-current=\"page\"" : ""
            let failing = failing.contains(lesson.slug) ? " class=\"failing\"" : ""
            let number = lesson.number.map { "<span class=\"num\">\($0)</span>" } ?? ""
            let note = failing.isEmpty ? "" : "<span class=\"visually-hidden\"> (fails verification)</span>"
            html += "<li><a href=\"\(HTML.attribute(lesson.page))\"\(mark)\(failing)>\(number)<span>\(HTML.escape(lesson.lesson.title))\(note)</span></a></li>\n"
        }
        html += "</ol>\n"
        if hasReference {
            let mark = current == ReferencePage.page ? " aria-current=\"page\"" : ""
            html += "<h2>Engine</h2>\n<ol class=\"home\"><li><a href=\"\(ReferencePage.page)\"\(mark)>\(ReferencePage.title)</a></li></ol>\n"
        }
        if !lessons.isEmpty {
            let mark = current == PrintPage.page ? " aria-current=\"page\"" : ""
            html += "<ol class=\"home print-link\"><li><a href=\"\(PrintPage.page)\"\(mark)>\(PrintPage.title) (one page, to print)</a></li></ol>\n"
        }
        html += "</nav>"
        return html
    }
}
