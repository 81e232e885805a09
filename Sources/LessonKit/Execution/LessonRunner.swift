import Foundation

/// Compiles and runs the programs of one lesson. An edge of the pipeline: it writes the
/// generated sources, runs `swiftc` and runs the programs.
public struct LessonRunner: Sendable {
    /// The engine lessons import.
    public var engine: Engine
    /// The compiler.
    public var compiler: SwiftCompiler
    /// Seconds a program may run before its process group is killed, unless one of its cells
    /// sets its own limit (``ProgramPlan/timeout``).
    public var timeout: Double
    /// The package's `data` folder, linked into every program's folder.
    public var data: DataFolder?
    /// Where the compiler's jobs come from, to run them directly (``CompileJobs``); `nil` to run
    /// the driver.
    public var jobs: CompileJobsSource?

    /// Creates a runner.
    public init(engine: Engine, compiler: SwiftCompiler = SwiftCompiler(), timeout: Double = 60, data: DataFolder? = nil) {
        self.engine = engine
        self.compiler = compiler
        self.timeout = timeout
        self.data = data
    }

    /// Compiles and runs each program of `plan`, building in `directory`.
    ///
    /// When a program does not compile and its errors all lie in cells, the cells before the
    /// first broken cell are compiled and run on their own, so they are still verified; the
    /// run's ``ProgramRun/brokenCell`` says which cell stopped the rest. This costs a second
    /// compile only when the first one failed.
    ///
    /// A program found in one of `batches` runs from that batch's executable; when that run is
    /// no verdict (``ProgramBatch/isVerdict(_:)``), or the batch did not compile with it, the
    /// program is compiled and run alone.
    public func run(_ plan: LessonPlan, in directory: String, batches: [CompiledBatch] = []) async throws -> [ProgramRun] {
        var runs: [ProgramRun] = []
        for planned in plan.programs {
            if let batched = try await runBatched(planned, in: directory, batches: batches) {
                runs.append(batched)
                continue
            }
            var program = planned
            var compile = try await self.compile(program, in: directory)
            var broken: BrokenCell?
            // Swift checks the whole file, so one cell's errors stop every cell. A loop, not one
            // retry: some errors (such as a constant used before it is set) are reported only
            // once the rest of the file type-checks, so the shorter program may reveal an earlier
            // broken cell.
            while !compile.succeeded, let cell = program.firstBrokenCell(in: compile.diagnostics) {
                let errors = compile.diagnostics.filter { program.cell(containing: $0)?.index == cell.index }
                let later = planned.cellIndices.filter { $0 > cell.index }
                broken = BrokenCell(index: cell.index, errors: errors, laterCellIndices: later,
                                    duration: (broken?.duration ?? 0) + compile.duration)
                // Cut from the planned program, so the build folder names only the last cut.
                program = planned.prefix(before: cell)
                // With no cells before the broken one there is nothing to compile.
                compile = program.cells.isEmpty ? CompileOutcome(succeeded: true, diagnostics: []) : try await self.compile(program, in: directory)
            }
            var process: ProcessOutcome?
            let limit = planned.timeout ?? timeout
            if compile.succeeded {
                if program.runningCellIndices.isEmpty {
                    process = ProcessOutcome(stdout: "", stderr: "", termination: .exited(0), duration: 0)
                } else {
                    // In its own folder, as the Python cells are: a cell that writes a relative
                    // path must not write into the author's tree.
                    process = try await ProcessRunner.run([executable(of: program, in: directory)],
                                                          environment: Self.programEnvironment(),
                                                          directory: "\(directory)/\(program.name)", timeout: limit)
                }
            }
            runs.append(ProgramRun(plan: program, compile: compile, process: process, timeout: limit, brokenCell: broken))
        }
        return runs
    }

    /// Runs `program` from the batch that holds it, when one does and the run is its verdict.
    private func runBatched(_ program: ProgramPlan, in directory: String, batches: [CompiledBatch]) async throws -> ProgramRun? {
        guard let (batch, executable, entry) = batches.lazy.compactMap({ batch in
            batch.executable.flatMap { executable in batch.batch.entry(for: program).map { (batch, executable, $0) } }
        }).first else { return nil }
        let limit = program.timeout ?? timeout
        let process: ProcessOutcome
        if program.runningCellIndices.isEmpty {
            process = ProcessOutcome(stdout: "", stderr: "", termination: .exited(0), duration: 0)
        } else {
            let folder = "\(directory)/\(program.name)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            data?.link(into: folder)
            process = try await ProcessRunner.run([executable, entry], environment: Self.programEnvironment(), directory: folder, timeout: limit)
        }
        guard ProgramBatch.isVerdict(process.termination) else { return nil }
        var run = ProgramRun(plan: program, compile: CompileOutcome(succeeded: true, diagnostics: [], duration: batch.share(of: program)),
                             process: process, timeout: limit)
        run.batched = true
        return run
    }

