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

    /// The lines of `text` as compared: trailing spaces and trailing blank lines removed.
    public static func lines(of text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingTrailingSpaces }
        while lines.last == "" { lines.removeLast() }
        return lines
    }
}
