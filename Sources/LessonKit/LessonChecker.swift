import Foundation

/// Where lesson programs get their engine from.
public enum EngineSource: Sendable {
    /// Build the package's `Autograd` product with SwiftPM (`configuration`: `debug` or
    /// `release`; `scratchPath`: SwiftPM's build folder, `nil` for `.build`).
    case package(configuration: String, scratchPath: String?)
    /// Use an engine that is already built.
    case prebuilt(Engine)
}

/// How ``LessonChecker`` works.
public struct CheckOptions: Sendable {
    /// The package root; lesson paths are read relative to it, and reported as given.
    public var packageRoot: String
    /// How many lessons to compile and run at once.
    public var jobs: Int
    /// Seconds a lesson program may run.
    public var timeout: Double
    /// Reuse stored results when lesson, engine and compiler are unchanged.
    public var useCache: Bool
    /// The cache folder; `nil` for `<packageRoot>/.freezelab-cache`.
    public var cacheDirectory: String?

    /// ``cacheDirectory``, else the package's `.freezelab-cache`.
    public var cacheFolder: String {
        cacheDirectory ?? (packageRoot == "." ? ".freezelab-cache" : "\(packageRoot)/.freezelab-cache")
    }
    /// Where the engine comes from.
    public var engine: EngineSource
    /// The compiler.
    public var compiler: SwiftCompiler
    /// Called as each lesson finishes (from any thread).
    public var progress: (@Sendable (_ finished: Int, _ total: Int, _ path: String) -> Void)?
    /// Called with a line about slow work before the lessons run (building the engine).
    public var status: (@Sendable (String) -> Void)?
    /// Whether PyTorch cells run (`--pytorch`).
    public var pytorch: PyTorchMode
    /// The Python to run them with; `nil` to look one up (``PythonEnvironment/interpreter(packageRoot:environment:)``).
    public var python: String?
    /// Whether programs may be compiled in batches, one per job, when there are more of them
    /// than jobs (``ProgramBatch``); off, every program is compiled alone.
    public var batch = true

    /// Creates options; by default a release engine built in `.build`, one job per core,
    /// 60 seconds per lesson, cache on.
    public init(packageRoot: String = ".", jobs: Int = ProcessInfo.processInfo.activeProcessorCount, timeout: Double = 60,
                useCache: Bool = true, cacheDirectory: String? = nil,
                engine: EngineSource = .package(configuration: "release", scratchPath: nil),
                compiler: SwiftCompiler = SwiftCompiler(), pytorch: PyTorchMode = .auto, python: String? = nil,
                progress: (@Sendable (_ finished: Int, _ total: Int, _ path: String) -> Void)? = nil) {
        self.packageRoot = packageRoot
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.useCache = useCache
        self.cacheDirectory = cacheDirectory
        self.engine = engine
        self.compiler = compiler
        self.pytorch = pytorch
        self.python = python
        self.progress = progress
    }
}

/// One lesson after checking: the parsed lesson (for rendering) and its verified result.
public struct CheckedLesson: Sendable {
    /// The path, as given.
    public var path: String
    /// The parsed lesson, or `nil` when the file could not be read.
    public var lesson: Lesson?
    /// The verified result; parse errors are among its diagnostics.
    public var result: LessonResult
    /// Why it ran or was reused.
    public var decision: CacheDecision
    /// Whether a program of it ran from a ``ProgramBatch`` this time.
    public var batched = false
    /// How many of its programs were not run again: unchanged since their last clean run
    /// (``ResultCache/storedRun(of:key:)``), only the lesson's prose or output blocks changed.
    public var reusedPrograms = 0

    /// How many of its PyTorch cells were skipped because PyTorch did not run.
    public var skippedPyTorchCells: Int {
        result.cells.reduce(0) { count, cell in
            var skipped = 0
            if case .skipped(let reason) = cell.outcome, reason.isPyTorch { skipped += 1 }
            if case .skipped(let reason)? = cell.twin?.outcome, reason.isPyTorch { skipped += 1 }
            return count + skipped
        }
    }
}

