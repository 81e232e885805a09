import Foundation

/// What a check will do, decided before anything runs (the plan stage): which lessons run, which
/// of their programs are verified from their last clean run instead of running again, and how the
/// programs left to compile are shared out in batches. Plain values, indexed like the lessons.
struct CheckWork: Sendable {
    /// Each lesson's plan, `nil` for a lesson that does not run (reused whole, or cannot run).
    var plans: [LessonPlan?]
    /// Per lesson, its Swift programs that do not run again, by name, as runs.
    var reused: [[String: ProgramRun]]
    /// Per lesson, its PyTorch programs that do not run again, by name, as runs.
    var reusedPython: [[String: PythonRun]]
    /// The programs to compile together, one batch per job.
    var batches: [ProgramBatch] = []

    /// Nothing to do for `count` lessons.
    init(count: Int) {
        plans = Array(repeating: nil, count: count)
        reused = Array(repeating: [:], count: count)
        reusedPython = Array(repeating: [:], count: count)
    }

    /// Whether some lesson will run a PyTorch program.
    var runsPython: Bool {
        zip(plans, reusedPython).contains { plan, reused in plan?.pythonPrograms.contains { reused[$0.name] == nil } ?? false }
    }

    /// The Swift programs that will be compiled, in lesson order.
    var toCompile: [ProgramPlan] {
        zip(plans, reused).flatMap { plan, reused in (plan?.programs ?? []).filter { reused[$0.name] == nil } }
    }
}

extension LessonChecker {
    /// The work for `parsed` lessons whose stored results are `stored`.
    func work(for parsed: [ParsedLesson], stored: [ResultCache.Entry?], context: RunContext) -> CheckWork {
        var work = CheckWork(count: parsed.count)
        for index in parsed.indices where willRun(parsed[index], stored: stored[index], context: context) {
            work.plans[index] = LessonPlan(lesson: parsed[index].lesson, engineModule: context.runner.engine.module)
        }
        // A program unchanged since its last clean run (only the lesson's prose or output blocks
        // changed) is not compiled or run again: its stored run is verified against the lesson.
        if options.useCache {
            for (index, plan) in work.plans.enumerated() {
                for program in plan?.programs ?? [] {
                    guard let key = runKey(program, context: context), var process = cache.storedRun(of: program, key: key) else { continue }
                    // Nothing ran now: the lesson's time counts none of it.
                    process.duration = 0
                    var run = ProgramRun(plan: program, compile: CompileOutcome(succeeded: true, diagnostics: []), process: process,
                                         timeout: program.timeout ?? options.timeout)
                    run.reused = true
                    work.reused[index][program.name] = run
                }
                for program in plan?.pythonPrograms ?? [] {
                    guard let key = runKey(program, context: context), var process = cache.storedRun(of: program, key: key) else { continue }
                    process.duration = 0
                    work.reusedPython[index][program.name] = PythonRun(plan: program, process: process, timeout: program.timeout ?? options.timeout)
                }
            }
        }
        guard options.batch else { return work }
        // What each program's cells took to run last time, to share the batches out by.
        var ran: [String: Double] = [:]
        for (plan, entry) in zip(work.plans, stored) {
            for program in plan?.programs ?? [] {
                ran[program.path + "\n" + program.name] = entry?.result.cells
                    .filter { program.cellIndices.contains($0.index) }.reduce(0) { $0 + ($1.seconds ?? 0) }
            }
        }
        work.batches = ProgramBatch.plan(work.toCompile, count: options.jobs) { ran[$0.path + "\n" + $0.name] ?? 0 }
        return work
    }

    /// Whether checking `parsed` will run it: it can run, has cells, and no stored result.
    func willRun(_ parsed: ParsedLesson, stored: ResultCache.Entry?, context: RunContext) -> Bool {
        guard parsed.isRunnable, !parsed.lesson.cells.isEmpty else { return false }
        guard options.useCache else { return true }
        return ResultCache.lookup(stored, key: cacheKey(parsed.lesson, context: context)).0 == nil
    }

    /// What a run of `program` must have been made under to be reused (``ResultCache/runKey(for:timeout:context:)``).
    func runKey(_ program: ProgramPlan, context: RunContext) -> CacheKey? {
        ResultCache.runKey(for: program, timeout: program.timeout ?? options.timeout,
                           context: CacheKey(lessonText: "", engineFingerprint: context.engineFingerprint,
                                             compilerVersion: context.compilerVersion, data: context.dataStamp))
    }

    /// What a run of the PyTorch program `program` must have been made under to be reused.
    func runKey(_ program: PythonProgramPlan, context: RunContext) -> CacheKey? {
        ResultCache.runKey(for: program, timeout: program.timeout ?? options.timeout,
                           context: CacheKey(lessonText: "", engineFingerprint: "", compilerVersion: "", python: context.pythonKey,
                                             data: context.dataStamp))
    }
}
