/// The frame every page shares: head, skip link, top bar with search, the lesson sidebar, and
/// the footer. Pages supply only their `<main>` content.
struct PageLayout {
    var siteTitle: String
    /// All lessons, in order, for the sidebar.
    var lessons: [SiteLesson]
    /// Slugs of lessons that failed, marked in the sidebar.
    var failing: Set<String>

    /// A complete HTML document.
    func page(title: String, description: String?, current: String?, main: String) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(HTML.escape(title))</title>

        """
        if let description, !description.isEmpty {
            html += "<meta name=\"description\" content=\"\(HTML.attribute(description))\">\n"
        }
        html += """
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="style.css">
        <script src="search-index.js" defer></script>
        <script src="site.js" defer></script>
        </head>
        <body>
        <a class="skip-link" href="#content">Skip to content</a>
        <header class="topbar">
        <button type="button" class="menu-button" aria-controls="sidebar" aria-expanded="false">☰ Lessons</button>
        <a class="brand" href="index.html">\(brand)</a>
        <div class="search" role="search">
        <label for="search" class="visually-hidden">Search the lessons</label>
        <input id="search" type="search" placeholder="Search…" title="Search the lessons (press / to focus)" aria-keyshortcuts="/" autocomplete="off" spellcheck="false">
        <div id="search-results" class="search-results" hidden></div>
        </div>
        </header>
        <div class="layout">
        \(sidebar(current: current))
        <main id="content" tabindex="-1">
        \(main)
        <footer class="site-footer"><p>Every output and figure on these pages comes from running the code shown and checking it against the lesson when the site was built.</p></footer>
        </main>
        </div>
        </body>
        </html>

        """
        return html
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
            html += "<li><a href=\"\(lesson.page)\"\(mark)\(failing)>\(number)<span>\(HTML.escape(lesson.lesson.title))\(note)</span></a></li>\n"
        }
        html += "</ol>\n</nav>"
        return html
    }
}
