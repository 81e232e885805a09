import Foundation
import LessonKit
import Testing
@testable import SiteKit

/// Nothing a lesson writes may run in a reader's browser: the pages built from
/// ``HostileFixture`` are read tag by tag, as a browser would tokenise them, and every tag,
/// attribute and URL is checked against what the site itself writes.
@Suite struct HostileLessonTests {
    /// Tags the site writes on purpose that can run code or load a document.
    static let activeTags: Set<String> = ["script", "iframe", "object", "embed", "foreignobject", "frame", "frameset",
                                          "base", "form", "meta", "link", "style", "animate", "set", "handler"]

    @Test(.enabled(if: Fixture.hasDot, "Graphviz `dot` is not installed"))
    func noPageCarriesALiveTagAttributeOrURL() throws {
        let site = try HostileFixture.render()
        let pages = site.files.keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.contains("01-hostile.html") && pages.contains("index.html"))
        for page in pages {
            let html = Fixture.page(page, in: site)
            for tag in MarkupTokens.tags(in: html) {
                if Self.activeTags.contains(tag.name) {
                    #expect(Self.isTheSitesOwn(tag), "\(page): a lesson put <\(tag.name) \(tag.attributes)> on the page")
                }
                for (name, value) in tag.attributes {
                    #expect(!name.hasPrefix("on"), "\(page): <\(tag.name)> carries the event handler \(name)=\(value)")
                    if ["href", "xlink:href", "src", "action", "formaction", "data", "srcdoc"].contains(name) {
                        #expect(Self.isSafeURL(value), "\(page): <\(tag.name) \(name)=\"\(value)\">")
                    }
                }
            }
        }
    }

    @Test(.enabled(if: Fixture.hasDot, "Graphviz `dot` is not installed"))
    func aSanitisedGraphStillDrawsEveryNodeAndEdge() throws {
        let page = Fixture.page("01-hostile.html", in: try HostileFixture.render())
        let start = page.range(of: "<svg class=\"graph\"")!.lowerBound
        let svg = page[start..<page[start...].range(of: "</svg>")!.upperBound]
        #expect(svg.components(separatedBy: "<ellipse").count - 1 == 4)
        #expect(svg.components(separatedBy: "class=\"edge\"").count - 1 == 3)
        #expect(svg.contains(">html</text>") && svg.contains("&lt;/text&gt;&lt;script&gt;"))
        #expect(!svg.contains("<a ") && !svg.contains("xlink:") && !svg.contains("javascript"))
    }

    @Test func noControlCharactersReachAPage() throws {
        let site = try HostileFixture.render()
        for (name, bytes) in site.files where name.hasSuffix(".html") || name.hasSuffix(".js") {
            let bad = bytes.filter { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 }
            #expect(bad.isEmpty, "\(name) holds control bytes \(Set(bad).sorted())")
        }
        // The escape sequence is still there for the reader to see, as a visible symbol.
        let page = Fixture.page("01-hostile.html", in: site)
        #expect(page.contains("\u{241B}[31mred\u{241B}[0m"))
    }

    @Test func unsafeFileNamesGetNoPageAndAClearFailure() throws {
        let site = try HostileFixture.render()
        let names = site.files.keys.sorted()
        #expect(names.allSatisfy { !$0.contains("pwned") }, "\(names)")
        let refused = site.failures.filter { $0.diagnostic.message.contains("file name") }
        #expect(refused.count == 2, "\(site.failures.map(\.diagnostic.formatted))")
        #expect(refused.allSatisfy { $0.diagnostic.message.contains("letters, digits") })
        // No page links to them either.
        for page in names where page.hasSuffix(".html") {
            #expect(!Fixture.page(page, in: site).contains("Named"), "\(page) lists a refused lesson")
        }
    }

    @Test func frontMatterAfterAByteOrderMarkIsFrontMatter() throws {
        let site = try HostileFixture.render()
        let page = Fixture.page("04-fine.html", in: site)
        #expect(!page.contains("summary: after"))
        #expect(Fixture.page("index.html", in: site).contains("after a byte-order mark"))
    }

    @Test func rawHTMLInProseIsShownAsOmittedNotRun() throws {
        let page = Fixture.page("01-hostile.html", in: try HostileFixture.render())
        #expect(page.contains("raw HTML omitted"))
        #expect(!page.contains("<div onclick"))
    }

    /// `<script src="site.js">` and `<script src="search-index.js">`, and the stylesheet link.
    static func isTheSitesOwn(_ tag: MarkupTokens.Tag) -> Bool {
        let attributes = Dictionary(tag.attributes, uniquingKeysWith: { a, _ in a })
        switch tag.name {
        case "script": return ["theme.js", "site.js", "search-index.js", "lunr.js", "search.js"].contains(attributes["src"] ?? "")
        case "link": return attributes["href"] == "style.css" || attributes["rel"] == "icon"
        case "meta": return attributes["http-equiv"] == nil
        default: return false
        }
    }

    /// Relative links within the site, fragments, and plain web links.
    static func isSafeURL(_ value: String) -> Bool {
        let lowered = value.lowercased().filter { !$0.isWhitespace }
        if lowered == "data:," { return true }  // the site's empty favicon: a document with nothing in it
        if lowered.hasPrefix("https://") || lowered.hasPrefix("http://") || lowered.hasPrefix("#") { return true }
        if let colon = lowered.firstIndex(of: ":"),
           !lowered[..<colon].contains("/"), !lowered[..<colon].contains("#"), !lowered[..<colon].contains("?") {
            return false  // any other scheme: javascript:, data:, vbscript:, …
        }
        return true
    }
}

