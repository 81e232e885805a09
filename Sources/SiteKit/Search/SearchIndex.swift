import Foundation

/// The static search index: one entry per page section (split at `##` and `###` headings), with
/// its words, written as `search-index.js` so `site.js` can search with no server and from
/// `file://`.
struct SearchIndex {
    /// One searchable section.
    struct Entry: Codable, Equatable {
        /// The page's title.
        var title: String
        /// The section's heading, or empty for the part before the first heading.
        var heading: String
        /// Site-relative link to the section.
        var url: String
        /// The section's words: prose, and the code of visible cells.
        var text: String
    }

    var entries: [Entry] = []

    /// Adds the sections of one page from what its document renderer saw: `##` and `###`
    /// headings start sections; other words go into the current one.
    mutating func add(page: String, title: String, items: [DocumentRenderer.SearchItem]) {
        var current = Entry(title: title, heading: "", url: page, text: "")
        var words: [String] = []
        func flush() {
            current.text = Self.normalized(words.joined(separator: " "))
            if !current.text.isEmpty || !current.heading.isEmpty { entries.append(current) }
            words = []
        }
        for item in items {
            switch item {
            case .heading(let heading) where heading.level == 2 || heading.level == 3:
                flush()
                current = Entry(title: title, heading: heading.text, url: "\(page)#\(heading.id)", text: "")
            case .heading(let heading):
                if heading.level > 1 { words.append(heading.text) }
            case .words(let text):
                words.append(text)
            }
        }
        flush()
    }

    /// Collapses whitespace runs to single spaces.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `search-index.js`: the entries as JSON, assigned to `window.FREEZELAB_SEARCH`.
    func javaScript() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(entries)
        return Data("window.FREEZELAB_SEARCH = ".utf8) + json + Data(";\n".utf8)
    }
}
