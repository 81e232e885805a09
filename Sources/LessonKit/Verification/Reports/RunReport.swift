/// The text `freezelab run` prints: each cell's code, what it printed, and a mark saying
/// whether that matched, like a notebook in the terminal.
public enum RunReport {
    /// The cell-by-cell view of `checked`.
    public static func text(_ checked: CheckedLesson, style: TerminalStyle = .plain) -> String {
        guard let lesson = checked.lesson else { return CheckReport.lesson(checked, style: style) + "\n" }
        var lines = [style.bold(lesson.title.isEmpty ? lesson.path : lesson.title) + style.dim("  \(lesson.path)")]
        let findings = Finding.of(checked)
        for finding in findings where finding.cell == nil {
            lines.append(style.diagnostic(finding.diagnostic))
        }
        for cell in lesson.cells {
            let result = checked.result.cells.first { $0.index == cell.index }
            let tags = cell.options.words.map(\.description)
            let mark: String
            switch result?.status {
            case .passed: mark = style.green("✓")
            case .failed: mark = style.red("✗")
            case .skipped: mark = style.dim("–")
            case .notRun, nil: mark = style.yellow("○")
            }
            let title = "── \(mark) cell \(cell.index + 1) · \(lesson.path):\(cell.line)" + (tags.isEmpty ? "" : " [\(tags.joined(separator: " "))]")
            lines.append("")
            lines.append(title)
            lines.append(style.dim(cell.code.hasSuffix("\n") ? String(cell.code.dropLast()) : cell.code))
            if let actual = result?.actual, !actual.isEmpty {
                lines.append(style.dim("→"))
                lines.append(VisibleText.of(actual.hasSuffix("\n") ? String(actual.dropLast()) : actual))
            }
            for figure in result?.figures ?? [] {
                lines.append(style.dim("[figure: \(figure.title)]"))
            }
            for finding in findings where finding.cell == cell.index {
                lines += ([finding.diagnostic] + finding.related).map(style.diagnostic)
                if let diff = finding.diff { lines.append(indent(style.diff(diff))) }
            }
        }
        lines.append("")
        lines.append(CheckReport.summary([checked]))
        return lines.joined(separator: "\n") + "\n"
    }
}
