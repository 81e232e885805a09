/// A unified diff of two texts, line by line, for showing an output mismatch.
public enum UnifiedDiff {
    /// One line of a diff.
    public enum Line: Equatable, Sendable {
        /// A line both texts have.
        case same(String)
        /// A line only the expected text has (`-`).
        case removed(String)
        /// A line only the actual text has (`+`).
        case added(String)
    }

    /// The diff from `expected` to `actual` with `context` lines around each change, headed by
    /// `--- expectedLabel` and `+++ actualLabel`. Empty when the texts' lines are equal.
    public static func text(expected: String, actual: String, expectedLabel: String, actualLabel: String, context: Int = 3) -> String {
        let lines = diff(OutputMatcher.lines(of: expected), OutputMatcher.lines(of: actual))
        guard lines.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
        var output = ["--- \(expectedLabel)", "+++ \(actualLabel)"]
        // Changes whose context lines touch or overlap share one hunk, as in `diff -u`.
        let changed = lines.indices.filter { if case .same = lines[$0] { false } else { true } }
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(lines.count - 1, index + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...range.upperBound
            } else {
                hunks.append(range)
            }
        }
        for hunk in hunks {
            var oldStart = 1, newStart = 1
            for line in lines[..<hunk.lowerBound] {
                switch line {
                case .same: oldStart += 1; newStart += 1
                case .removed: oldStart += 1
                case .added: newStart += 1
                }
            }
            let slice = lines[hunk]
            let oldCount = slice.filter { if case .added = $0 { false } else { true } }.count
            let newCount = slice.filter { if case .removed = $0 { false } else { true } }.count
            output.append("@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) +\(newCount == 0 ? newStart - 1 : newStart),\(newCount) @@")
            for line in slice {
                switch line {
                case .same(let text): output.append(" " + text)
                case .removed(let text): output.append("-" + text)
                case .added(let text): output.append("+" + text)
                }
            }
        }
        return output.joined(separator: "\n")
    }

    /// The line diff of `old` and `new` by longest common subsequence.
    public static func diff(_ old: [String], _ new: [String]) -> [Line] {
        // Past a few million cells the table is too big: show everything as replaced.
        guard old.count * new.count <= 4_000_000 else { return old.map(Line.removed) + new.map(Line.added) }
        let width = new.count + 1
        var table = [Int](repeating: 0, count: (old.count + 1) * width)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                table[i * width + j] = old[i] == new[j] ? table[(i + 1) * width + j + 1] + 1
                    : max(table[(i + 1) * width + j], table[i * width + j + 1])
            }
        }
        var lines: [Line] = [], i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                lines.append(.same(old[i])); i += 1; j += 1
            } else if i < old.count, j == new.count || table[(i + 1) * width + j] >= table[i * width + j + 1] {
                lines.append(.removed(old[i])); i += 1
            } else {
                lines.append(.added(new[j])); j += 1
            }
        }
        return lines
    }
}
