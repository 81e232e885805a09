/// What compiling and running one program of a lesson produced: the input to verification.
public struct ProgramRun: Equatable, Sendable {
    /// The program that was compiled (and run, when it compiled). When the planned program had
    /// a cell that does not compile, this is the shorter program of the cells before it.
    public var plan: ProgramPlan
    /// Its compilation.
    public var compile: CompileOutcome
    /// Its run, or `nil` when it did not compile.
    public var process: ProcessOutcome?
    /// The time limit it ran under, in seconds.
    public var timeout: Double
    /// The cell that stopped the planned program from compiling, if one could be blamed.
    public var brokenCell: BrokenCell?

    /// Creates a program run.
    public init(plan: ProgramPlan, compile: CompileOutcome, process: ProcessOutcome?, timeout: Double, brokenCell: BrokenCell? = nil) {
        self.plan = plan
        self.compile = compile
        self.process = process
        self.timeout = timeout
        self.brokenCell = brokenCell
    }
}

/// The first cell of a planned program that does not compile. The cells before it were compiled
/// and run without it (``ProgramRun/plan``); the cells after it were left out.
public struct BrokenCell: Equatable, Sendable {
    /// The cell's ``Cell/index``.
    public var index: Int
    /// The compiler's errors in the cell, at lesson lines.
    public var errors: [Diagnostic]
    /// The cells of the planned program after it, which were not run.
    public var laterCellIndices: [Int]
    /// Wall-clock seconds spent on the compiles that failed.
    public var duration: Double

    /// Creates a broken cell.
    public init(index: Int, errors: [Diagnostic], laterCellIndices: [Int], duration: Double = 0) {
        self.index = index
        self.errors = errors
        self.laterCellIndices = laterCellIndices
        self.duration = duration
    }
}

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
            if let broken = run.brokenCell {
                let (more, errors) = verify(broken, in: lesson)
                results += more
                found += errors
            }
            for result in results { cells[result.index] = result }
            diagnostics += found
        }
        let ordered = lesson.cells.map { cells[$0.index] ?? CellResult(index: $0.index, status: .notRun, message: "not run") }
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
        var diagnostics: [Diagnostic] = []
        var stoppedIn: Cell?
        for cell in cells {
            if cell.options.noRun {
                results.append(CellResult(index: cell.index, status: .skipped, message: "no-run: compiled, not run"))
                continue
            }
            guard let ran = transcript.cells[cell.index] else {
                results.append(CellResult(index: cell.index, status: .notRun, message: notRunReason(after: stoppedIn, process: process, timeout: run.timeout)))
                continue
            }
            let (printed, figures, problems) = FigureLifter.lift(ran.printed)
            var result = CellResult(index: cell.index, status: .passed, actual: printed, figures: figures)
            switch ran.ending {
            case .finished:
                if cell.options.expectError {
                    result.status = .failed
                    result.message = "expected an error, but the cell finished without one"
                }
            case .threw:
                result.actual = printed + (ran.errorText ?? "")
            case .interrupted:
                stoppedIn = cell
                switch process.termination {
                case .timedOut:
                    result.status = .failed
                    result.message = "timed out after \(formatSeconds(run.timeout)) (stopped in this cell)"
                    diagnostics.append(Diagnostic(file: lesson.path, line: cell.line, message: "cell \(cell.index + 1) \(result.message!)"))
                case .exited(0):
                    result.status = .failed
                    result.message = "the program exited in this cell, so later cells could not run"
                case .exited, .signaled:
                    let trap = trapMessage(process)
                    if cell.options.expectError {
                        result.actual = printed + (printed.isEmpty || printed.hasSuffix("\n") ? "" : "\n") + trap + "\n"
                    } else {
                        result.status = .failed
                        let line = trapLine(process, lesson: lesson).map { " at line \($0)" } ?? ""
                        result.message = "trapped\(line): \(trap)"
                    }
                }
            }
            if result.status == .passed {
                let expected = cell.expected?.text ?? ""
                if !OutputMatcher.matches(expected: expected, actual: result.actual ?? "") {
                    result.status = .failed
                    result.message = cell.expected == nil ? "printed output, but the cell has no output block"
                        : "output does not match the output block"
                }
            }
            if !problems.isEmpty {
                result.status = .failed
                result.message = ([result.message].compactMap { $0 } + problems).joined(separator: "; ")
            }
            results.append(result)
        }
        if !transcript.stray.isEmpty {
            diagnostics.append(Diagnostic(file: lesson.path, line: nil, severity: .warning, message: "the program printed outside any cell: \(transcript.stray.prefix(200))"))
        }
        return (results, diagnostics)
    }

    private static func compileFailure(_ run: ProgramRun, cells: [Cell], lesson: Lesson) -> ([CellResult], [Diagnostic]) {
        var diagnostics = run.compile.diagnostics
        if diagnostics.isEmpty {
            let log = run.compile.log.split(separator: "\n").suffix(20).joined(separator: "\n")
            diagnostics = [Diagnostic(file: lesson.path, line: nil, message: "the lesson program did not compile:\n\(log)")]
        }
        let results = cells.map { cell -> CellResult in
            let lastLine = cell.endLine
            if let error = diagnostics.first(where: { $0.file == lesson.path && ($0.line ?? 0) >= cell.codeLine && ($0.line ?? 0) <= lastLine }) {
                return CellResult(index: cell.index, status: .failed, message: "does not compile: \(error.message)")
            }
            return CellResult(index: cell.index, status: .notRun, message: "not run: the lesson did not compile")
        }
        return (results, diagnostics)
    }

    /// The broken cell fails with the compiler's errors; the cells after it did not run.
    private static func verify(_ broken: BrokenCell, in lesson: Lesson) -> ([CellResult], [Diagnostic]) {
        let cell = lesson.cells[broken.index]
        let first = broken.errors.first?.message ?? "the compiler gave no message"
        var results = [CellResult(index: cell.index, status: .failed, message: "does not compile: \(first)")]
        for index in broken.laterCellIndices {
            results.append(CellResult(index: index, status: .notRun, message: "not run: cell \(cell.index + 1) (line \(cell.line)) does not compile"))
        }
        return (results, broken.errors)
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

    private static func notRunReason(after stopped: Cell?, process: ProcessOutcome, timeout: Double) -> String {
        guard let stopped else { return "not run: the program ended before this cell" }
        let place = "cell \(stopped.index + 1) (line \(stopped.line))"
        switch process.termination {
        case .timedOut: return "not run: the program was stopped in \(place) after \(formatSeconds(timeout))"
        case .exited(0): return "not run: the program exited in \(place)"
        default: return "not run: \(place) trapped and ended the program"
        }
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

/// `60 s`, `0.5 s`.
func formatSeconds(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
}
