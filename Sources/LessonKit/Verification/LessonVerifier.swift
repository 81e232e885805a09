/// Turns compiled-and-run programs into a ``LessonResult``: each cell's output against its
/// output block, errors where errors were expected, and what could not run and why.
///
/// Plain values in, plain values out: no compiler, no processes, no clock.
public enum LessonVerifier {
    /// The result of `lesson` given its program runs.
    public static func verify(_ lesson: Lesson, runs: [ProgramRun]) -> LessonResult {
        var cells: [Int: CellResult] = [:]
        var diagnostics: [Diagnostic] = []
        for run in runs {
            var (results, found) = verify(run, in: lesson)
            if let broken = run.brokenCell { results += verify(broken, in: lesson) }
            for result in results { cells[result.index] = result }
            diagnostics += found
        }
        let ordered = lesson.cells.map { cells[$0.index] ?? CellResult(index: $0.index, outcome: .notRun(.programEnded)) }
        let duration = runs.reduce(0) { $0 + $1.compile.duration + ($1.process?.duration ?? 0) + ($1.brokenCell?.duration ?? 0) }
        return LessonResult(path: lesson.path, cells: ordered, diagnostics: diagnostics, duration: duration)
    }

    private static func verify(_ run: ProgramRun, in lesson: Lesson) -> ([CellResult], [Diagnostic]) {
        let cells = run.plan.cellIndices.map { lesson.cells[$0] }
        guard run.compile.succeeded, let process = run.process else {
            return compileFailure(run, cells: cells, lesson: lesson)
        }
        let transcript = ProgramTranscript(stdout: process.stdout)
        var results: [CellResult] = []
        var stop: NotRunReason = .programEnded
        for cell in cells {
            if cell.options.noRun {
                results.append(CellResult(index: cell.index, outcome: .skipped(.noRun)))
                continue
            }
            guard let ran = transcript.cells[cell.index] else {
                results.append(CellResult(index: cell.index, outcome: .notRun(stop)))
                continue
            }
            let (printed, figures, problems) = FigureLifter.lift(ran.printed)
            var actual = printed
            var outcome: CellOutcome?
            switch ran.ending {
            case .finished:
                if cell.options.expectError { outcome = .expectedErrorMissing }
            case .threw:
                actual = printed + (ran.errorText ?? "")
            case .interrupted:
                switch process.termination {
                case .timedOut:
                    stop = .stoppedBy(cell: cell.index, line: cell.line, .timedOut(seconds: run.timeout))
                    outcome = .timedOut(seconds: run.timeout)
                case .exited(0):
                    stop = .stoppedBy(cell: cell.index, line: cell.line, .exited)
                    outcome = .exitedEarly
                case .exited, .signaled:
                    stop = .stoppedBy(cell: cell.index, line: cell.line, .trapped)
                    let trap = trapMessage(process)
                    if cell.options.expectError {
                        actual = printed + (printed.isEmpty || printed.hasSuffix("\n") ? "" : "\n") + trap + "\n"
                    } else {
                        outcome = .trapped(message: trap, line: trapLine(process, lesson: lesson))
                    }
                }
            }
            if outcome == nil {
                if let expected = cell.expected {
                    if !OutputMatcher.matches(expected: expected.text, actual: actual) {
                        outcome = .mismatch(expected: expected.text, actual: actual)
                    }
                } else if !OutputMatcher.matches(expected: "", actual: actual) {
                    outcome = .missingOutputBlock(actual: actual)
                }
            }
            if outcome == nil, !problems.isEmpty { outcome = .unreadableFigures(problems) }
            results.append(CellResult(index: cell.index, outcome: outcome ?? .passed, actual: actual, figures: figures))
        }
        var diagnostics: [Diagnostic] = []
        if !transcript.stray.isEmpty {
            diagnostics.append(Diagnostic(file: lesson.path, line: nil, severity: .warning, message: "the program printed outside any cell: \(transcript.stray.prefix(200))"))
        }
        return (results, diagnostics)
    }

    /// A program that did not compile and no single cell could be cut out of: each cell with
    /// errors fails with them; errors elsewhere (or a log with no readable errors) belong to the
    /// lesson, and the other cells did not run.
    private static func compileFailure(_ run: ProgramRun, cells: [Cell], lesson: Lesson) -> ([CellResult], [Diagnostic]) {
        let errors = run.compile.diagnostics
        var claimed = Set<Int>()
        let results = cells.map { cell -> CellResult in
            let mine = errors.indices.filter { run.plan.cell(containing: errors[$0])?.index == cell.index }
            claimed.formUnion(mine)
            return mine.isEmpty ? CellResult(index: cell.index, outcome: .notRun(.lessonDidNotCompile))
                : CellResult(index: cell.index, outcome: .doesNotCompile(mine.map { errors[$0] }))
        }
        var diagnostics = errors.indices.filter { !claimed.contains($0) }.map { errors[$0] }
        if errors.isEmpty {
            let log = run.compile.log.split(separator: "\n").suffix(20).joined(separator: "\n")
            diagnostics = [Diagnostic(file: lesson.path, line: nil, message: "the lesson program did not compile:\n\(log)")]
        }
        return (results, diagnostics)
    }

    /// The broken cell fails with the compiler's errors; the cells after it did not run.
    private static func verify(_ broken: BrokenCell, in lesson: Lesson) -> [CellResult] {
        let cell = lesson.cells[broken.index]
        let stop = NotRunReason.stoppedBy(cell: cell.index, line: cell.line, .doesNotCompile)
        return [CellResult(index: cell.index, outcome: .doesNotCompile(broken.errors))]
            + broken.laterCellIndices.map { CellResult(index: $0, outcome: .notRun(stop)) }
    }

    /// The lesson line a trap names (`Lesson/01-x.md:13: Fatal error: …`), when it is in the lesson.
    static func trapLine(_ process: ProcessOutcome, lesson: Lesson) -> Int? {
        let name = lesson.path.split(separator: "/").last.map(String.init) ?? lesson.path
        for line in process.stderr.split(separator: "\n") where line.contains("/\(name):") {
            guard let range = line.range(of: "\(name):") else { continue }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        return nil
    }

    /// The runtime's message for a trap (`Fatal error: …`), without its `file:line:` prefix.
    static func trapMessage(_ process: ProcessOutcome) -> String {
        let kinds = ["Fatal error", "Precondition failed", "Assertion failed", "Unexpectedly found nil", "Fatal access conflict"]
        for line in process.stderr.split(separator: "\n") {
            guard let kind = kinds.first(where: { line.contains($0) }), let range = line.range(of: kind) else { continue }
            return String(line[range.lowerBound...]).trimmingTrailingSpaces
        }
        switch process.termination {
        case .signaled(let signal): return "the program crashed (\(signalName(signal)))"
        case .exited(let status): return "the program exited with status \(status)"
        case .timedOut: return "timed out"
        }
    }

    private static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [4: "SIGILL, illegal instruction", 5: "SIGTRAP, trace trap", 6: "SIGABRT, aborted",
                                      7: "SIGBUS, bus error", 8: "SIGFPE, arithmetic error", 9: "SIGKILL, killed",
                                      11: "SIGSEGV, segmentation fault"]
        return names[signal] ?? "signal \(signal)"
    }
}
