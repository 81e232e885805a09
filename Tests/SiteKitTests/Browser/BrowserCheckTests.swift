import Foundation
import Testing
@testable import SiteKit

/// Opens the built site in headless Chromium (through chromedriver) and checks it as a reader
/// would: every page loads without console errors, sidebar links resolve, search finds a lesson
/// by a word from its body, figures are there with accessible names, dark mode applies, and
/// the sidebar collapses on a phone.
///
/// Checks a fixture site, and the real one (`FREEZELAB_SITE`, else `site/`) when it is there. Skipped
/// only when Chromium or chromedriver is not installed (`scripts/setup.sh` installs both).
@Suite(.serialized, .enabled(if: WebDriver.executables != nil, "chromium and chromium-driver are not installed; skipping the browser check"))
struct BrowserCheckTests {
    /// The sites to check: the fixture, built into a temporary directory, and the real site —
    /// `FREEZELAB_SITE`, else the package's committed `site/` when it is there — so one
    /// `swift test` checks both (CI runs it after rebuilding `site/`).
    func siteDirectories() throws -> [(URL, isFixture: Bool)] {
        let directory = try Fixture.temporaryDirectory()
        _ = try SiteBuilder().build(lessons: Fixture.lessons, results: Fixture.results, into: directory)
        var sites = [(directory, isFixture: true)]
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let given = ProcessInfo.processInfo.environment["FREEZELAB_SITE"].flatMap { $0.isEmpty ? nil : $0 }
        let real = URL(fileURLWithPath: given ?? "site", relativeTo: cwd).standardizedFileURL
        if FileManager.default.fileExists(atPath: real.appendingPathComponent("index.html").path) {
            sites.append((real, isFixture: false))
        }
        return sites
    }