/// The one entry point from lesson files to verified results: parse → plan → compile and run →
/// verify, lessons in parallel, results cached. `freezelab check`, `run`, `bless` and `build`
/// all go through it, so nothing is run twice.
public struct LessonChecker: Sendable {
    /// The options.
    public var options: CheckOptions

    /// Creates a checker.
    public init(options: CheckOptions) {
        self.options = options
    }

    /// No lessons folder where one was expected.
    public struct MissingLessonsFolder: Error, CustomStringConvertible {
        /// The folder.
        public var path: String
        /// The message the CLI prints, with a hint on where to run from.
        public var description: String { "error: no lessons folder at `\(path)` (run from the package root, or name lesson files)" }
    }

    /// The engine lessons compile against, found (or built) as a check finds it; stamped, so
    /// after a check it costs no SwiftPM run.
    public func engine() async throws -> Engine {
        switch options.engine {
        case .prebuilt(let prebuilt): return prebuilt
        case .package(let configuration, let scratchPath):
            let name = SHA256.hex("\(configuration)\n\(scratchPath ?? "")").prefix(12)
            var locator = EngineLocator(packageRoot: options.packageRoot, configuration: configuration, scratchPath: scratchPath)
            locator.status = options.status
            return try await locator.locate(stampFile: "\(options.cacheFolder)/stamps/engine-\(name).json")
        }
    }

