import Foundation

/// Compiles and runs the programs of one lesson. An edge of the pipeline: it writes the
/// generated sources, runs `swiftc` and runs the programs.
public struct LessonRunner: Sendable {
    /// The engine lessons import.
    public var engine: Engine
    /// The compiler.
    public var compiler: SwiftCompiler
    /// Seconds a program may run before its process group is killed.
    public var timeout: Double

    /// Creates a runner.
    public init(engine: Engine, compiler: SwiftCompiler = SwiftCompiler(), timeout: Double = 60) {
        self.engine = engine
        self.compiler = compiler
        self.timeout = timeout
    }

    /// Compiles and runs each program of `plan`, building in `directory`.
    public func run(_ plan: LessonPlan, in directory: String) async throws -> [ProgramRun] {
        var runs: [ProgramRun] = []
        for program in plan.programs {
            let folder = "\(directory)/\(program.name)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let source = "\(folder)/main.swift", executable = "\(folder)/lesson"
            try program.source.write(toFile: source, atomically: true, encoding: .utf8)
            try? FileManager.default.removeItem(atPath: executable)
            let compile = try await compiler.compile(source: source, output: executable, engine: engine, timeout: max(timeout, 300))
            var process: ProcessOutcome?
            if compile.succeeded {
                if program.runningCellIndices.isEmpty {
                    process = ProcessOutcome(stdout: "", stderr: "", termination: .exited(0), duration: 0)
                } else {
                    // The new backtracer would add seconds and pages of text to every trap.
                    process = try await ProcessRunner.run([executable], environment: ["SWIFT_BACKTRACE": "enable=no"], timeout: timeout)
                }
            }
            runs.append(ProgramRun(plan: program, compile: compile, process: process, timeout: timeout))
        }
        return runs
    }
}
