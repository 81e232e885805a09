import Figures
import Foundation
import Testing
@testable import SiteKit

/// The front-end lives in real files; what the library embeds is exactly those bytes, and the
/// stylesheet covers every kind of graph node the engine exports.
@Suite struct ThemeTests {
    static let assets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/SiteKit/Theme/Assets")

    @Test func embeddedAssetsAreTheFilesInTheTree() throws {
        #expect(Theme.css == (try String(contentsOf: Self.assets.appendingPathComponent("style.css"), encoding: .utf8)))
        #expect(Theme.javaScript == (try String(contentsOf: Self.assets.appendingPathComponent("site.js"), encoding: .utf8)))
    }

    @Test func thePageTemplateHasTheSlotsTheLayoutFills() {
        #expect(Theme.page.slots == ["title", "description", "brand", "sidebar", "main"])
        let page = PageLayout(siteTitle: "FreezeLab", lessons: [], failing: []).page(
            title: "A <b>", description: "d \"q\"", current: nil, main: "<p>body</p>")
        #expect(page.hasPrefix("<!DOCTYPE html>\n") && page.hasSuffix("</html>\n"))
        #expect(page.contains("<title>A &lt;b&gt;</title>\n<meta name=\"description\" content=\"d &quot;q&quot;\">\n<link rel=\"icon\""))
        #expect(page.contains("<main id=\"content\" tabindex=\"-1\">\n<p>body</p>\n<footer"))
        #expect(!page.contains("{{"))
    }

    @Test func everyGraphNodeClassHasAKeyStyle() {
        for kind in GraphNodeClass.allCases {
            #expect(Theme.css.contains(".graph-key .key-\(kind.rawValue)::before"), "no key style for \(kind)")
        }
    }
}
