/// "On this page": the sections of a page, under its title. A disclosure (`<details>`), open as
/// written so it shows without scripts; on a phone site.js closes it, so the lesson starts on the
/// first screen. Beside a wide page it is a sticky column, and site.js marks the section being
/// read with `aria-current`.
enum PageContents {
    /// The table of contents for `headings` (`##` entries, `###` indented), or nothing when there
    /// are none.
    static func html(_ headings: [DocumentRenderer.PageHeading]) -> String {
        guard !headings.isEmpty else { return "" }
        var html = "<nav class=\"toc\" aria-label=\"On this page\">\n<details open>\n<summary>On this page</summary>\n<ul>\n"
        for heading in headings {
            html += "<li class=\"h\(heading.level)\"><a href=\"#\(heading.id)\">\(HTML.escape(heading.text))</a></li>\n"
        }
        return html + "</ul>\n</details>\n</nav>\n"
    }
}
