/// Writes new text into a lesson's output blocks and changes no other byte of the file.
///
/// This is what `freezelab bless` does with the outputs a run produced: an existing block's
/// content is replaced; a cell that has no block but printed something gets one, right after
/// its closing fence. Blocks are never removed.
public enum OutputSplicer {
    /// The lesson source with `outputs[cell.index]` written as each listed cell's output.
    ///
    /// A text that does not end in a newline gets one (an output block holds whole lines).
    ///
    /// The file's line endings are kept (a CRLF file gets CRLF in what is written), and an output
    /// holding a line of backticks is written inside a fence longer than any run in it, the
    /// block's fences rewritten if they are too short, so the lesson's structure survives.
    public static func splice(_ lesson: Lesson, outputs: [Int: String]) -> String {
        let lines = SourceLines(lesson.source)
        let newline = lesson.source.utf8.contains(UInt8(ascii: "\r")) && lesson.source.contains("\r\n") ? "\r\n" : "\n"
        func written(_ text: String) -> String {
            newline == "\n" ? text : text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        }
        var edits: [(range: Range<Int>, bytes: [UInt8])] = []
        for cell in lesson.cells {
            guard var text = outputs[cell.index] else { continue }
            if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: text) + 1))
            if let block = cell.expected {
                guard block.text != text else { continue }
                let opening = lines.text(ofLine: block.line)
                let indent = indentation(of: opening)
                let fenceLength = opening.dropFirst(indent.count).prefix { $0 == "`" || $0 == "~" }.count
                if fenceLength > longestBacktickRun(in: text) {
                    edits.append((block.contentRange, Array(written(indented(text, by: indent)).utf8)))
                } else {
                    // The old fence could be closed by a line of the new text: rewrite the block.
                    let closingEnd = lines.end(ofLine: lines.line(containing: block.contentRange.upperBound))
                    let info = opening.dropFirst(indent.count).drop { $0 == "`" || $0 == "~" }
                    let whole = indent + fence + info + "\n" + indented(text, by: indent) + indent + fence + "\n"
                    edits.append((lines.start(ofLine: block.line)..<closingEnd, Array(written(whole).utf8)))
                }
            } else if !text.isEmpty {
                let indent = indentation(of: lines.text(ofLine: cell.line))
                let at = lines.end(ofLine: cell.lastCodeLine)
                let needsNewline = at > 0 && lines.bytes[at - 1] != UInt8(ascii: "\n")
                let block = (needsNewline ? "\n" : "") + "\n" + indent + fence + "output\n"
                    + indented(text, by: indent) + indent + fence + "\n"
                edits.append((at..<at, Array(written(block).utf8)))
            }
        }
        var bytes = lines.bytes
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            bytes.replaceSubrange(edit.range, with: edit.bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func indentation(of line: String) -> String {
        String(line.prefix { $0 == " " })
    }

    private static func indented(_ text: String, by indent: String) -> String {
        guard !indent.isEmpty else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : indent + $0 }
            .joined(separator: "\n")
    }

    private static func longestBacktickRun(in text: String) -> Int {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
