import Foundation
import Testing
@testable import SiteKit

/// "On this page" as a reader meets it: under the title, closed on a phone and open on a wide
/// screen, with the section being read marked current as the page scrolls.
@Suite(.serialized, .enabled(if: WebDriver.executables != nil, "chromium and chromium-driver are not installed; skipping the browser check"))
struct PageContentsBrowserTests {
    @Test func onThisPageSitsUnderTheTitleFoldsOnPhonesAndFollowsTheReader() async throws {
        let checks = BrowserCheckTests()
        try await checks.withBrowser { browser, site, isFixture in
            var checked = 0
            for page in try checks.pages(in: site) {
                try await browser.setWindow(width: 1280, height: 900)
                try await browser.open(site.appendingPathComponent(page))
                guard try await browser.run("return !!document.querySelector('.toc details');") as? Bool == true else { continue }
                checked += 1
                let below = try await browser.run("""
                    var h1 = document.querySelector('main h1'), toc = document.querySelector('.toc');
                    return !!(h1.compareDocumentPosition(toc) & Node.DOCUMENT_POSITION_FOLLOWING);
                    """) as? Bool
                #expect(below == true, "\(page): 'On this page' comes before the title")
                #expect(try await browser.run("return document.querySelector('.toc details').open;") as? Bool == true, "\(page): closed on a desktop")
                // Scrolled to a section, its entry is the one marked current.
                let marked = try await browser.run("""
                    var links = document.querySelectorAll('.toc a'), last = links[links.length - 1];
                    var target = document.getElementById(last.getAttribute('href').slice(1));
                    window.scrollTo(0, target.getBoundingClientRect().top + window.scrollY - 60);
                    return last.getAttribute('href');
                    """) as? String
                try await Task.sleep(nanoseconds: 300_000_000)
                let current = try await browser.run("return Array.prototype.map.call(document.querySelectorAll('.toc a[aria-current=true]'), function (a) { return a.getAttribute('href'); });") as? [String]
                // The last section may be too short to reach the top; then an earlier one is current, but exactly one is.
                #expect(current?.count == 1, "\(page): \(current ?? []) marked current after scrolling to \(marked ?? "")")
                try await browser.setWindow(width: 390, height: 844)
                try await browser.open(site.appendingPathComponent(page))
                #expect(try await browser.run("return document.querySelector('.toc details').open;") as? Bool == false, "\(page): open on a phone")
            }
            #expect(checked > 0, "no page has 'On this page'")
            try await browser.setWindow(width: 1200, height: 900)
        }
    }
}
