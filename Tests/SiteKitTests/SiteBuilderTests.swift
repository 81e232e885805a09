import Foundation
import LessonKit
import Testing
@testable import SiteKit

@Suite(.enabled(if: Fixture.hasDot, "Graphviz `dot` is not installed")) struct SiteBuilderTests {
    /// The package's data files are published under `data/` (the paths lessons open), files
    /// directly in the folder only, bytes unchanged.
    @Test func publishesThePackagesDataFiles() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("freezelab-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("nested"), withIntermediateDirectories: true)
        try Data("1,2\n".utf8).write(to: folder.appendingPathComponent("numbers.csv"))
        try Data("# About\n".utf8).write(to: folder.appendingPathComponent("README.md"))
        try Data("x".utf8).write(to: folder.appendingPathComponent(".hidden"))
        try Data("x".utf8).write(to: folder.appendingPathComponent("nested/inner.csv"))
        var builder = SiteBuilder()
        builder.dataFiles = SiteBuild.dataFiles(in: folder)
        let site = try builder.render(lessons: Fixture.lessons, results: Fixture.results)
        #expect(site.files.keys.filter { $0.hasPrefix("data/") }.sorted() == ["data/README.md", "data/numbers.csv"])
        #expect(site.files["data/numbers.csv"] == Data("1,2\n".utf8))
        #expect(SiteBuild.dataFiles(in: folder.appendingPathComponent("missing")).isEmpty)
    }

    @Test func writesEveryPageAndAsset() throws {
        let site = try Fixture.render()
        // The first lesson has a PyTorch twin, so its PyTorch side comes as a script and a notebook.
        #expect(site.files.keys.sorted() == ["01-first-freeze.html", "01-first-freeze.ipynb", "01-first-freeze.py",
                                             "02-momentum.html", "index.html", "lunr.js", "print.html", "search-index.js", "search.js", "site.js",
                                             "style.css", "theme.js"])
        let page = Fixture.page("01-first-freeze.html", in: site)
        #expect(page.contains("<a href=\"01-first-freeze.py\" download>"))
        // The links sit under the title, inside the article, not above it.
        let title = try #require(page.range(of: "</h1>\n"))
        #expect(page[title.upperBound...].hasPrefix("<p class=\"downloads\">"))
        #expect(!Fixture.page("02-momentum.html", in: site).contains("class=\"downloads\""))
    }

    @Test func lessonPageHasSidebarTocPagerAndCells() throws {
        let page = Fixture.page("01-first-freeze.html", in: try Fixture.render())
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<title>Freezing with requires_grad · FreezeLab</title>"))
        #expect(page.contains("<a href=\"01-first-freeze.html\" aria-current=\"page\">"))
        #expect(page.contains("<a href=\"02-momentum.html\" class=\"failing\">"))
        #expect(page.contains("<li class=\"h2\"><a href=\"#setting-up\">Setting up</a></li>"))
        #expect(page.contains("<li class=\"h3\"><a href=\"#the-graph-behind-the-loss\">"))
        #expect(page.contains("<h2 id=\"watching-the-gradient\">"))
        #expect(page.contains("rel=\"next\" href=\"02-momentum.html\""))
        #expect(page.contains("rel=\"prev\" href=\"index.html\""))
        // A hidden cell's code is on the page only folded behind "Set-up code".
        let setup = try #require(page.range(of: "<details class=\"setup-code\">\n<summary>Set-up code</summary>"))
        let secret = try #require(page.range(of: "secretSetupValue"))
        #expect(setup.upperBound < secret.lowerBound && !page[setup.upperBound..<secret.lowerBound].contains("</details>"))
        #expect(page.contains("<span class=\"badge badge-verified\">✓ verified</span>"))
        #expect(page.contains("<pre>frozen: true</pre>"))
        #expect(page.contains("<svg class=\"chart chart-wide\"") && page.contains("<svg class=\"chart chart-narrow\""))
        #expect(page.contains("<svg class=\"graph\""))
        #expect(page.contains("<meta name=\"description\" content=\"Turning off requires_grad stops gradients at the frozen layer.\">"))
        #expect(page.contains("<pre class=\"prose-code\"><code class=\"language-python\">"))
        #expect(!page.contains("failure-banner"))
        #expect(!page.contains("summary:"))
    }

    @Test func aTwinPairIsOneCellWithLanguageTabsAndOneOutput() throws {
        let page = Fixture.page("01-first-freeze.html", in: try Fixture.render())
        #expect(page.contains("<div class=\"cell cell-passed cell-twins\" id=\"code-cell-4\">"))
        // The tab list is hidden until the script shows it; without JavaScript both panels show.
        #expect(page.contains("<div class=\"cell-head lang-tabs\" role=\"tablist\" aria-label=\"Language of cell 5\" hidden>"))
        #expect(page.contains("role=\"tab\" id=\"code-cell-4-tab-pytorch\" aria-controls=\"code-cell-4-pytorch\" aria-selected=\"false\" tabindex=\"-1\""))
        #expect(page.contains("<div class=\"lang-panel\" id=\"code-cell-4-pytorch\" role=\"tabpanel\" aria-labelledby=\"code-cell-4-tab-pytorch\" data-lang=\"pytorch\">"))
        #expect(page.contains("<code id=\"code-cell-4-python\" class=\"language-python\" data-program=\"python\">print(\"trainable\" if w.requires_grad else \"frozen\")</code>"))
        #expect(page.components(separatedBy: "<pre>frozen</pre>").count == 2)   // the output, once
        #expect(page.contains("<span class=\"badge badge-verified\">✓ verified · Swift engine · PyTorch 2.13.0</span>"))
    }

    @Test func aTwinThatFailsShowsThePyTorchSide() throws {
        var results = Fixture.results
        results[0].cells[4].twin = TwinResult(outcome: .mismatch(expected: "frozen\n", actual: "trainable\n"), actual: "trainable\n")
        let site = try SiteBuilder().render(lessons: Fixture.lessons, results: results)
        let page = Fixture.page("01-first-freeze.html", in: site)
        #expect(page.contains("<div class=\"cell cell-failed cell-twins\" id=\"code-cell-4\">"))
        #expect(page.contains("<span>Output does not match (PyTorch)</span>"))
        #expect(page.contains("<div class=\"mismatch-label\">Actual (PyTorch, this run)</div><pre>trainable</pre>"))
        #expect(site.failures.map(\.diagnostic.message).contains("cell 5 (PyTorch twin): output does not match the output block"))
    }

    @Test func failingLessonSaysSoLoudly() throws {
        let site = try Fixture.render()
        let page = Fixture.page("02-momentum.html", in: site)
        #expect(page.contains("<div class=\"failure-banner\" id=\"failures\" role=\"alert\">"))
        #expect(page.contains("This lesson failed verification (2 problems)"))
        #expect(page.contains("<div class=\"cell cell-failed\" id=\"code-cell-0\">"))
        #expect(page.contains("<pre>0.5</pre>") && page.contains("<pre>0.45</pre>"))
        #expect(page.contains("output does not match the output block"))
        #expect(page.contains("badge-notrun"))
        #expect(page.contains("rel=\"prev\" href=\"01-first-freeze.html\""))
        #expect(!page.contains("rel=\"next\""))
        // The same findings, in the same words, as `freezelab check` reports.
        #expect(site.failures.map(\.diagnostic.formatted) == [
            "lessons/02-momentum.md:16: error: cell 1: output does not match the output block",
            "lessons/02-momentum.md:19: note: cell 2: not run: cell 1 (line 11) trapped and ended the program",
        ])
        #expect(page.contains("<li><a href=\"#code-cell-0\">line 16</a>: cell 1: output does not match the output block</li>"))
        let index = Fixture.page("index.html", in: site)
        #expect(index.contains("Some lessons failed verification"))
        #expect(index.contains("Momentum keeps moving a layer you froze only in the optimizer."))
        #expect(index.contains("<span class=\"summary\">Turning off <code class=\"nowrap\">requires_grad</code> stops gradients at the frozen layer.</span>"))
        #expect(!index.contains("`"))
    }

    @Test func missingResultIsAFailure() throws {
        let site = try SiteBuilder().render(lessons: Fixture.lessons, results: [])
        #expect(site.failures.filter { $0.diagnostic.line == nil }.count == 2)
        #expect(Fixture.page("01-first-freeze.html", in: site).contains("badge-unverified"))
    }

    @Test func indexUsesGivenMarkdown() throws {
        let site = try SiteBuilder(indexMarkdown: "# Welcome\n\nFreeze **carefully**.\n")
            .render(lessons: Fixture.lessons, results: Fixture.results)
        let index = Fixture.page("index.html", in: site)
        #expect(index.contains("<title>Welcome · FreezeLab</title>"))
        #expect(index.contains("<strong>carefully</strong>"))
        #expect(index.contains("<ol class=\"lesson-list\">"))
        // Without an index.md the front page is the title and the lessons: no second copy of the intro.
        let plain = Fixture.page("index.html", in: try Fixture.render())
        #expect(plain.contains("<title>FreezeLab</title>") && plain.contains("<h1 id=\"freezelab\">FreezeLab</h1>"))
        #expect(!plain.contains("How do I freeze layers?"))
    }

    /// The front page goes through the same renderer as lessons: a code block in a list item
    /// stands in the item, not inside a paragraph.
    @Test func frontPageRendersNestedCodeLikeALesson() throws {
        let site = try SiteBuilder(indexMarkdown: "# FreezeLab\n\n- Freeze:\n\n  ```python\n  p.requires_grad = False\n  ```\n")
            .render(lessons: Fixture.lessons, results: Fixture.results)
        let index = Fixture.page("index.html", in: site)
        #expect(index.contains("<p>Freeze:</p>\n<pre class=\"prose-code\"><code class=\"language-python\">p.requires_grad = False</code></pre>\n</li>"))
        #expect(!index.contains("<p><pre"))
    }

    @Test func renderingIsDeterministic() throws {
        #expect(try Fixture.render() == Fixture.render())
        let site = try Fixture.render()
        for (path, data) in site.files {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(FileManager.default.temporaryDirectory.path), "\(path) has a temp path")
            #expect(!text.contains("/work/"), "\(path) has an absolute path")
        }
    }

    @Test func writerRewritesOnlyChangesAndRemovesStaleFiles() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("old".utf8).write(to: directory.appendingPathComponent("03-gone.html"))
        try Data("keep".utf8).write(to: directory.appendingPathComponent(".nojekyll"))
        let first = try SiteBuilder().build(lessons: Fixture.lessons, results: Fixture.results, into: directory)
        #expect(first.written.count == 12 && first.removed == ["03-gone.html"])
        #expect(first.failures.count == 2)
        let before = try directoryBytes(directory)
        let second = try SiteBuilder().build(lessons: Fixture.lessons, results: Fixture.results, into: directory)
        #expect(second.written.isEmpty && second.unchanged.count == 12 && second.removed.isEmpty)
        #expect(try directoryBytes(directory) == before)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(".nojekyll").path))
    }

    func directoryBytes(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }
}