    /// The lessons of `folder` (relative to the package root): its `NN-slug.md` files, sorted by
    /// name, as paths `folder/NN-slug.md`. Other Markdown files (such as `index.md`) are not
    /// lessons.
    public func lessonPaths(in folder: String = "lessons") throws -> [String] {
        var isDirectory: ObjCBool = false
        let full = resolve(folder)
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MissingLessonsFolder(path: folder)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: full)
        return names.filter { Self.isLessonFileName($0) }.sorted().map { folder == "." ? $0 : "\(folder)/\($0)" }
    }

    /// Whether `name` is a lesson's file name: digits, a hyphen, a slug, `.md`.
    public static func isLessonFileName(_ name: String) -> Bool {
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        return !digits.isEmpty && name.dropFirst(digits.count).hasPrefix("-") && name.hasSuffix(".md")
    }

    /// Reads and parses the lesson at `path`.
    public func parse(_ path: String) -> ParsedLesson {
        guard let data = FileManager.default.contents(atPath: resolve(path)) else {
            return ParsedLesson(lesson: Lesson(path: path, source: "", title: "", cells: []),
                                diagnostics: [Diagnostic(file: path, line: nil, message: "cannot read the file")])
        }
        return LessonParser().parse(data: data, path: path)
    }

    /// The cache in use.
    public var cache: ResultCache {
        ResultCache(directory: options.cacheFolder, root: options.packageRoot)
    }

    /// Checks the lessons at `paths`, in that order.
    ///
    /// - Throws: only when the engine cannot be built; a bad lesson is reported in its result.
    public func check(paths: [String]) async throws -> [CheckedLesson] {
        // One file named twice (`lessons/01-x.md`, `./lessons/01-x.md`, its absolute path) is
        // checked once; each spelling gets that result under its own name.
        var first: [String: Int] = [:], unique: [String] = []
        let slot = paths.map { path -> Int in
            let file = ResultCache.canonical(path, root: options.packageRoot)
            if let known = first[file] { return known }
            first[file] = unique.count
            unique.append(path)
            return unique.count - 1
        }
        let checked = try await check(uniquePaths: unique)
        return zip(paths, slot).map { path, index in
            var named = checked[index]
            named.path = path
            named.result.path = path
            return named
        }
    }

    private func check(uniquePaths paths: [String]) async throws -> [CheckedLesson] {
        let parsed = paths.map { parse($0) }
        // Each lesson's stored result, read once: whether it can be reused, and how long its last
        // run took.
        let stored = parsed.map { cache.entry(for: $0.lesson.path) }
        let runnable = parsed.contains { $0.isRunnable && !$0.lesson.cells.isEmpty }
        let needsPython = parsed.contains { $0.isRunnable && $0.lesson.cells.contains(where: \.runsPython) }
        let context = runnable ? try await RunContext(options: options, needsPython: needsPython) : nil
        let total = paths.count
        let counter = Counter()

        let work = context.map { self.work(for: parsed, stored: stored, context: $0) } ?? CheckWork(count: total)
        // Importing torch takes seconds: when some lesson will run PyTorch cells, the server
        // starts now, before any compiler does, not when that lesson's turn comes.
        if let context, work.runsPython { context.pythonRunner.warmUp() }
        // More programs to compile than cores: one batch per core (``ProgramBatch``), compiled
        // before any lesson runs (first in the slots); each lesson waits for its batches holding
        // no slot, then runs its programs from them.
        let batches = work.batches
        if !batches.isEmpty { cache.removeAbandonedBatchDirectories() }
        let folders = batches.map { _ in cache.newBatchDirectory() }
        let compiling: [(batch: ProgramBatch, task: Task<CompiledBatch?, Never>)] = zip(batches, folders).map { batch, folder in
            (batch, Task { [context] in
                guard let context else { return nil }
                return try? await context.slots.run(priority: .infinity) { try await context.runner.compile(batch, in: folder) }
            })
        }

        // Every lesson starts at once; the local work inside each waits for one of `--jobs`
        // slots (``JobSlots``), so a lesson waiting for PyTorch holds no core. The longest first,
        // by what its last run took (a lesson never run counts as short): a long lesson left
        // for last would end the check running alone on one core.
        let expected = stored.map { $0?.result.duration ?? 0 }
        let order = parsed.indices.sorted { (expected[$0], -$0) > (expected[$1], -$1) }
        let checked = try await withThrowingTaskGroup(of: (Int, CheckedLesson).self) { group in
            for index in order {
                let (lesson, entry, priority, plan) = (parsed[index], stored[index], expected[index], work.plans[index])
                let (reused, reusedPython) = (work.reused[index], work.reusedPython[index])
                let mine = compiling.filter { batch in plan?.programs.contains { batch.batch.entry(for: $0) != nil } ?? false }.map(\.task)
                group.addTask {
                    let checked = try await self.check(lesson, stored: entry, context: context, priority: priority, plan: plan,
                                                       reused: reused, reusedPython: reusedPython, batches: mine)
                    self.options.progress?(counter.increment(), total, lesson.lesson.path)
                    return (index, checked)
                }
            }
            var results = [CheckedLesson?](repeating: nil, count: total)
            while let (index, checked) = try await group.next() { results[index] = checked }
            return results.compactMap { $0 }
        }
        if !compiling.isEmpty {
            for (_, task) in compiling { _ = await task.value }
            for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
        }
        return checked
    }

    /// A time-out, or a signal sent from outside (kill, Ctrl-C, hang-up, the server going away),
    /// as opposed to a program's own trap, abort or crash.
    static func stoppedFromOutside(_ termination: Termination?) -> Bool {
        switch termination {
        case .timedOut: true
        case .signaled(let signal): [SIGKILL, SIGTERM, SIGINT, SIGHUP, SIGQUIT].contains(signal)
        default: false
        }
    }

    /// What `lesson`'s stored result must have been made under to be reused.
    func cacheKey(_ lesson: Lesson, context: RunContext) -> CacheKey {
        CacheKey(lessonText: lesson.source, engineFingerprint: context.engineFingerprint, compilerVersion: context.compilerVersion,
                 python: lesson.cells.contains(where: \.runsPython) ? context.pythonKey : "", data: context.dataStamp)
    }

    private func check(_ parsed: ParsedLesson, stored entry: ResultCache.Entry?, context: RunContext?, priority: Double,
                       plan planned: LessonPlan?, reused: [String: ProgramRun] = [:], reusedPython: [String: PythonRun] = [:],
                       batches: [Task<CompiledBatch?, Never>]) async throws -> CheckedLesson {
        let lesson = parsed.lesson
        guard parsed.isRunnable, let context, !lesson.cells.isEmpty else {
            let cells = lesson.cells.map {
                CellResult(index: $0.index, outcome: .notRun(.lessonHasErrors),
                           twin: $0.twin == nil ? nil : TwinResult(outcome: .notRun(.lessonHasErrors)))
            }
            let result = LessonResult(path: lesson.path, cells: cells, diagnostics: parsed.diagnostics)
            return CheckedLesson(path: lesson.path, lesson: lesson.source.isEmpty && lesson.cells.isEmpty ? nil : lesson,
                                 result: result, decision: parsed.isRunnable ? .nothingToRun : .notRunnable)
        }
        let key = cacheKey(lesson, context: context)
        var decision = CacheDecision.disabled
        if options.useCache {
            let (stored, why) = ResultCache.lookup(entry, key: key)
            decision = why
            if let stored { return CheckedLesson(path: lesson.path, lesson: lesson, result: stored, decision: .reused) }
        }
        let plan = planned ?? LessonPlan(lesson: lesson, engineModule: context.runner.engine.module)
        let directory = cache.buildDirectory(for: lesson.path)
        // Another freezelab on this tree (a second check, a bless) may be building the same
        // lesson: one at a time per build folder.
        let lock = try await FileLock.acquire("\(directory).lock")
        defer { lock.release() }
        // Swift and PyTorch work at once: the compiler and the Python interpreter overlap.
        let (runner, pythonRunner, slots) = (context.runner, context.pythonRunner, context.slots)
        var toRun = plan
        toRun.programs.removeAll { reused[$0.name] != nil }
        let fresh = toRun
        async let swiftRuns: [ProgramRun] = {
            guard !fresh.programs.isEmpty else { return [] }
            // The batches that hold its programs are waited for without a slot (they take slots
            // of their own to compile), and while its PyTorch programs already run.
            var compiled: [CompiledBatch] = []
            for batch in batches { if let done = await batch.value { compiled.append(done) } }
            let batched = compiled
            return try await slots.run(priority: priority) { try await runner.run(fresh, in: directory, batches: batched) }
        }()
        // On the server a program is a forked child of a process that has torch loaded; without
        // one it is a whole interpreter importing torch, local work like a compiler.
        let pythonPrograms = plan.pythonPrograms.filter { reusedPython[$0.name] == nil }
        async let pythonRuns = pythonPrograms.isEmpty ? [] : pythonRunner.hasServer ? try await pythonRunner.run(pythonPrograms, in: directory)
            : try await slots.run(priority: priority) { try await pythonRunner.run(pythonPrograms, in: directory) }
        let (freshRuns, freshPython) = try await (swiftRuns, pythonRuns)
        let pythonNow = Dictionary(uniqueKeysWithValues: zip(pythonPrograms.map(\.name), freshPython))
        let pythonResults = plan.pythonPrograms.compactMap { reusedPython[$0.name] ?? pythonNow[$0.name] }
        for run in freshPython {
            if let key = runKey(run.plan, context: context) { cache.storeRun(run, key: key) }
        }
        // One run per planned program, in the plan's order: the reused ones and the fresh ones.
        let ranNow = Dictionary(uniqueKeysWithValues: zip(fresh.programs.map(\.name), freshRuns))
        let runs = plan.programs.compactMap { reused[$0.name] ?? ranNow[$0.name] }
        for (program, run) in zip(fresh.programs, freshRuns) {
            if let key = runKey(program, context: context) { cache.storeRun(run, of: program, key: key) }
        }
        var result = LessonVerifier.verify(lesson, runs: runs, pythonRuns: pythonResults)
        result.diagnostics = parsed.diagnostics + result.diagnostics
        if pythonResults.contains(where: { $0.process != nil }) { result.pytorchVersion = context.pythonRunner.environment.torchVersion }
        // Only a verdict is cached: not a time-out, not a compiler or program stopped from
        // outside (a signal that is no trap), whose failure says nothing about the lesson.
        let stopped = runs.contains { $0.compile.interrupted || Self.stoppedFromOutside($0.process?.termination) }
            || pythonResults.contains { Self.stoppedFromOutside($0.process?.termination) }
        if !stopped { try? cache.store(result, key: key) }
        var checked = CheckedLesson(path: lesson.path, lesson: lesson, result: result, decision: decision)
        checked.batched = runs.contains(where: \.batched)
        checked.reusedPrograms = runs.filter(\.reused).count + reusedPython.count
        return checked
    }

    /// Where the file of the lesson at `path` (as given, relative to the package root) is.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") || options.packageRoot == "." ? path : "\(options.packageRoot)/\(path)"
    }
}
