import Foundation

/// The last clean run of each lesson program, reused when the program has not changed although
/// its lesson has: an edit to the prose or to an output block leaves every program as it was, so
/// the lesson is verified again (its new output blocks against the stored output) without
/// compiling or running anything.
///
/// A program is "unchanged" when its source is, except for the lesson line numbers its
/// `#sourceLocation` lines carry (prose added above a cell moves them), and the engine, the
/// compiler, the data folder and its time limit are too: the same inputs as a lesson's result
/// (``CacheKey``), with the program's source in place of the lesson's text. Only runs whose output
/// cannot depend on those line numbers are stored: the program compiled and exited normally (so
/// no trap or exception names a line: verification reads standard error only for those), printed
/// no lesson file name on standard output, and its code uses none of Swift's source location
/// literals (`#line`, `#file`, …) nor Python's ways to its own frame.
extension ResultCache {
    /// The source location literals a cell could print its own line or file with.
    static let locationLiterals = ["#line", "#column", "#file", "#fileID", "#filePath", "#function", "#sourceLocation"]

    /// What `program`'s run depends on, or `nil` when its code could print its own lines.
    /// `context` is a lesson's key whose engine, compiler and data parts apply.
    public static func runKey(for program: ProgramPlan, timeout: Double, context: CacheKey) -> CacheKey? {
        guard !program.cells.contains(where: { cell in locationLiterals.contains { cell.code.contains($0) } }) else { return nil }
        var key = context
        key.lesson = SHA256.hex("program \(program.name)\ntimeout \(timeout)\n" + lineFree(program.source))
        return key
    }

    /// `source` without the lesson line numbers ``ProgramBuilder`` writes (in `#sourceLocation`
    /// lines and in each cell's comment).
    static func lineFree(_ source: String) -> String {
        source.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            if line.hasPrefix("#sourceLocation(file: "), let comma = line.range(of: ", line: ", options: .backwards) {
                return line[..<comma.lowerBound]
            }
            if line.hasPrefix("// cell "), let comma = line.range(of: ", line ") {
                return line[..<comma.lowerBound]
            }
            return line
        }.joined(separator: "\n")
    }

    /// What the PyTorch program `plan`'s run depends on, or `nil` when its code could print its
    /// own lines (`inspect`, `__line__`-style lookups of the running frame). `context` is a key
    /// whose PyTorch and data parts apply.
    public static func runKey(for plan: PythonProgramPlan, timeout: Double, context: CacheKey) -> CacheKey? {
        let printsPlaces = ["inspect", "currentframe", "_getframe", "traceback", "__file__", "f_lineno", "co_firstlineno"]
        guard !plan.entries.contains(where: { entry in printsPlaces.contains { entry.code.contains($0) } }) else { return nil }
        var key = context
        let cells = plan.entries.map { "cell \($0.cell) twin \($0.isTwin) mode \($0.mode)\n\($0.code)" }
        key.lesson = SHA256.hex("python \(plan.name)\ntimeout \(timeout)\n\(PythonProgramPlan.prelude)\n\(PythonProgramPlan.runtime)\n"
                                + cells.joined(separator: "\n"))
        return key
    }

    /// The stored run of `program` made under `key`, if any.
    public func storedRun(of program: ProgramPlan, key: CacheKey) -> ProcessOutcome? {
        storedRun(path: program.path, name: program.name, key: key)
    }

    /// The stored run of the PyTorch program `plan` made under `key`, if any.
    public func storedRun(of plan: PythonProgramPlan, key: CacheKey) -> ProcessOutcome? {
        storedRun(path: plan.path, name: plan.name, key: key)
    }

    /// Stores `run` of `program` under `key` when it is a clean run whose output names no lesson
    /// line.
    public func storeRun(_ run: ProgramRun, of program: ProgramPlan, key: CacheKey) {
        guard run.compile.succeeded, run.brokenCell == nil, run.plan == program, let process = run.process else { return }
        storeRun(process, path: program.path, name: program.name, key: key)
    }

    /// Stores `run` of a PyTorch program under `key` when it is a clean run whose output names no
    /// lesson line.
    public func storeRun(_ run: PythonRun, key: CacheKey) {
        guard let process = run.process else { return }
        storeRun(process, path: run.plan.path, name: run.plan.name, key: key)
    }

    private func storedRun(path: String, name: String, key: CacheKey) -> ProcessOutcome? {
        guard let data = FileManager.default.contents(atPath: runFile(path: path, name: name)),
              let entry = try? JSONDecoder().decode(StoredRun.self, from: data), entry.key == key else { return nil }
        return entry.process
    }

    private func storeRun(_ process: ProcessOutcome, path: String, name: String, key: CacheKey) {
        guard process.termination == .exited(0) else { return }
        // Standard error of a program that exited normally is not read by verification (it
        // names lines only for a trap or an exception), so a warning there that names a lesson
        // line (PyTorch's, say) does not stop the run from being kept; standard output does.
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard !process.stdout.contains(file) else { return }
        let url = URL(fileURLWithPath: runFile(path: path, name: name))
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try? encoder.encode(StoredRun(key: key, process: process)).write(to: url, options: .atomic)
    }

    /// One file per program of each lesson, so the store holds only the last run of each.
    private func runFile(path: String, name: String) -> String {
        "\(directory)/runs/\(safeName(path))-\(name).json"
    }

    private struct StoredRun: Codable {
        var key: CacheKey
        var process: ProcessOutcome
    }
}