/// The start tags of an HTML document, read the way a browser's tokeniser reads them: a tag
/// begins at a literal `<` followed by a letter; attribute values are unquoted, single- or
/// double-quoted, and entity-decoded for `&quot;`, `&amp;`, `&lt;`, `&gt;`, `&#39;`.
enum MarkupTokens {
    struct Tag: CustomStringConvertible {
        var name: String
        var attributes: [(String, String)]
        var description: String { "<\(name) \(attributes)>" }
    }

    static func tags(in html: String) -> [Tag] {
        let chars = Array(html.unicodeScalars)
        var tags: [Tag] = []
        var i = 0
        func isNameChar(_ c: Unicode.Scalar) -> Bool {
            !(c == " " || c == "\n" || c == "\t" || c == "\r" || c == "/" || c == ">" || c == "=" || c == "\u{0C}")
        }
        while i < chars.count {
            guard chars[i] == "<", i + 1 < chars.count, chars[i + 1].properties.isAlphabetic else {
                // Skip comments whole: nothing inside them is a tag.
                if chars[i] == "<", html.unicodeScalars.count > i + 3, String(String.UnicodeScalarView(chars[i..<min(i + 4, chars.count)])) == "<!--" {
                    var j = i + 4
                    while j + 2 < chars.count, !(chars[j] == "-" && chars[j + 1] == "-" && chars[j + 2] == ">") { j += 1 }
                    i = j + 3
                    continue
                }
                i += 1
                continue
            }
            i += 1
            var name = ""
            while i < chars.count, isNameChar(chars[i]) { name.unicodeScalars.append(chars[i]); i += 1 }
            var attributes: [(String, String)] = []
            while i < chars.count, chars[i] != ">" {
                if chars[i] == " " || chars[i] == "\n" || chars[i] == "\t" || chars[i] == "/" || chars[i] == "\r" { i += 1; continue }
                var attribute = ""
                while i < chars.count, isNameChar(chars[i]) { attribute.unicodeScalars.append(chars[i]); i += 1 }
                var value = ""
                if i < chars.count, chars[i] == "=" {
                    i += 1
                    if i < chars.count, chars[i] == "\"" || chars[i] == "'" {
                        let quote = chars[i]
                        i += 1
                        while i < chars.count, chars[i] != quote { value.unicodeScalars.append(chars[i]); i += 1 }
                        i += 1
                    } else {
                        while i < chars.count, chars[i] != " " && chars[i] != ">" && chars[i] != "\n" { value.unicodeScalars.append(chars[i]); i += 1 }
                    }
                }
                if attribute.isEmpty { i += 1; continue }
                attributes.append((attribute.lowercased(), decode(value)))
            }
            tags.append(Tag(name: name.lowercased(), attributes: attributes))
            i += 1
            // The text of a script or style element is not markup.
            if tags.last!.name == "script" || tags.last!.name == "style" {
                let close = "</\(tags.last!.name)"
                let rest = String(String.UnicodeScalarView(chars[i...]))
                if let end = rest.range(of: close, options: .caseInsensitive) {
                    i += rest.unicodeScalars.distance(from: rest.unicodeScalars.startIndex, to: end.lowerBound.samePosition(in: rest.unicodeScalars)!)
                }
            }
        }
        return tags
    }

    static func decode(_ value: String) -> String {
        value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
