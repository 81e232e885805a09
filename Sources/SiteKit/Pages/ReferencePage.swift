import Foundation
import LessonKit

/// `reference.html`: the engine's API from its documentation comments, grouped by concept; each
/// symbol with its declaration, the PyTorch name it mirrors and the lessons whose Swift cells use
/// it. DocC's symbol links (` ``Tensor/grad`` `) become links to the symbol on the same page.
struct ReferencePage {
    var reference: EngineReference
    /// The lessons, to find which use each symbol.
    var lessons: [SiteLesson]

    static let page = "reference.html"
    static let title = "Engine reference"

    /// Member names too common in Swift to say a lesson uses the engine's by writing them.
    static let commonNames: Set<String> = ["count", "description", "isEmpty", "first", "last", "map", "filter", "reduce",
                                           "sorted", "contains", "index", "hash", "rawValue"]

    struct Rendered {
        var main: String
        var search: [DocumentRenderer.SearchItem]
    }

    func render() -> Rendered {
        let anchors = anchorIndex()
        let words = lessons.map(LessonWords.init)
        var main = "<h1>\(Self.title)</h1>\n"
        main += "<p class=\"lead\">Every public symbol of the <code>\(HTML.escape(reference.module))</code> engine, from its "
            + "documentation comments, with the PyTorch name it mirrors and the lessons that use it.</p>\n"
        main += PageContents.html(reference.groups.map { DocumentRenderer.PageHeading(level: 2, text: $0.0.rawValue, id: $0.0.anchor) })
        var search: [DocumentRenderer.SearchItem] = []
        for (group, entries) in reference.groups {
            main += "<h2 id=\"\(group.anchor)\">\(HTML.escape(group.rawValue))</h2>\n"
            search.append(.heading(DocumentRenderer.PageHeading(level: 2, text: group.rawValue, id: group.anchor)))
            for entry in entries {
                main += section(entry, level: 3, anchors: anchors, words: words, search: &search)
            }
        }
        return Rendered(main: main, search: search)
    }

    private func section(_ entry: EngineReference.Entry, level: Int, anchors: [String: String], words: [LessonWords],
                         search: inout [DocumentRenderer.SearchItem]) -> String {
        let name = entry.path.joined(separator: ".")
        var html = "<section class=\"api-entry\" id=\"\(entry.anchor)\">\n"
        html += "<h\(level)><code>\(HTML.escape(level == 3 ? name : entry.path.last ?? name))</code>"
            + " <span class=\"api-kind\">\(HTML.escape(entry.kind))</span></h\(level)>\n"
        html += "<pre class=\"api-declaration\"><code>\(SwiftHighlighter.html(entry.declaration))</code></pre>\n"
        let prose = ProseRenderer.render(Self.linkingSymbols(in: entry.documentation, anchors: anchors))
        html += prose.html
        // Every symbol is a search result of its own, found by either language's spelling.
        search.append(.heading(DocumentRenderer.PageHeading(level: 3, text: name, id: entry.anchor)))
        search.append(.words([entry.pytorch ?? "", prose.text].joined(separator: " ")))
        var facts: [String] = []
        if let pytorch = entry.pytorch { facts.append("PyTorch: <code>\(HTML.escape(pytorch))</code>") }
        let users = lessons(using: entry, words: words)
        if !users.isEmpty {
            facts.append("Used in: " + users.map { "<a href=\"\(HTML.attribute($0.page))\">\(HTML.escape($0.lesson.title))</a>" }
                .joined(separator: ", "))
        }
        if !facts.isEmpty { html += "<p class=\"api-meta\">\(facts.joined(separator: " · "))</p>\n" }
        if !entry.members.isEmpty {
            html += "<details class=\"api-members\"><summary>\(entry.members.count) members</summary>\n"
            for member in entry.members {
                html += section(member, level: 4, anchors: anchors, words: words, search: &search)
            }
            html += "</details>\n"
        }
        return html + "</section>\n"
    }

    /// The lessons whose Swift cells use `entry`: its name as a member (`.zero_(`) or, at the
    /// top level, as a whole word (`Linear(`).
    private func lessons(using entry: EngineReference.Entry, words: [LessonWords]) -> [SiteLesson] {
        guard let name = entry.usedName, !Self.commonNames.contains(name) else { return [] }
        let member = entry.path.count > 1
        return zip(lessons, words).filter { _, words in (member ? words.members : words.words).contains(Substring(name)) }.map(\.0)
    }

    /// The words of a lesson's Swift cells (runs of letters, digits and `_`), and those of them
    /// written right after a dot: read once per lesson, where a pattern per symbol and lesson took
    /// most of the site's build time.
    struct LessonWords {
        var words: Set<Substring> = []
        var members: Set<Substring> = []

        init(_ lesson: SiteLesson) {
            for cell in lesson.lesson.cells where cell.language == .swift {
                let code = cell.code
                var index = code.startIndex
                while index < code.endIndex {
                    guard Self.isWordCharacter(code[index]) else { index = code.index(after: index); continue }
                    let start = index
                    while index < code.endIndex, Self.isWordCharacter(code[index]) { index = code.index(after: index) }
                    let word = code[start..<index]
                    words.insert(word)
                    if start > code.startIndex, code[code.index(before: start)] == "." { members.insert(word) }
                }
            }
        }

        /// What a regular expression's `\\b` counts as part of a word.
        static func isWordCharacter(_ character: Character) -> Bool {
            character == "_" || character.isLetter || character.isNumber
        }
    }

    /// Symbol path (`Tensor/grad`, `Tensor.grad`, `withNoGrad(_:)`) → anchor of its first entry.
    private func anchorIndex() -> [String: String] {
        var index: [String: String] = [:]
        func add(_ entry: EngineReference.Entry) {
            for key in [entry.path.joined(separator: "/"), entry.path.map(Self.baseName).joined(separator: "/")] where index[key] == nil {
                index[key] = entry.anchor
            }
            entry.members.forEach(add)
        }
        reference.groups.flatMap(\.entries).forEach(add)
        return index
    }

    static func baseName(_ title: String) -> String { String(title.prefix { $0 != "(" }) }

    /// DocC's double-backtick symbol links as Markdown links to the symbol on this page (plain
    /// code when the symbol is not on it, such as one from another module).
    static func linkingSymbols(in documentation: String, anchors: [String: String]) -> String {
        var out = ""
        var rest = Substring(documentation)
        while let open = rest.range(of: "``") {
            guard let close = rest[open.upperBound...].range(of: "``") else { break }
            out += rest[..<open.lowerBound]
            let symbol = String(rest[open.upperBound..<close.lowerBound])
            // `Tensor/add_(_:)-(Tensor)`: the part after `-` only tells overloads apart.
            var path = symbol
            if let dash = path.range(of: ")-") { path = String(path[..<path.index(after: dash.lowerBound)]) }
            let key = path.split(separator: "/").map { baseName(String($0)) }.joined(separator: "/")
            let label = symbol.split(separator: "/").last.map { baseName(String($0)) + ($0.contains("(") ? "()" : "") } ?? symbol
            if let anchor = anchors[path] ?? anchors[key] {
                out += "[`\(label)`](#\(anchor))"
            } else {
                out += "`\(label)`"
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
