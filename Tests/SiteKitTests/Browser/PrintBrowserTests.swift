import Foundation
import Testing
@testable import SiteKit

/// The one-page course (`print.html`): every lesson in order with ids that stay unique, and on
/// paper no site chrome, both languages of every twin, every prediction's answer and every
/// explorer chart.
@Suite(.serialized, .enabled(if: WebDriver.executables != nil, "chromium and chromium-driver are not installed; skipping the browser check"))
struct PrintBrowserTests {
    @Test func theWholeCourseIsOnePageAndPrintsEverything() async throws {
        let checks = BrowserCheckTests()
        try await checks.withBrowser { browser, site, isFixture in
            let lessonPages = try checks.pages(in: site).filter { $0 != "index.html" && $0 != "print.html" && $0 != "reference.html" }
            try await browser.open(site.appendingPathComponent("print.html"))
            let sections = try await browser.run("return Array.prototype.map.call(document.querySelectorAll('section.print-lesson'), function (s) { return s.id + '.html'; });") as? [String]
            #expect(sections == lessonPages, "the one-page course holds \(sections ?? []), the site \(lessonPages)")
            let duplicates = try await browser.run("""
                var seen = {}, twice = [];
                Array.prototype.forEach.call(document.querySelectorAll('[id]'), function (e) { if (seen[e.id]) { twice.push(e.id); } seen[e.id] = true; });
                return twice;
                """) as? [String]
            #expect(duplicates == [], "ids used twice: \(duplicates?.prefix(5) ?? [])")
            let dangling = try await browser.run("""
                return Array.prototype.map.call(document.querySelectorAll('a[href^="#"]'), function (a) { return a.getAttribute('href').slice(1); })
                  .filter(function (id) { return id && !document.getElementById(decodeURIComponent(id)); });
                """) as? [String]
            #expect(dangling == [], "links to nothing: \(dangling?.prefix(5) ?? [])")

            try await browser.devTools("Emulation.setEmulatedMedia", ["media": "print"])
            let paper = try await browser.run("""
                function shown(e) { return e.getClientRects().length > 0; }
                function all(css) { return Array.prototype.slice.call(document.querySelectorAll(css)); }
                return {
                  chrome: all('.topbar, #sidebar, .pager, .copy-button').filter(shown).length,
                  panels: all('.cell-twins:not(.cell-hidden) .lang-panel').filter(function (p) { return !shown(p); }).length,
                  twins: all('.cell-twins:not(.cell-hidden) .lang-panel').length,
                  predictions: all('.cell-output[data-predict] pre').filter(function (p) { return !shown(p); }).length,
                  frames: all('.explorer-frame').filter(function (f) { return !shown(f); }).length,
                  explorers: all('.explorer-frame').length
                };
                """) as? [String: Int] ?? [:]
            #expect(paper["chrome"] == 0, "site chrome on paper: \(paper)")
            #expect(paper["twins"] ?? 0 > 0 && paper["panels"] == 0, "a twin's language missing on paper: \(paper)")
            #expect(paper["predictions"] == 0, "a prediction's answer missing on paper: \(paper)")
            #expect(paper["explorers"] ?? 0 > 0 && paper["frames"] == 0, "an explorer chart missing on paper: \(paper)")
            try await browser.devTools("Emulation.setEmulatedMedia", ["media": ""])
        }
    }
}
