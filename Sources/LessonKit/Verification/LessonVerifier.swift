import Figures
/// Turns compiled-and-run programs into a ``LessonResult``: each cell's output against its
/// output block, errors where errors were expected, and what could not run and why.
///
/// Plain values in, plain values out: no compiler, no processes, no clock.
public enum LessonVerifier {
    /// The result of `lesson` given its program runs.
    public static func verify(_ lesson: Lesson, runs: [ProgramRun], pythonRuns: [PythonRun] = []) -> LessonResult {
        var cells: [Int: CellResult] = [:]
        var twins: [Int: TwinResult] = [:]
        var diagnostics: [Diagnostic] = []
        for run in runs {
            var (results, found) = verify(run, in: lesson)
            if let broken = run.brokenCell { results += verify(broken, in: lesson) }
            for result in results { cells[result.index] = result }
            diagnostics += found
        }
        for run in pythonRuns {
            let (results, found) = verify(run, in: lesson)
            for (entry, result) in zip(run.plan.entries, results) {
                if entry.isTwin {
                    twins[entry.cell] = TwinResult(outcome: result.outcome, actual: result.actual, seconds: result.seconds)
                } else {
                    cells[entry.cell] = result
                }
            }
            diagnostics += found
        }
        let ordered = lesson.cells.map { cell in
            var result = cells[cell.index] ?? CellResult(index: cell.index, outcome: .notRun(.programEnded))
            if cell.twin != nil { result.twin = twins[cell.index] ?? TwinResult(outcome: .notRun(.programEnded)) }
            return result
        }
        // Swift and Python programs run at the same time: the lesson took as long as the longer side.
        let swiftDuration = runs.reduce(0) { $0 + $1.compile.duration + ($1.process?.duration ?? 0) + ($1.brokenCell?.duration ?? 0) }
        let duration = max(swiftDuration, pythonRuns.reduce(0) { $0 + ($1.process?.duration ?? 0) })
        return LessonResult(path: lesson.path, cells: ordered, diagnostics: diagnostics, duration: duration)
    }

    private static func verify(_ run: ProgramRun, in lesson: Lesson) -> ([CellResult], [Diagnostic]) {
        let cells = run.plan.cellIndices.map { lesson.cells[$0] }
        guard run.compile.succeeded, let process = run.process else {
            return compileFailure(run, cells: cells, lesson: lesson)
        }
        let transcript = ProgramTranscript(stdout: process.stdout)
        var judge = CellJudge(transcript: transcript, process: process, timeout: run.timeout)
        let results = cells.map { cell in
            judge.judge(cell: cell.index, line: cell.line, mode: cell.options.mode, expected: cell.expected?.text) {
                .trapped(message: trapMessage(process), line: trapLine(process, lesson: lesson, cell: lesson.cells[cell.index]))
            }
        }
        return (results, strayDiagnostics(transcript, lesson: lesson))
    }

    /// The results of a Python program's cells, in its entries' order.
    private static func verify(_ run: PythonRun, in lesson: Lesson) -> ([CellResult], [Diagnostic]) {
        if let skipped = run.skipped { return (run.plan.entries.map { CellResult(index: $0.cell, outcome: .skipped(skipped)) }, []) }
        guard let process = run.process else {
            return (run.plan.entries.map { CellResult(index: $0.cell, outcome: .notRun(run.notRun ?? .programEnded)) }, [])
        }
        let transcript = ProgramTranscript(stdout: process.stdout)
        var judge = CellJudge(transcript: transcript, process: process, timeout: run.timeout)
        let results = run.plan.entries.map { entry in
            let cell = lesson.cells[entry.cell]
            return judge.judge(cell: entry.cell, line: cell.twin?.line ?? cell.line, mode: entry.mode, expected: cell.expected?.text) {
                .raised(exception: pythonException(process), line: pythonLine(process, lesson: lesson))
            }
        }
        return (results, strayDiagnostics(transcript, lesson: lesson))
    }

    /// The last line of a Python traceback (`RuntimeError: …`), or how the program ended.
    static func pythonException(_ process: ProcessOutcome) -> String {
        if let last = process.stderr.split(separator: "\n").last(where: { !$0.allSatisfy(\.isWhitespace) }) {
            return String(last).trimmingTrailingSpaces
        }
        return trapMessage(process)
    }

    /// The lesson line of the innermost traceback frame in the lesson (`File "l.md", line 12`).
    static func pythonLine(_ process: ProcessOutcome, lesson: Lesson) -> Int? {
        let prefix = "File \"\(lesson.path)\", line "
        return process.stderr.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: prefix) else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }.last
    }

    /// Output outside every cell: a warning, since the lesson cannot show it anywhere.
    static func strayDiagnostics(_ transcript: ProgramTranscript, lesson: Lesson) -> [Diagnostic] {
        guard !transcript.stray.isEmpty else { return [] }
        return [Diagnostic(file: lesson.path, line: nil, severity: .warning, message: "the program printed outside any cell: \(transcript.stray.prefix(200))")]
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

    /// The lesson line a trap names, when it is in the lesson: the line of a `fatalError` in a
    /// cell (`lessons/01-x.md:13: Fatal error: …`), else a lesson frame of the runtime's backtrace
    /// (`… in lesson at lessons/01-x.md:13:9`): the innermost one inside `cell` (the line of the
    /// trapped cell that called the engine, or a helper that did), else the innermost one.
    static func trapLine(_ process: ProcessOutcome, lesson: Lesson, cell: Cell) -> Int? {
        let name = lesson.path.split(separator: "/").last.map(String.init) ?? lesson.path
        var lines: [Int] = []
        for text in process.stderr.split(separator: "\n") {
            let range = text.hasPrefix(lesson.path + ":") ? text.range(of: lesson.path + ":")
                : text.range(of: " \(lesson.path):") ?? text.range(of: "/\(name):")
            if let range, let number = Int(text[range.upperBound...].prefix { $0.isNumber }) { lines.append(number) }
        }
        let inCell = cell.codeLine..<(cell.codeLine + cell.code.split(separator: "\n", omittingEmptySubsequences: false).count)
        return lines.first { inCell.contains($0) } ?? lines.first
    }

    /// The message of a trap: the engine's error as it gave it (PyTorch's words, as `str(e)`
    /// would print them), else the runtime's (`Fatal error: …`) without its `file:line:` prefix.
    static func trapMessage(_ process: ProcessOutcome) -> String {
        if let engine = CellWire.failure(in: process.stderr) { return engine }
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