    func pages(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".html") }.sorted()
    }

    /// Runs `check` with a browser on the site under test (and whether it is the fixture), then
    /// always quits the browser: chromedriver ignores SIGTERM, so one left running outlives the
    /// test run. A fixture site is removed afterwards.
    func withBrowser(_ check: (WebDriver, _ site: URL, _ isFixture: Bool) async throws -> Void) async throws {
        let sites = try siteDirectories()
        defer { for (site, isFixture) in sites where isFixture { try? FileManager.default.removeItem(at: site) } }
        let browser = try await WebDriver()
        do {
            for (site, isFixture) in sites { try await check(browser, site, isFixture) }
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    @Test func pagesLoadCleanlyAndLinksResolve() async throws {
        try await withBrowser { browser, site, isFixture in
            let pages = try pages(in: site)
            #expect(pages.contains("index.html") && pages.count > 1)
            var figureCount = 0
            for page in pages {
                try await browser.open(site.appendingPathComponent(page))
                let h1 = try await browser.run("var h = document.querySelector('main h1'); return h ? h.textContent : null;") as? String
                #expect(h1?.isEmpty == false, "\(page) has no heading")
                let errors = try await browser.consoleEntries().filter { $0.level == "SEVERE" || $0.level == "WARNING" }
                #expect(errors.isEmpty, "\(page): console \(errors.map(\.message))")
                let figures = try await browser.run("""
                    return Array.prototype.map.call(document.querySelectorAll('figure.figure'), function (f) {
                      var svg = f.querySelector('svg[role=img]');
                      return svg && svg.getAttribute('aria-label') && svg.querySelector('title') ? 'ok' : 'bad'; });
                    """) as? [String] ?? []
                #expect(!figures.contains("bad"), "\(page): a figure has no SVG with an accessible name")
                figureCount += figures.count
                let skip = try await browser.run("var a = document.querySelector('a.skip-link'); return a && a.getAttribute('href');") as? String
                let hasContent = try await browser.run("return !!document.getElementById('content');") as? Bool
                #expect(skip == "#content" && hasContent == true)

                let links = try await browser.run("""
                    return Array.prototype.map.call(document.querySelectorAll('#sidebar a, .pager a, .toc a, main a[href]'),
                      function (a) { return a.href; }).filter(function (h) { return h.indexOf('file:') === 0; });
                    """) as? [String] ?? []
                for link in Set(links) {
                    let url = URL(string: link)!
                    #expect(FileManager.default.fileExists(atPath: url.path), "\(page) links to missing \(url.lastPathComponent)")
                    // A fragment must name an element of the page it points into (this one or another).
                    if let fragment = url.fragment, FileManager.default.fileExists(atPath: url.path) {
                        let target = try String(contentsOf: URL(fileURLWithPath: url.path), encoding: .utf8)
                        #expect(target.contains("id=\"\(fragment)\""), "\(page) links to missing \(url.lastPathComponent)#\(fragment)")
                    }
                }
            }
            #expect(figureCount > 0, "no figures anywhere in the site")
            if isFixture {
                try await browser.open(site.appendingPathComponent("01-first-freeze.html"))
                // A chart is drawn twice (wide and narrow); the stylesheet shows one of them. With
                // the graph and the explorer's one chart shown: three.
                let count = try await browser.run("""
                    return Array.prototype.filter.call(document.querySelectorAll('.cell-figures svg'),
                      function (s) { return s.getClientRects().length > 0; }).length;
                    """) as? Int
                #expect(count == 3)
            }
            // Follow the sidebar's links by clicking through, as a reader does.
            try await browser.open(site.appendingPathComponent("index.html"))
            let titles = try await browser.run("""
                return Array.prototype.map.call(document.querySelectorAll('#sidebar a'), function (a) { return a.getAttribute('href'); });
                """) as? [String] ?? []
            for href in titles {
                try await browser.open(site.appendingPathComponent(href))
                let current = try await browser.run("var a = document.querySelector('#sidebar a[aria-current=page]'); return a && a.getAttribute('href');") as? String
                #expect(current == href, "\(href) is not marked current in its own sidebar")
            }
        }
    }

    @Test func searchFindsALessonByABodyWord() async throws {
        try await withBrowser { browser, site, isFixture in
            try await browser.open(site.appendingPathComponent("index.html"))
            // A word from a lesson's body that occurs in few sections: the rarest long word.
            let pick = try await browser.run("""
                var entries = window.FREEZELAB_SEARCH.filter(function (e) { return e.url.indexOf('index.html') !== 0; });
                var best = null;
                entries.forEach(function (e) {
                  (e.text.match(/[A-Za-z]{7,}/g) || []).forEach(function (w) {
                    var n = entries.filter(function (o) { return o.text.toLowerCase().indexOf(w.toLowerCase()) >= 0; }).length;
                    if (!best || n < best.n) { best = { word: w, page: e.url.split('#')[0], n: n }; }
                  });
                });
                return best ? [best.word, best.page] : null;
                """) as? [String]
            let word = isFixture ? "zebrafish" : pick?[0] ?? ""
            let page = isFixture ? "01-first-freeze.html" : pick?[1] ?? ""
            #expect(!word.isEmpty)
            try await browser.type(word, into: "#search")
            let hits = try await browser.run("""
                var box = document.getElementById('search-results');
                if (box.hidden) { return []; }
                return Array.prototype.map.call(box.querySelectorAll('a'), function (a) { return a.getAttribute('href'); });
                """) as? [String] ?? []
            #expect(hits.contains { $0.hasPrefix(page) }, "searching “\(word)” did not find \(page): \(hits)")
            let errors = try await browser.consoleEntries().filter { $0.level == "SEVERE" }
            #expect(errors.isEmpty, "console: \(errors.map(\.message))")
        }
    }

    @Test func darkModeAndPhoneLayoutApply() async throws {
        try await withBrowser { browser, site, isFixture in
            let page = try pages(in: site).first { $0 != "index.html" } ?? "index.html"
            let url = site.appendingPathComponent(page)
            let background = "return getComputedStyle(document.body).backgroundColor;"
            try await browser.devTools("Emulation.setEmulatedMedia", ["features": [["name": "prefers-color-scheme", "value": "light"]]])
            try await browser.open(url)
            let value1 = try await browser.run(background) as? String
            #expect(value1 == "rgb(255, 255, 255)")
            try await browser.devTools("Emulation.setEmulatedMedia", ["features": [["name": "prefers-color-scheme", "value": "dark"]]])
            try await browser.open(url)
            let value2 = try await browser.run("return matchMedia('(prefers-color-scheme: dark)').matches;") as? Bool
            #expect(value2 == true)
            let value3 = try await browser.run(background) as? String
            #expect(value3 == "rgb(13, 17, 23)")
            if let path = ProcessInfo.processInfo.environment["FREEZELAB_SCREENSHOTS"] {
                try await browser.screenshot(to: "\(path)/dark.png")
            }

            try await browser.setWindow(width: 390, height: 844)
            try await browser.open(url)
            let sidebar = "return getComputedStyle(document.getElementById('sidebar')).visibility;"
            let value4 = try await browser.run(sidebar) as? String
            #expect(value4 == "hidden")
            try await browser.run("document.querySelector('.menu-button').click();")
            try await Task.sleep(nanoseconds: 400_000_000)
            let value5 = try await browser.run(sidebar) as? String
            #expect(value5 == "visible")
            let value6 = try await browser.run("return document.querySelector('.menu-button').getAttribute('aria-expanded');") as? String
            #expect(value6 == "true")
            let overflow = try await browser.run("return document.documentElement.scrollWidth - document.documentElement.clientWidth;") as? Int
            #expect(overflow == 0, "the page scrolls sideways on a phone")
            // Charts: on a phone the narrow drawing shows, and its tick labels stay readable.
            let chart = try await browser.run("""
                var svg = Array.prototype.filter.call(document.querySelectorAll('svg.chart'),
                  function (s) { return getComputedStyle(s).display !== 'none'; })[0];
                if (!svg) return null;
                var text = svg.querySelector('text.tick');
                var px = parseFloat(getComputedStyle(text).fontSize) * svg.getScreenCTM().a;
                return [innerWidth, svg.classList.contains('chart-narrow') ? 1 : 0, px];
                """) as? [Double]
            if let chart, chart[0] <= 600 {
                #expect(chart[1] == 1, "a phone shows the wide chart")
                #expect(chart[2] >= 10, "chart text is \(chart[2]) px on a phone")
            }
            if let path = ProcessInfo.processInfo.environment["FREEZELAB_SCREENSHOTS"] {
                try await browser.screenshot(to: "\(path)/phone-menu.png")
            }
            // A graph too wide for a phone scrolls at a readable size and offers to fit the width.
            var zoomed = 0
            for page in try pages(in: site) {
                try await browser.open(site.appendingPathComponent(page))
                let zoom = try await browser.run("""
                    var box = Array.prototype.filter.call(document.querySelectorAll('.graph-scroll'), function (b) { return b.scrollWidth > b.clientWidth + 1; })[0];
                    if (!box) return null;
                    var button = box.previousElementSibling, before = box.scrollWidth - box.clientWidth;
                    if (!button || button.hidden || !button.classList.contains('graph-zoom')) return ['no button'];
                    button.click();
                    var fitted = box.scrollWidth - box.clientWidth, pressed = button.getAttribute('aria-pressed');
                    button.click();
                    return [String(before > 1), String(fitted <= 1), pressed, String(box.scrollWidth - box.clientWidth > 1)];
                    """) as? [String]
                if let zoom { zoomed += 1; #expect(zoom == ["true", "true", "true", "true"], "\(page): graph zoom \(zoom)") }
            }
            #expect(isFixture || zoomed > 0, "no page of the real site has a graph wider than a phone")
            let errors = try await browser.consoleEntries().filter { $0.level == "SEVERE" }
            #expect(errors.isEmpty, "console: \(errors.map(\.message))")
        }
    }

    /// The theme choice: light or dark whatever the system says, remembered on the next page
    /// before it is drawn, and "System" follows the system again.
    @Test func theThemeChoiceOverridesTheSystemAndIsRemembered() async throws {
        try await withBrowser { browser, site, isFixture in
            let pages = try pages(in: site)
            let first = site.appendingPathComponent("index.html")
            let second = site.appendingPathComponent(pages.first { $0 != "index.html" } ?? "index.html")
            let background = "return getComputedStyle(document.body).backgroundColor;"
            let (white, dark) = ("rgb(255, 255, 255)", "rgb(13, 17, 23)")
            func system(_ theme: String) async throws {
                try await browser.devTools("Emulation.setEmulatedMedia", ["features": [["name": "prefers-color-scheme", "value": theme]]])
            }
            func choose(_ theme: String) async throws {
                try await browser.run("var s = document.getElementById('theme'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));", [theme])
            }
            try await system("light")
            try await browser.open(first)
            try await choose("system")
            #expect(try await browser.run("return document.querySelector('.theme-choice').hidden;") as? Bool == false,
                    "the choice shows when scripts run")
            #expect(try await browser.run(background) as? String == white)
            try await choose("dark")
            #expect(try await browser.run(background) as? String == dark, "dark chosen on a light system")
            // The next page: dark from its first paint (theme.js runs before the body exists).
            try await browser.open(second)
            #expect(try await browser.run("return document.documentElement.getAttribute('data-theme');") as? String == "dark")
            #expect(try await browser.run(background) as? String == dark)
            #expect(try await browser.run("return document.getElementById('theme').value;") as? String == "dark")
            try await system("dark")
            try await choose("light")
            #expect(try await browser.run(background) as? String == white, "light chosen on a dark system")
            try await choose("system")
            #expect(try await browser.run(background) as? String == dark, "System follows the system again")
            try await browser.open(first)
            #expect(try await browser.run("return document.documentElement.hasAttribute('data-theme');") as? Bool == false)
            try await system("light")
        }
    }

    /// Twin pairs: the Swift | PyTorch tabs switch every pair on the page, work from the keyboard,
    /// and the choice survives a reload (it is remembered for the next page).
    @Test func languageTabsSwitchAndAreRemembered() async throws {
        try await withBrowser { browser, site, isFixture in
            let state = """
                return Array.prototype.map.call(document.querySelectorAll('.cell-twins'), function (p) {
                  return [p.querySelector('[role=tablist]').hidden, p.querySelector('.lang-panel[data-lang=swift]').hidden,
                          p.querySelector('.lang-panel[data-lang=pytorch]').hidden,
                          p.querySelector('[role=tab][aria-selected=true]').getAttribute('data-lang')].join(' ');
                }).join('|');
                """
            var page: URL?
            for name in try pages(in: site) {
                try await browser.open(site.appendingPathComponent(name))
                if (try await browser.run(state) as? String ?? "").isEmpty == false { page = site.appendingPathComponent(name); break }
            }
            guard let page else {
                #expect(!isFixture, "the fixture site has a twin pair")
                return
            }
            _ = try await browser.run("window.localStorage.removeItem('freezelab-language'); return null;")
            try await browser.open(page)
            #expect((try await browser.run(state) as? String)?.hasPrefix("false false true swift") == true)
            _ = try await browser.run("document.querySelector('.cell-twins:not(.cell-hidden) [role=tab][data-lang=pytorch]').click(); return null;")
            #expect((try await browser.run(state) as? String)?.hasPrefix("false true false pytorch") == true)
            try await browser.open(page)
            #expect((try await browser.run(state) as? String)?.hasPrefix("false true false pytorch") == true, "the choice is remembered")
            _ = try await browser.run("""
                var tab = document.querySelector('.cell-twins:not(.cell-hidden) [role=tab][aria-selected=true]'); tab.focus();
                tab.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowLeft', bubbles: true})); return null;
                """)
            #expect((try await browser.run(state) as? String)?.hasPrefix("false false true swift") == true)
            let focused = try await browser.run("return document.activeElement.getAttribute('data-lang');") as? String
            #expect(focused == "swift", "the keyboard moves focus with the selection")
            _ = try await browser.run("window.localStorage.removeItem('freezelab-language'); return null;")
            let errors = try await browser.consoleEntries().filter { $0.level == "SEVERE" }
            #expect(errors.isEmpty, "console: \(errors.map(\.message))")
        }
    }

    /// At 390 px (a phone) no output block hides part of a result: outputs wrap, on every page.
    @Test func noOutputIsCutOffOnAPhone() async throws {
        try await withBrowser { browser, site, isFixture in
            try await browser.setWindow(width: 390, height: 844)
            for page in try pages(in: site) {
                try await browser.open(site.appendingPathComponent(page))
                _ = try await browser.run("""
                    Array.prototype.forEach.call(document.querySelectorAll('.cell-output[hidden]'), function (o) { o.hidden = false; });
                    return null;
                    """)
                let cut = try await browser.run("""
                    return Array.prototype.filter.call(document.querySelectorAll('.cell-output pre, .mismatch-columns pre'),
                      function (p) { return p.scrollWidth > p.clientWidth + 1; }).length;
                    """) as? Int
                #expect(cut == 0, "\(page): \(cut ?? -1) output blocks are wider than the screen")
                let sideways = try await browser.run("return document.documentElement.scrollWidth - document.documentElement.clientWidth;") as? Int
                #expect(sideways == 0, "\(page) scrolls sideways on a phone")
            }
        }
    }

    /// A `predict` cell: the output waits behind a question and a real button, and the
    /// button reveals it and moves focus to it. (Without JavaScript the output shows: the
    /// script is what hides it.)
    @Test func aPredictionHidesTheOutputUntilRevealed() async throws {
        try await withBrowser { browser, site, isFixture in
            guard isFixture else { return }
            try await browser.open(site.appendingPathComponent("01-first-freeze.html"))
            let state = """
                var o = document.querySelector('.cell-output[data-predict]');
                var b = document.querySelector('.reveal-button');
                return [o ? String(o.hidden) : 'none', b ? b.getAttribute('aria-expanded') : 'none',
                        document.activeElement === o ? 'focused' : 'elsewhere'].join(' ');
                """
            #expect(try await browser.run(state) as? String == "true false elsewhere")
            _ = try await browser.run("document.querySelector('.reveal-button').click(); return null;")
            #expect(try await browser.run(state) as? String == "false none focused")
            let text = try await browser.run("return document.querySelector('.cell-output[data-predict] pre').textContent;") as? String
            #expect(text == "frozen: true")
        }
    }

    /// Pages built from lessons that try to inject (``HostileFixture``): loaded, searched and
    /// poked at (every element hovered, focused and clicked, links aside), no payload runs and
    /// no dialog opens (an open dialog fails the next WebDriver command).
    @Test func hostileLessonsRunNothingInTheBrowser() async throws {
        let site = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: site) }
        _ = try SiteBuilder().build(lessons: HostileFixture.lessons, results: HostileFixture.results, into: site)
        let browser = try await WebDriver()
        do {
            for page in try pages(in: site) {
                try await browser.open(site.appendingPathComponent(page))
                try await browser.type("pwned", into: "#search")
                _ = try await browser.run("""
                    Array.prototype.forEach.call(document.querySelectorAll('body *:not(a)'), function (el) {
                      ['mouseover', 'mouseenter', 'focus', 'click', 'load', 'error'].forEach(function (type) {
                        el.dispatchEvent(new Event(type, {bubbles: true}));
                      });
                    });
                    return null;
                    """)
                try await Task.sleep(nanoseconds: 200_000_000)
                let ran = try await browser.run("return '__pwned' in window ? String(\(HostileFixture.mark)) : null;") as? String
                #expect(ran == nil, "\(page): the payload “\(ran ?? "")” ran")
                let links = try await browser.run("""
                    return Array.prototype.filter.call(document.querySelectorAll('a[href], [*|href]'), function (a) {
                      var href = (a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '').trim().toLowerCase();
                      return href.indexOf('javascript:') === 0 || href.indexOf('data:text') === 0; }).length;
                    """) as? Int
                #expect(links == 0, "\(page) has \(links ?? -1) live script links")
            }
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
