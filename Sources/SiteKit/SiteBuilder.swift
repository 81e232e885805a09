import Foundation
import LessonKit

/// Renders verified lessons into a static site: `index.html`, one `<slug>.html` per lesson,
/// `style.css`, the scripts (`theme.js`, `site.js`, `search.js`, `lunr.js`), `search-index.js`
/// and the package's data files under `data/`.
///
/// Rendering is pure: ``render(lessons:results:)`` returns the files as bytes, the same bytes
/// for the same input on any machine (no timestamps, no absolute paths, sorted everything).
/// ``build(lessons:results:into:)`` then writes only the files that changed and removes stale
/// ones. The only process it starts is Graphviz `dot`, for graph figures.
///
/// The build command calls it like this:
///
///     let builder = SiteBuilder(lessonsDirectory: URL(fileURLWithPath: "lessons"))
///     let report = try builder.build(lessons: lessons, results: results,
///                                    into: URL(fileURLWithPath: "site"))
///     report.failures.forEach { print($0.diagnostic.formatted) }
///     if !report.failures.isEmpty && !allowFailures { throw ExitCode.failure }
public struct SiteBuilder: Sendable {
    /// The site's name, shown in the top bar and page titles.
    public var siteTitle: String
    /// The front page's document (`lessons/index.md`, parsed like a lesson): the course
    /// introduction and the short answer to "how do I freeze layers?". The lesson list is
    /// appended to it.
    public var index: Lesson
    /// The engine's API, rendered as `reference.html` when given.
    public var reference: EngineReference?
    /// The package's data files (file name → bytes), published under `data/` so a reader who
    /// copies a lesson's code finds the `data/…` paths it opens.
    public var dataFiles: [String: Data] = [:]

    /// Creates a builder with the given front-page Markdown (only a title when `nil`).
    public init(indexMarkdown: String? = nil, indexPath: String = "lessons/index.md", siteTitle: String = "FreezeLab") {
        self.index = LessonParser().parse(source: indexMarkdown ?? "# \(siteTitle)\n", path: indexPath).lesson
        self.siteTitle = siteTitle
    }

    /// Creates a builder whose front page is `index.md` in `lessonsDirectory`, if it exists.
    public init(lessonsDirectory: URL, siteTitle: String = "FreezeLab") {
        let url = lessonsDirectory.appendingPathComponent("index.md")
        self.init(indexMarkdown: try? String(contentsOf: url, encoding: .utf8), siteTitle: siteTitle)
    }

    /// Renders and writes the site for checked lessons into `directory` (created if needed),
    /// touching only changed files and removing stale ones. A lesson that could not be read has
    /// no page, but its findings still fail the build. Throws when Graphviz is missing or
    /// writing fails; lesson failures do not throw: they are shown on the pages and listed in
    /// the report.
    public func build(checked: [CheckedLesson], into directory: URL) throws -> SiteReport {
        let site = try render(checked: checked)
        var report = try SiteWriter(directory: directory).write(site.files)
        report.failures = site.failures
        return report
    }

    /// Renders checked lessons into memory; a lesson that could not be read has no page, but its
    /// findings are among the failures. `serve` publishes this without reading files back.
    public func render(checked: [CheckedLesson]) throws -> RenderedSite {
        let readable = checked.compactMap { item in item.lesson.map { ($0, item.result) } }
        var site = try render(lessons: readable.map(\.0), results: readable.map(\.1))
        for item in checked where item.lesson == nil {
            site.failures += Finding.of(item).filter { $0.diagnostic.severity != .warning }
        }
        return site
    }

    /// Renders and writes the site into `directory`; see ``build(checked:into:)``.
    public func build(lessons: [Lesson], results: [LessonResult], into directory: URL) throws -> SiteReport {
        let site = try render(lessons: lessons, results: results)
        var report = try SiteWriter(directory: directory).write(site.files)
        report.failures = site.failures
        return report
    }

