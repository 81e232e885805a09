/// Writes new text into a lesson's output blocks and changes no other byte of the file.
///
/// This is what `freezelab bless` does with the outputs a run produced: an existing block's
/// content is replaced; a cell that has no block but printed something gets one, right after
/// its closing fence. Blocks are never removed.
public enum OutputSplicer {
    /// The lesson source with `outputs[cell.index]` written as each listed cell's output.
    ///
    /// A text that does not end in a newline gets one (an output block holds whole lines).
    public static func splice(_ lesson: Lesson, outputs: [Int: String]) -> String {
        let lines = SourceLines(lesson.source)
        var edits: [(range: Range<Int>, bytes: [UInt8])] = []
        for cell in lesson.cells {
            guard var text = outputs[cell.index] else { continue }
            if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            if let block = cell.expected {
                guard block.text != text else { continue }
                let indent = indentation(of: lines.text(ofLine: block.line))
                edits.append((block.contentRange, Array(indented(text, by: indent).utf8)))
            } else if !text.isEmpty {
                let indent = indentation(of: lines.text(ofLine: cell.line))
                let at = lines.end(ofLine: cell.lastCodeLine)
                let needsNewline = at > 0 && lines.bytes[at - 1] != UInt8(ascii: "\n")
                let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: text) + 1))
                let block = (needsNewline ? "\n" : "") + "\n" + indent + fence + "output\n"
                    + indented(text, by: indent) + indent + fence + "\n"
                edits.append((at..<at, Array(block.utf8)))
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
