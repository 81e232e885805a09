/// The optional metadata block at the top of a lesson:
///
///     ---
///     summary: Why `requires_grad = False` and an optimizer filter are not the same thing.
///     level: beginner
///     ---
///
/// Lines are `key: value`; blank lines and lines starting with `#` are ignored.
struct FrontMatter: Equatable, Sendable {
    /// The key–value pairs.
    var metadata: [String: String] = [:]
    /// The lines the block spans (fences included), or `nil` when there is none.
    var lines: ClosedRange<Int>?
    /// Problems found in the block.
    var diagnostics: [Diagnostic] = []

    /// Reads the front matter at the top of `source`, if the first line is `---` (after a UTF-8
    /// byte-order mark, which some editors on Windows write and which is not part of the text).
    static func read(_ source: SourceLines, path: String) -> FrontMatter {
        let first = source.text(ofLine: 1)
        let opening = first.hasPrefix("\u{FEFF}") ? String(first.dropFirst()) : first
        guard source.count > 0, opening.trimmingTrailingSpaces == "---" else { return FrontMatter() }
        var matter = FrontMatter()
        var line = 2
        while line <= source.count {
            let text = source.text(ofLine: line)
            let trimmed = text.trimmingTrailingSpaces
            if trimmed == "---" || trimmed == "..." {
                matter.lines = 1...line
                return matter
            }
            if !trimmed.isEmpty, !trimmed.hasPrefix("#") {
                if let colon = trimmed.firstIndex(of: ":"), colon != trimmed.startIndex {
                    let key = trimmed[..<colon].trimming(" \t")
                    let value = trimmed[trimmed.index(after: colon)...].trimming(" \t")
                    if matter.metadata[key] != nil {
                        matter.diagnostics.append(Diagnostic(file: path, line: line, message: "front matter key `\(key)` is given twice"))
                    }
                    matter.metadata[key] = value
                } else {
                    matter.diagnostics.append(Diagnostic(file: path, line: line, message: "front matter line is not `key: value`"))
                }
            }
            line += 1
        }
        // Never closed: not front matter after all; say so, and parse the text as Markdown.
        return FrontMatter(diagnostics: [Diagnostic(file: path, line: 1, message: "the front matter block opened here is never closed with `---`")])
    }
}