    /// Renders the whole site into memory: site-relative path → bytes, and every failure shown.
    /// Lessons are ordered by file name; results are matched to lessons by path.
    public func render(lessons: [Lesson], results: [LessonResult]) throws -> RenderedSite {
        let resultsByPath = Dictionary(results.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let all = lessons.map { SiteLesson(lesson: $0, result: resultsByPath[$0.path]) }.sorted { $0.slug < $1.slug }
        // A page's name goes into links on every page: only names that need no escaping.
        let siteLessons = all.filter { SiteLesson.isSafePageName($0.slug) }
        var failures: [Finding] = all.filter { !SiteLesson.isSafePageName($0.slug) }.map { lesson in
            Finding(diagnostic: Diagnostic(file: lesson.lesson.path, line: nil, message:
                "this file name cannot name a page, so the lesson has none: use letters, digits, `-`, `_` and `.`, starting with a letter or digit"))
        }

        var files: [String: Data] = [:]
        var failing = Set<String>()
        var search = SearchIndex()
        var pages: [(lesson: SiteLesson, main: String)] = []
        for (index, lesson) in siteLessons.enumerated() {
            let page = LessonPage(lesson: lesson,
                                  previous: index > 0 ? siteLessons[index - 1] : nil,
                                  next: index + 1 < siteLessons.count ? siteLessons[index + 1] : nil)
            let rendered = try page.render()
            if rendered.failed {
                failing.insert(lesson.slug)
                failures += rendered.findings.filter { $0.diagnostic.severity != .warning }
            }
            pages.append((lesson, rendered.main))
            let downloads = LessonDownloads(lesson: lesson.lesson)
            if !downloads.isEmpty {
                files["\(lesson.slug).py"] = Data(downloads.script(slug: lesson.slug).utf8)
                files["\(lesson.slug).ipynb"] = try downloads.notebook()
            }
            search.add(page: lesson.page, title: lesson.lesson.title, items: rendered.search)
        }
        let layout = PageLayout(siteTitle: siteTitle, lessons: siteLessons, failing: failing, hasReference: reference != nil)
        for (lesson, main) in pages {
            let description = lesson.lesson.summary.map { ProseRenderer.inline($0).text }
            let html = layout.page(title: "\(lesson.lesson.title) · \(siteTitle)", description: description,
                                   current: lesson.page, main: main)
            files[lesson.page] = Data(html.utf8)
        }

        let indexPage = IndexPage(document: index, lessons: siteLessons, failing: failing)
        let indexTitle = indexPage.title == siteTitle ? siteTitle : "\(indexPage.title) · \(siteTitle)"
        let front = try indexPage.render()
        files["index.html"] = Data(layout.page(title: indexTitle, description: nil, current: "index.html", main: front.main).utf8)
        var fullSearch = SearchIndex()
        fullSearch.add(page: "index.html", title: indexPage.title, items: front.search)
        fullSearch.entries += search.entries
        if let reference {
            let page = ReferencePage(reference: reference, lessons: siteLessons).render()
            files[ReferencePage.page] = Data(layout.page(title: "\(ReferencePage.title) · \(siteTitle)",
                                                         description: "Every public symbol of the engine, with the PyTorch name it mirrors.",
                                                         current: ReferencePage.page, main: page.main).utf8)
            fullSearch.add(page: ReferencePage.page, title: ReferencePage.title, items: page.search)
        }
        if !siteLessons.isEmpty {
            files[PrintPage.page] = Data(layout.page(title: "\(PrintPage.title) · \(siteTitle)",
                                                     description: "Every lesson on one page, to read through or print.",
                                                     current: PrintPage.page, main: try PrintPage(lessons: siteLessons).render()).utf8)
        }
        files["search-index.js"] = try fullSearch.javaScript()
        files["style.css"] = Data(Theme.css.utf8)
        files["site.js"] = Data(Theme.javaScript.utf8)
        files["theme.js"] = Data(Theme.themeScript.utf8)
        files["search.js"] = Data(Theme.searchScript.utf8)
        files["lunr.js"] = Data(Theme.lunr.utf8)
        for (name, data) in dataFiles { files["data/\(name)"] = data }
        return RenderedSite(files: files, failures: failures)
    }
}

/// A site rendered in memory.
public struct RenderedSite: Equatable, Sendable {
    /// Site-relative path → file bytes.
    public var files: [String: Data]
    /// What the pages of failing lessons show (errors and cells that did not run), in lesson
    /// order.
    public var failures: [Finding]
}
