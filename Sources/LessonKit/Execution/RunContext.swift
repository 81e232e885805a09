import Foundation

/// What every lesson run shares: the engine, its fingerprint, the compiler's version, and the
/// Python with its PyTorch.
struct RunContext: Sendable {
    let runner: LessonRunner
    let engineFingerprint: String
    let compilerVersion: String
    let pythonRunner: PythonRunner
    /// The `--jobs` slots local work runs in.
    let slots: JobSlots
    /// What PyTorch results depend on: the mode, and the interpreter and PyTorch version.
    let pythonKey: String
    /// The stamp of the package's `data` folder, which any lesson may read.
    let dataStamp: String

    init(options: CheckOptions, needsPython: Bool) async throws {
        // PyTorch is looked up while the engine is found (or built). What a warm check would
        // otherwise start SwiftPM, the compiler and Python to learn is kept beside the results,
        // stamped with the files it depends on (``Stamped``).
        let cache = options.cacheFolder
        let data = DataFolder(packageRoot: options.packageRoot)
        dataStamp = data?.stamp ?? ""
        async let startedPython: PythonRunner = {
            let python = needsPython && options.pytorch != .skip
                ? await PythonEnvironment.locate(executable: options.python ?? PythonEnvironment.interpreter(packageRoot: options.packageRoot),
                                                 stampFolder: cache)
                : PythonEnvironment(executable: "", torchVersion: nil, problem: "not looked up")
            return PythonRunner(environment: python, mode: options.pytorch, timeout: options.timeout, serverFolder: PythonServer.defaultFolder,
                                data: data)
        }()
        let engine = try await LessonChecker(options: options).engine()
        pythonRunner = await startedPython
        pythonKey = "pytorch \(options.pytorch.rawValue)\n\(pythonRunner.environment.cacheKey)"
        var runner = LessonRunner(engine: engine, compiler: options.compiler, timeout: options.timeout, data: data)
        runner.jobs = CompileJobsSource(compiler: options.compiler, engine: engine, stampFolder: cache)
        self.runner = runner
        slots = JobSlots(options.jobs)
        engineFingerprint = engine.fingerprint()
        // How lessons are compiled is part of the key, not just which compiler.
        compilerVersion = try await options.compiler.version(stampFolder: cache) + "\n"
            + (options.compiler.flags + engine.compilerArguments).joined(separator: " ")
    }
}
