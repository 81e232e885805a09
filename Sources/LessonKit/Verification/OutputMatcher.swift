/// Compares a cell's expected output with what it printed.
///
/// Lines are compared whole, ignoring spaces at their ends and blank lines at the end of the
/// output. A line that is exactly `...` in the expected output matches any run of lines (none
/// included), as in doctests.
public enum OutputMatcher {
    /// The expected-output line that matches any run of lines.
    public static let ellipsis = "..."

    /// Whether `actual` meets `expected`.
    public static func matches(expected: String, actual: String) -> Bool {
        let pattern = lines(of: expected), text = lines(of: actual)
        // Glob matching where `...` is the star: keep the last star and where it resumed.
        var p = 0, t = 0
        var star: Int?, resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == ellipsis {
                star = p
                resume = t
                p += 1
            } else if p < pattern.count, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == ellipsis { p += 1 }
        return p == pattern.count
    }

    /// Where `actual` first departs from `expected`: the index of the expected line to point an
    /// author at (counting from 0; `expected`'s line count when `actual` has lines past its end).
    /// Walks from the start, and from the end when a `...` stops the first walk.
    public static func firstDifference(expected: String, actual: String) -> Int {
        let pattern = lines(of: expected), text = lines(of: actual)
        var p = 0
        while p < pattern.count, p < text.count, pattern[p] != ellipsis, pattern[p] == text[p] { p += 1 }
        guard p < pattern.count, pattern[p] == ellipsis else { return p }
        // A `...` matched: the difference is after it; look from the end.
        var fromEnd = 0
        while fromEnd < pattern.count - p, fromEnd < text.count,
              pattern[pattern.count - 1 - fromEnd] != ellipsis,
              pattern[pattern.count - 1 - fromEnd] == text[text.count - 1 - fromEnd] {
            fromEnd += 1
        }
        let index = pattern.count - 1 - fromEnd
        return index > p && pattern[index] != ellipsis ? index : p
    }

    /// The lines of `text` as compared: trailing spaces and trailing blank lines removed.
    public static func lines(of text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingTrailingSpaces }
        while lines.last == "" { lines.removeLast() }
        return lines
    }
}
