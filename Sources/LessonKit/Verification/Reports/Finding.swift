/// One thing to tell a lesson author, at a place in the lesson: a diagnostic, a failed cell
/// (with its diff), or a cell that could not run. Every report (terminal, JUnit, GitHub
/// annotations) is a rendering of a lesson's findings.
public struct Finding: Equatable, Sendable {
    /// Where and how bad.
    public var diagnostic: Diagnostic
    /// The unified diff of expected and actual output, for a mismatch.
    public var diff: String?
    /// The cell it is about, if any (index from 0).
    public var cell: Int?

    /// The findings of `checked`, in line order: errors for diagnostics and failed cells, notes
    /// for cells that could not run because of an earlier cell.
    public static func of(_ checked: CheckedLesson) -> [Finding] {
        let result = checked.result
        var findings = result.diagnostics.map { Finding(diagnostic: $0, diff: nil, cell: nil) }
        guard let lesson = checked.lesson else { return findings }
        for cellResult in result.cells {
            guard lesson.cells.indices.contains(cellResult.index) else { continue }
            let cell = lesson.cells[cellResult.index]
            // A compile error or a timeout is already a diagnostic at this cell.
            let reported = result.diagnostics.contains { $0.severity == .error && $0.file == lesson.path && ($0.line.map { (cell.line...cell.endLine).contains($0) } ?? false) }
            let name = "cell \(cell.index + 1)"
            switch cellResult.status {
            case .failed where !reported:
                let message = cellResult.message ?? "failed"
                var diff: String?
                var line = cell.line
                if let actual = cellResult.actual, message.hasPrefix("output") || message.hasPrefix("printed") || cell.options.expectError {
                    let expected = cell.expected?.text ?? ""
                    let place = cell.expected.map { "\(lesson.path):\($0.line)" } ?? "no output block"
                    let text = UnifiedDiff.text(expected: expected, actual: actual, expectedLabel: "expected (\(place))", actualLabel: "actual")
                    diff = text.isEmpty ? nil : text
                    if let block = cell.expected, diff != nil { line = block.line }
                }
                findings.append(Finding(diagnostic: Diagnostic(file: lesson.path, line: line, message: "\(name): \(message)"), diff: diff, cell: cell.index))
            case .notRun where !(cellResult.message ?? "").hasSuffix("did not compile") && !(cellResult.message ?? "").hasSuffix("has errors"):
                findings.append(Finding(diagnostic: Diagnostic(file: lesson.path, line: cell.line, severity: .note,
                                                               message: "\(name): \(cellResult.message ?? "not run")"), diff: nil, cell: cell.index))
            default:
                break
            }
        }
        return findings.enumerated().sorted {
            ($0.element.diagnostic.line ?? 0, $0.offset) < ($1.element.diagnostic.line ?? 0, $1.offset)
        }.map(\.element)
    }
}
