import Foundation
import Testing
@testable import SiteKit

/// Search as a reader types it, on the real site (the queries are about its lessons) and, for
/// what holds of any site, on the fixture: true counts, ranking by where a word matters, matches
/// at word starts only, and code names found in either language's spelling.
@Suite(.serialized, .enabled(if: WebDriver.executables != nil, "chromium and chromium-driver are not installed; skipping the browser check"))
struct SearchBrowserTests {
    struct Answer {
        var status: String
        /// "Title › Heading" of each result shown, best first.
        var results: [String]
        var urls: [String]
    }

    /// Types `query` into the search box of the open page and reads the results.
    func search(_ query: String, in browser: WebDriver) async throws -> Answer {
        try await browser.run("var i = document.getElementById('search'); i.value = ''; i.dispatchEvent(new Event('input'));")
        try await browser.type(query, into: "#search")
        let found = try await browser.run("""
            var box = document.getElementById('search-results');
            var status = box.querySelector('.search-status');
            return [status ? status.textContent : '',
                    Array.prototype.map.call(box.querySelectorAll('li a .where'), function (w) { return w.textContent; }),
                    Array.prototype.map.call(box.querySelectorAll('li a'), function (a) { return a.getAttribute('href'); })];
            """) as? [Any] ?? []
        return Answer(status: found.first as? String ?? "", results: found.dropFirst().first as? [String] ?? [],
                      urls: found.dropFirst(2).first as? [String] ?? [])
    }

    /// How many sections hold `word` at the start of a word (or of a camelCase part), counted
    /// from the raw index, independently of the search code.
    func sectionsHolding(_ word: String, in browser: WebDriver) async throws -> Int {
        try await browser.run("""
            var re = new RegExp('(?<![\\\\p{L}\\\\p{N}])' + arguments[0] + '|(?<=\\\\p{Ll})' + arguments[0], 'iu');
            return window.FREEZELAB_SEARCH.filter(function (s) { return re.test(s.title + ' ' + s.heading + ' ' + s.text); }).length;
            """, [word]) as? Int ?? -1
    }

    /// The number an answer's status gives, and whether it says only some are shown.
    func count(_ answer: Answer) -> (total: Int, partial: Bool)? {
        let numbers = answer.status.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard let total = numbers.last else { return nil }
        return (total, answer.status.contains(" of "))
    }

    @Test func searchCountsRanksAndReadsBothSpellings() async throws {
        let checks = BrowserCheckTests()
        try await checks.withBrowser { browser, site, isFixture in
            guard !isFixture else { return }  // the queries are about the real lessons
            try await browser.open(site.appendingPathComponent("index.html"))

            // Both languages' spellings of a name find the same sections, in the same order.
            for (python, swift) in [("zero_grad", "zeroGrad"), ("named_parameters", "namedParameters"), ("no_grad", "noGrad"),
                                    ("requires_grad", "requiresGrad")] {
                let a = try await search(python, in: browser), b = try await search(swift, in: browser)
                #expect(!a.results.isEmpty && a.urls == b.urls && a.status == b.status, "\(python): \(a.status) \(a.results); \(swift): \(b.status) \(b.results)")
            }
            // PyTorch's no_grad finds the Swift engine's withNoGrad: the lesson about it first.
            let noGrad = try await search("no_grad", in: browser)
            #expect(noGrad.results.first?.contains("withNoGrad") == true, "no_grad: \(noGrad.results)")

            // True counts: every matching section counted, also past the ones shown.
            for word in ["momentum", "lora", "checkpoint", "gradient"] {
                let answer = try await search(word, in: browser)
                let expected = try await sectionsHolding(word, in: browser)
                let counted = try #require(count(answer), "\(word): \(answer.status)")
                #expect(counted.total == expected, "\(word): the status says \(answer.status), \(expected) sections hold it")
                #expect(counted.partial == (expected > answer.results.count), "\(word): \(answer.status) with \(answer.results.count) shown")
                #expect(answer.results.count == min(expected, 20))
            }

            // Words match at word starts: a piece from inside words finds nothing, a word's start finds it.
            #expect(try await search("eeze", in: browser).results.isEmpty, "'eeze' matched inside words")
            #expect(try await search("reez", in: browser).results.isEmpty, "'reez' matched inside words")
            #expect(!(try await search("freez", in: browser).results.isEmpty))

            // Ranking: the section about a word before those that mention it, lessons before the reference.
            let momentum = try await search("momentum", in: browser)
            #expect(momentum.results.first.map { !$0.hasPrefix("Engine reference") && $0.localizedCaseInsensitiveContains("momentum") } == true,
                    "momentum: \(momentum.results.prefix(3))")
            let lora = try await search("LoRA", in: browser)
            #expect(lora.results.first?.hasPrefix("Adapters and LoRA") == true, "LoRA: \(lora.results.prefix(3))")
            let inference = try await search("inference_mode", in: browser)
            #expect(inference.results.first?.contains("inference_mode") == true, "inference_mode: \(inference.results.prefix(3))")
        }
    }
}
