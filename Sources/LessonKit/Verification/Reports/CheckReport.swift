import Foundation

/// The text `freezelab check` prints: a line per lesson, its findings under it, and the
/// `N passed, M failed` summary.
public enum CheckReport {
    /// The report for one lesson. `timings` adds the seconds spent (left out of golden files).
    public static func lesson(_ checked: CheckedLesson, style: TerminalStyle = .plain, timings: Bool = false) -> String {
        let passed = checked.result.passed
        var head = (passed ? style.green("PASS") : style.red("FAIL")) + " " + checked.path
        let count = checked.result.cells.count
        var facts = [counted(count, "cell")]
        if timings, checked.result.duration > 0 { facts.append(format1(checked.result.duration) + " s") }
        if timings, checked.decision == .reused { facts.append("cached") }
        head += style.dim(" (\(facts.joined(separator: ", ")))")
        var lines = [head]
        for finding in Finding.of(checked) {
            lines.append(indent(style.diagnostic(finding.diagnostic)))
            lines += finding.related.map { indent(style.diagnostic($0)) }
            if let diff = finding.diff { lines.append(indent(style.diff(diff), by: "    ")) }
        }
        return lines.joined(separator: "\n")
    }

    /// `N passed, M failed` (counting lessons).
    public static func summary(_ lessons: [CheckedLesson]) -> String {
        let passed = lessons.filter(\.result.passed).count
        return "\(passed) passed, \(lessons.count - passed) failed"
    }

    /// The whole report: each lesson, then the summary.
    public static func text(_ lessons: [CheckedLesson], style: TerminalStyle = .plain, timings: Bool = false) -> String {
        (lessons.map { lesson($0, style: style, timings: timings) } + [summary(lessons)]).joined(separator: "\n") + "\n"
    }
}
