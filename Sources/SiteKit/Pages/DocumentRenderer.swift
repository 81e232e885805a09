import LessonKit

/// Walks a parsed lesson's blocks (``LessonKit/LessonBlock``) in order and writes the page's
/// article: headings with ids, prose through ``ProseRenderer``, cells through a renderer the page
/// supplies, plain code blocks highlighted. The lesson pages and the front page both go through
/// it, so a block renders the same wherever it stands.
struct DocumentRenderer {
    /// A heading as a page shows it: its text, level and the id its anchor and the table of
    /// contents link to.
    struct PageHeading: Equatable {
        var level: Int
        var text: String
        var id: String
    }

    /// What the search index takes from a page, in order.
    enum SearchItem: Equatable {
        case heading(PageHeading)
        case words(String)
    }

    /// A rendered document.
    struct Rendered {
        var html: String
        var headings: [PageHeading]
        var search: [SearchItem]
    }

    /// Ids SiteKit's page chrome already uses; headings get a suffix instead.
    static let reservedIDs: Set<String> = ["content", "sidebar", "toc", "search", "search-results", "top", "failures"]

    var lesson: Lesson
    /// Put before every heading id: the one-page course holds many lessons' headings.
    var idPrefix = ""
    /// HTML the page puts right under the title (the `#` heading), or first when there is none,
    /// made from the document's headings (a table of contents can stand there).
    var afterTitle: ([PageHeading]) -> String = { _ in "" }
    /// The HTML of a cell, with its output and figures.
    var renderCell: (Cell) throws -> String

    func render() throws -> Rendered {
        var html = "", headings: [PageHeading] = [], search: [SearchItem] = []
        var usedIDs = Self.reservedIDs
        // Where `afterTitle` goes, in UTF-8 bytes of `html`: it is written once every heading is known.
        var titleEnd: Int?
        for block in lesson.blocks {
            switch block {
            case .frontMatter, .output:
                break
            case .twin(let index):
                // Rendered with its cell; its code is searchable like the cell's.
                if !lesson.cells[index].options.hidden, let twin = lesson.cells[index].twin { search.append(.words(twin.code)) }
            case .heading(let heading):
                let rendered = ProseRenderer.heading(markdown(heading.lines))
                var id = idPrefix + HTML.slug(rendered.text)
                if usedIDs.contains(id) {
                    var n = 1
                    while usedIDs.contains("\(id)-\(n)") { n += 1 }
                    id = "\(id)-\(n)"
                }
                usedIDs.insert(id)
                let pageHeading = PageHeading(level: heading.level, text: rendered.text, id: id)
                headings.append(pageHeading)
                search.append(.heading(pageHeading))
                html += Self.heading(pageHeading, innerHTML: rendered.html)
                if heading.level == 1 && titleEnd == nil { titleEnd = html.utf8.count }
            case .prose(let prose):
                let nested = try prose.nested.map(renderNested)
                let rendered = ProseRenderer.render(markdown(prose.lines), nested: nested, fragmentPrefix: idPrefix)
                html += rendered.html
                search.append(.words(rendered.text))
                search += prose.nested.compactMap(searchWords)
            case .cell(let index):
                html += try renderCell(lesson.cells[index])
                search += searchWords(block).map { [$0] } ?? []
            case .code(let code):
                html += Self.code(code)
                search.append(.words(code.code))
            }
        }
        let split = html.utf8.index(html.startIndex, offsetBy: titleEnd ?? 0)
        html = String(html[..<split]) + afterTitle(headings) + String(html[split...])
        return Rendered(html: html, headings: headings, search: search)
    }

    /// The Markdown of a block's lines, with the lesson's link reference definitions so links
    /// written as `[text][name]` resolve as they do in the whole document.
    private func markdown(_ lines: ClosedRange<Int>) -> String {
        let text = lesson.markdown(ofLines: lines)
        return lesson.referenceDefinitions.isEmpty ? text : text + "\n" + lesson.referenceDefinitions
    }

    private func renderNested(_ block: LessonBlock) throws -> String {
        switch block {
        case .cell(let index): try renderCell(lesson.cells[index])
        case .code(let code): Self.code(code)
        default: ""
        }
    }

    /// The words a nested or top-level code block adds to the search index: a shown cell's code
    /// and a plain code block's; not hidden cells, not output blocks.
    private func searchWords(_ block: LessonBlock) -> SearchItem? {
        switch block {
        case .cell(let index) where !lesson.cells[index].options.hidden: .words(lesson.cells[index].code)
        case .code(let code): .words(code.code)
        default: nil
        }
    }

    /// A heading with its id; `##` and below get a `#` link.
    static func heading(_ heading: PageHeading, innerHTML: String) -> String {
        let tag = "h\(heading.level)"
        let anchor = heading.level == 1 ? ""
            : "<a class=\"anchor\" href=\"#\(heading.id)\" aria-label=\"Link to this section\">#</a>"
        return "<\(tag) id=\"\(heading.id)\">\(innerHTML)\(anchor)</\(tag)>\n"
    }

    /// A code block that does not run, highlighted when it is Swift.
    static func code(_ block: CodeBlock) -> String {
        let language = block.language
        let code = block.code.hasSuffix("\n") ? String(block.code.dropLast()) : block.code
        let body = language == "swift" ? SwiftHighlighter.html(code) : HTML.escape(code)
        let cls = language.isEmpty ? "" : " class=\"language-\(HTML.attribute(language))\""
        return "<pre class=\"prose-code\"><code\(cls)>\(body)</code></pre>\n"
    }
}
