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

    /// The whole report: each lesson, a line about PyTorch cells that did not run, then the summary.
    public static func text(_ lessons: [CheckedLesson], style: TerminalStyle = .plain, timings: Bool = false) -> String {
        let note = pytorchNote(lessons).map { [style.yellow($0)] } ?? []
        return (lessons.map { lesson($0, style: style, timings: timings) } + note + [summary(lessons)]).joined(separator: "\n") + "\n"
    }

    /// One line saying how many PyTorch cells were skipped and how to run them, if any were.
    public static func pytorchNote(_ lessons: [CheckedLesson]) -> String? {
        let skipped = lessons.reduce(0) { $0 + $1.skippedPyTorchCells }
        guard skipped > 0 else { return nil }
        let unavailable = lessons.contains { lesson in
            lesson.result.cells.contains { $0.outcome == .skipped(.pytorchUnavailable) || $0.twin?.outcome == .skipped(.pytorchUnavailable) }
        }
        let cells = skipped == 1 ? "1 PyTorch cell" : "\(skipped) PyTorch cells"
        return unavailable
            ? "note: \(cells) skipped: PyTorch is not installed (run scripts/setup.sh, or set FREEZELAB_PYTHON to a Python with torch; --pytorch require makes this an error)"
            : "note: \(cells) skipped (--pytorch skip)"
    }
}
