import Foundation
import Testing
@testable import SiteKit

/// Explorers: every page's explorer shows one chart at a time, the buttons and arrow keys switch
/// it, and the charts share one y axis. Without scripts (checked on the page's HTML) every chart
/// shows under its value.
@Suite(.serialized, .enabled(if: WebDriver.executables != nil, "chromium and chromium-driver are not installed; skipping the browser check"))
struct ExplorerBrowserTests {
    @Test func anExplorerShowsOneChartAtATimeAndSwitches() async throws {
        let checks = BrowserCheckTests()
        try await checks.withBrowser { browser, site, isFixture in
            var explorers = 0
            for page in try checks.pages(in: site) {
                let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
                guard html.contains("figure-explorer") else { continue }
                // Without scripts: the buttons wait hidden and no frame is hidden.
                #expect(html.contains("<div class=\"explorer-controls\" role=\"group\"") && !html.contains("class=\"explorer-frame\" data-frame=\"0\" hidden"))
                try await browser.open(site.appendingPathComponent(page))
                let state = """
                    var f = document.querySelectorAll('.figure-explorer')[arguments[0]];
                    return [f.querySelector('.explorer-controls').hidden ? 'hidden' : 'shown',
                            Array.prototype.map.call(f.querySelectorAll('.explorer-frame'), function (x) { return x.hidden ? '-' : 'x'; }).join(''),
                            Array.prototype.map.call(f.querySelectorAll('.explorer-controls button'), function (b) { return b.getAttribute('aria-pressed') === 'true' ? 'x' : '-'; }).join('')];
                    """
                let count = try await browser.run("return document.querySelectorAll('.figure-explorer').length;") as? Int ?? 0
                for index in 0..<count {
                    explorers += 1
                    let first = try await browser.run(state, [index]) as? [String]
                    let frames = first?[1].count ?? 0
                    #expect(frames >= 2, "\(page): an explorer of \(frames) charts")
                    #expect(first == ["shown", "x" + String(repeating: "-", count: frames - 1), "x" + String(repeating: "-", count: frames - 1)])
                    try await browser.run("document.querySelectorAll('.figure-explorer')[arguments[0]].querySelectorAll('.explorer-controls button')[arguments[1]].click();", [index, frames - 1])
                    let last = String(repeating: "-", count: frames - 1) + "x"
                    #expect(try await browser.run(state, [index]) as? [String] == ["shown", last, last], "\(page): the last button shows the last chart")
                    // The keyboard: ArrowLeft from the focused button moves one back, focus following.
                    try await browser.run("""
                        var b = document.querySelectorAll('.figure-explorer')[arguments[0]].querySelectorAll('.explorer-controls button')[arguments[1]];
                        b.focus(); b.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowLeft', bubbles: true}));
                        """, [index, frames - 1])
                    let back = String(repeating: "-", count: frames - 2) + "x-"
                    #expect(try await browser.run(state, [index]) as? [String] == ["shown", back, back])
                    #expect(try await browser.run("return document.activeElement.getAttribute('data-frame');") as? String == String(frames - 2))
                    // One y axis for all: every frame's wide chart has the same y tick labels.
                    let ticks = try await browser.run("""
                        var f = document.querySelectorAll('.figure-explorer')[arguments[0]];
                        return Array.prototype.map.call(f.querySelectorAll('.explorer-frame svg.chart-wide'), function (s) {
                          return Array.prototype.filter.call(s.querySelectorAll('text.tick'), function (t) { return t.getAttribute('text-anchor') === 'end'; })
                            .map(function (t) { return t.textContent; }).join(' ');
                        });
                        """, [index]) as? [String] ?? []
                    #expect(Set(ticks).count == 1 && ticks.first?.isEmpty == false, "\(page): the charts' y axes differ: \(ticks)")
                    if let path = ProcessInfo.processInfo.environment["FREEZELAB_SCREENSHOTS"] {
                        try await browser.run("document.querySelectorAll('.figure-explorer')[arguments[0]].scrollIntoView();", [index])
                        try await browser.screenshot(to: "\(path)/explorer-\(isFixture ? "fixture" : "site")-\(index).png")
                    }
                }
            }
            #expect(explorers > 0, "no explorer on the \(isFixture ? "fixture" : "real") site")
        }
    }
}
