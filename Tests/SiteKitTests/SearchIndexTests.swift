import Foundation
import Testing
@testable import SiteKit

@Suite struct SearchIndexTests {
    @Test func splitsPagesIntoSectionsWithAnchors() throws {
        let site = try Fixture.render()
        let script = Fixture.page("search-index.js", in: site)
        #expect(script.hasPrefix("window.FREEZELAB_SEARCH = ["))
        let json = script.dropFirst("window.FREEZELAB_SEARCH = ".count).dropLast(2)
        let entries = try JSONDecoder().decode([SearchIndex.Entry].self, from: Data(json.utf8))
        let first = entries.filter { $0.url.hasPrefix("01-first-freeze.html") }
        #expect(first.map(\.url) == ["01-first-freeze.html", "01-first-freeze.html#setting-up",
                                     "01-first-freeze.html#watching-the-gradient",
                                     "01-first-freeze.html#the-graph-behind-the-loss",
                                     "01-first-freeze.html#in-both-languages"])
        // The PyTorch twin's code is searchable too.
        #expect(first[4].text.contains("requires_grad") && first[4].text.contains("requiresGrad"))
        #expect(first[0].text.contains("zebrafish"))
        #expect(first[1].text.contains("requiresGrad: false"))
        #expect(!entries.contains { $0.text.contains("secretSetupValue") })   // hidden cell
        #expect(!first[1].text.contains("frozen: true"))                        // output block
        let withIntro = try SiteBuilder(indexMarkdown: "# FreezeLab\n\nThe course, in words.\n").render(lessons: Fixture.lessons, results: Fixture.results)
        let introScript = Fixture.page("search-index.js", in: withIntro)
        #expect(introScript.hasPrefix("window.FREEZELAB_SEARCH = [{\"heading\":\"\",\"text\":\"The course, in words.\",\"title\":\"FreezeLab\",\"url\":\"index.html\"}"))
    }
}
