/// Decides each cell's outcome from a program's transcript, for Swift and Python programs alike:
/// how far the cell got, what it printed (figures lifted out), and whether that meets its output
/// block. Walks a program's cells in order, remembering what stopped the ones after a crash.
struct CellJudge {
    let transcript: ProgramTranscript
    let process: ProcessOutcome
    let timeout: Double
    /// Why a cell that never began did not run.
    private(set) var stop: NotRunReason = .programEnded

    init(transcript: ProgramTranscript, process: ProcessOutcome, timeout: Double) {
        self.transcript = transcript
        self.process = process
        self.timeout = timeout
    }

    /// The result of the cell with index `cell` (fence at `line`); `crash` is the outcome when
    /// the program died in it (a Swift trap, a Python exception).
    mutating func judge(cell: Int, line: Int, mode: CellMode, expected: String?, crash: () -> CellOutcome) -> CellResult {
        if mode == .noRun { return CellResult(index: cell, outcome: .skipped(.noRun)) }
        guard let ran = transcript.cells[cell] else { return CellResult(index: cell, outcome: .notRun(stop)) }
        let (printed, figures, problems) = FigureLifter.lift(ran.printed)
        var actual = printed
        var outcome: CellOutcome?
        switch ran.ending {
        case .finished:
            if mode == .expectError { outcome = .expectedErrorMissing }
        case .threw:
            actual = printed + (ran.errorText ?? "")
        case .interrupted:
            switch process.termination {
            case .timedOut:
                stop = .stoppedBy(cell: cell, line: line, .timedOut(seconds: timeout))
                outcome = .timedOut(seconds: timeout)
            case .exited(0):
                stop = .stoppedBy(cell: cell, line: line, .exited)
                outcome = .exitedEarly
            case .exited, .signaled:
                let crashed = crash()
                if case .raised = crashed { stop = .stoppedBy(cell: cell, line: line, .raised) } else { stop = .stoppedBy(cell: cell, line: line, .trapped) }
                if mode == .expectError, case .trapped(let message, _) = crashed {
                    // A Swift trap is the error an expect-error cell may end in.
                    actual = printed + (printed.isEmpty || printed.hasSuffix("\n") ? "" : "\n") + message + "\n"
                } else {
                    outcome = crashed
                }
            }
        }
        if outcome == nil {
            if let expected {
                if !OutputMatcher.matches(expected: expected, actual: actual) {
                    outcome = .mismatch(expected: expected, actual: actual)
                }
            } else if !OutputMatcher.matches(expected: "", actual: actual) {
                outcome = .missingOutputBlock(actual: actual)
            }
        }
        if outcome == nil, !problems.isEmpty { outcome = .unreadableFigures(problems) }
        return CellResult(index: cell, outcome: outcome ?? .passed, actual: actual, figures: figures, seconds: ran.seconds)
    }
}
