/// One thing to tell a lesson author, at a place in the lesson: a lesson diagnostic, a failed
/// cell (with its diff), or a cell that could not run. Every report — terminal, JUnit, GitHub
/// annotations, the site's banner — is a rendering of a lesson's findings, so each problem is
/// told exactly once, in the same words, at the same line, everywhere.
public struct Finding: Equatable, Sendable {
    /// Where and how bad, and the one-line message.
    public var diagnostic: Diagnostic
    /// More diagnostics that belong to it (a cell's further compiler errors).
    public var related: [Diagnostic]
    /// The unified diff of expected and actual output, for a mismatch.
    public var diff: String?
    /// The cell it is about, if any (index from 0).
    public var cell: Int?

    /// Creates a finding.
    public init(diagnostic: Diagnostic, related: [Diagnostic] = [], diff: String? = nil, cell: Int? = nil) {
        self.diagnostic = diagnostic
        self.related = related
        self.diff = diff
        self.cell = cell
    }

    /// Whether it makes the lesson fail (an error, not a warning or a note).
    public var isFailure: Bool { diagnostic.severity == .error }

    /// The findings of `checked`.
    public static func of(_ checked: CheckedLesson) -> [Finding] {
        of(lesson: checked.lesson, result: checked.result)
    }

    /// The findings of a lesson's result, in line order: its diagnostics, an error for every
    /// failed cell, a note for every cell an earlier cell kept from running.
    public static func of(lesson: Lesson?, result: LessonResult) -> [Finding] {
        var findings = result.diagnostics.map { Finding(diagnostic: $0) }
        if let lesson {
            for cellResult in result.cells where lesson.cells.indices.contains(cellResult.index) {
                findings += of(cellResult, cell: lesson.cells[cellResult.index], path: lesson.path)
            }
        }
        return findings.enumerated().sorted {
            ($0.element.diagnostic.line ?? 0, $0.offset) < ($1.element.diagnostic.line ?? 0, $1.offset)
        }.map(\.element)
    }

    /// The findings for one cell: its own outcome, then its twin's.
    static func of(_ result: CellResult, cell: Cell, path: String) -> [Finding] {
        let name = cell.language == .python ? "\(cell.name) (PyTorch)" : cell.name
        var findings = [of(result.outcome, actual: result.actual, name: name, line: cell.line, cell: cell, path: path, side: nil)]
        if let twin = result.twin, let code = cell.twin {
            findings.append(of(twin.outcome, actual: twin.actual, name: "\(cell.name) (PyTorch twin)", line: code.line,
                               cell: cell, path: path, side: "PyTorch"))
        }
        return findings.compactMap { $0 }
    }

    /// The finding for one outcome of `cell`, or `nil` when there is nothing to say. A twin's
    /// findings point at the twin (`line`) and name it; its diff names PyTorch as the actual side.
    private static func of(_ outcome: CellOutcome, actual: String?, name: String, line: Int, cell: Cell, path: String,
                           side: String?) -> Finding? {
        func at(_ line: Int, _ severity: Diagnostic.Severity = .error) -> Diagnostic {
            Diagnostic(file: path, line: line, severity: severity, message: "\(name): \(outcome)")
        }
        func diff(_ actual: String) -> String? {
            let place = cell.expected.map { "\(path):\($0.line)" } ?? "no output block"
            let text = UnifiedDiff.text(expected: cell.expected?.text ?? "", actual: actual,
                                        expectedLabel: "expected (\(place))", actualLabel: side.map { "actual (\($0))" } ?? "actual")
            return text.isEmpty ? nil : text
        }
        switch outcome {
        case .passed, .skipped:
            return nil
        case .notRun(let reason):
            if reason.isReportedByLesson { return nil }
            if case .pytorchUnavailable = reason { return Finding(diagnostic: at(line), cell: cell.index) }
            return Finding(diagnostic: at(line, .note), cell: cell.index)
        case .mismatch(_, let actual):
            // The Swift side points at the first line of its output block that differs; a twin
            // at itself (the block is shared).
            guard side == nil, let block = cell.expected else { return Finding(diagnostic: at(line), diff: diff(actual), cell: cell.index) }
            let differs = block.line + 1 + OutputMatcher.firstDifference(expected: block.text, actual: actual)
            return Finding(diagnostic: at(differs), diff: diff(actual), cell: cell.index)
        case .missingOutputBlock(let actual):
            return Finding(diagnostic: at(line), diff: diff(actual), cell: cell.index)
        case .expectedErrorMissing:
            // What it printed before the error it should have raised is only worth a diff when it
            // differs from the block too; a block that merely goes on to the error message is no news.
            let printed = actual.map(OutputMatcher.lines) ?? []
            let expected = cell.expected.map { OutputMatcher.lines(of: $0.text) } ?? []
            let printedMatched = printed.count <= expected.count && Array(expected.prefix(printed.count)) == printed
            return Finding(diagnostic: at(line), diff: printedMatched ? nil : actual.flatMap(diff), cell: cell.index)
        case .doesNotCompile(let errors):
            guard let first = errors.first else { return Finding(diagnostic: at(line), cell: cell.index) }
            return Finding(diagnostic: first, related: Array(errors.dropFirst()), cell: cell.index)
        case .trapped(_, let place?), .raised(_, let place?):
            // The line that trapped or raised (or called the engine that stopped it), when known.
            return Finding(diagnostic: at(place), cell: cell.index)
        case .trapped, .raised, .timedOut, .exitedEarly, .unreadableFigures:
            return Finding(diagnostic: at(line), cell: cell.index)
        }
    }
}