    /// Compiles `batch` in `folder` (emptied first). When it does not compile and the errors lie
    /// in some of its programs, those are left out and the rest compiled again (twice at most):
    /// the programs left out are compiled alone when their lessons run.
    public func compile(_ batch: ProgramBatch, in folder: String) async throws -> CompiledBatch {
        var batch = batch, spent = 0.0
        for _ in 0..<3 where !batch.programs.isEmpty {
            try? FileManager.default.removeItem(atPath: folder)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var files: [String] = []
            for (name, text) in batch.sources() {
                try text.write(toFile: "\(folder)/\(name)", atomically: true, encoding: .utf8)
                files.append("\(folder)/\(name)")
            }
            let executable = URL(fileURLWithPath: "\(folder)/programs").standardizedFileURL.path
            let outcome = try await compiler.compile(sources: files, output: executable, engine: engine, timeout: max(timeout, 300),
                                                     jobs: await jobs?.jobs(batch: true))
            spent += outcome.duration
            if outcome.succeeded { return CompiledBatch(batch: batch, executable: executable, duration: spent) }
            let blamed = batch.programs.filter { program in outcome.diagnostics.contains { program.cell(containing: $0) != nil } }
            if outcome.interrupted || blamed.isEmpty || blamed.count == batch.programs.count { break }
            batch.programs.removeAll { program in blamed.contains { $0.path == program.path && $0.name == program.name } }
        }
        return CompiledBatch(batch: batch, executable: nil, duration: spent)
    }

    /// What every lesson program runs with: the backtracer (below), and one OpenBLAS thread
    /// unless the environment asks for more. The engine's matrices are small, and OpenBLAS
    /// otherwise starts a worker per extra core in every program, which spins beside it and
    /// competes with the compilers of the other lessons for the same cores.
    /// `inherited` is the environment the program would otherwise get (freezelab's own).
    static func programEnvironment(inherited: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var variables = ["SWIFT_BACKTRACE": backtrace]
        if inherited["OPENBLAS_NUM_THREADS"] == nil { variables["OPENBLAS_NUM_THREADS"] = "1" }
        return variables
    }

    /// The runtime's backtracer, set for a trap's place, not for a reader: the crashed thread only,
    /// without registers or images, on standard error (standard output is the cells'). With the
    /// line tables lessons are compiled with (``SwiftCompiler``), its innermost frame in the lesson
    /// is the cell line that trapped, or that called the engine when the engine stopped it; it
    /// takes about 0.1 s, and only when a program traps.
    static let backtrace = "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,"
        + "sanitize=no,limit=64,top=16,output-to=stderr"

    /// Writes `program`'s `main.swift` into its own folder under `directory` and compiles it.
    private func compile(_ program: ProgramPlan, in directory: String) async throws -> CompileOutcome {
        let folder = "\(directory)/\(program.name)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        data?.link(into: folder)
        let source = "\(folder)/main.swift", executable = executable(of: program, in: directory)
        try program.source.write(toFile: source, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: executable)
        return try await compiler.compile(source: source, output: executable, engine: engine, timeout: max(timeout, 300),
                                          jobs: await jobs?.jobs(batch: false))
    }

    /// The program's absolute path: it starts in its own folder, where a relative path would
    /// no longer find it.
    private func executable(of program: ProgramPlan, in directory: String) -> String {
        URL(fileURLWithPath: "\(directory)/\(program.name)/lesson").standardizedFileURL.path
    }
}

/// A ``ProgramBatch`` after compiling: the programs that made it into the executable, and the
/// executable (`nil` when none compiled).
public struct CompiledBatch: Sendable {
    /// The programs compiled in (a program whose cells broke the batch's compile is left out).
    public var batch: ProgramBatch
    /// The executable; its first argument names the program to run.
    public var executable: String?
    /// Wall-clock seconds spent compiling, failed attempts included.
    public var duration: Double

    /// Creates a compiled batch.
    public init(batch: ProgramBatch, executable: String?, duration: Double) {
        self.batch = batch
        self.executable = executable
        self.duration = duration
    }

    /// `program`'s part of the compiling time, by the size of its code: what its lesson's time
    /// (and so the order of the next check) counts for compiling it.
    public func share(of program: ProgramPlan) -> Double {
        let total = batch.programs.reduce(0) { $0 + $1.source.utf8.count }
        return total == 0 ? 0 : duration * Double(program.source.utf8.count) / Double(total)
    }
}
