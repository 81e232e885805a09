import Foundation

/// What running (or not running) one Python program of a lesson produced: the input to
/// verification.
public struct PythonRun: Equatable, Sendable {
    /// The program.
    public var plan: PythonProgramPlan
    /// Its run, or `nil` when it did not run.
    public var process: ProcessOutcome?
    /// The time limit it ran under, in seconds.
    public var timeout: Double
    /// Why it was not run (`--pytorch skip`, or no PyTorch under `auto`), as every cell's outcome.
    public var skipped: SkipReason?
    /// Why it could not run although it had to (no PyTorch under `require`).
    public var notRun: NotRunReason?

    /// Creates a run.
    public init(plan: PythonProgramPlan, process: ProcessOutcome?, timeout: Double, skipped: SkipReason? = nil, notRun: NotRunReason? = nil) {
        self.plan = plan
        self.process = process
        self.timeout = timeout
        self.skipped = skipped
        self.notRun = notRun
    }
}

/// Runs the Python programs of one lesson with real PyTorch. An edge of the pipeline: it writes
/// the runtime and the spec into the build folder and starts the interpreter.
public struct PythonRunner: Sendable {
    /// The interpreter and its PyTorch.
    public var environment: PythonEnvironment
    /// The mode: whether to run at all, and what a missing PyTorch means.
    public var mode: PyTorchMode
    /// Seconds a program may run, unless a cell sets its own limit.
    public var timeout: Double
    /// A server that imports torch once and forks a child per program, reached when the first
    /// program runs (a check whose lessons are all cached starts no Python); `nil` to spawn each
    /// program.
    let server: LazyServer?
    /// The package's `data` folder, linked into every program's folder.
    let data: DataFolder?

    /// The environment every PyTorch program runs with: one thread and a fixed hash seed, so the
    /// same outputs on every machine and run.
    static let programEnvironment = ["PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1", "OMP_NUM_THREADS": "1",
                                     "MKL_NUM_THREADS": "1", "PYTHONIOENCODING": "utf-8"]

    /// Creates a runner; with `serverFolder` programs run in forked children of a Python process
    /// that imported torch once (``PythonServer``, shared with other checks through that folder),
    /// reached or started when the first program needs it or ``warmUp()`` asks.
    public init(environment: PythonEnvironment, mode: PyTorchMode, timeout: Double, serverFolder: String? = nil, data: DataFolder? = nil) {
        self.environment = environment
        self.mode = mode
        self.timeout = timeout
        self.data = data
        var started: LazyServer?
        if let folder = serverFolder, let version = environment.torchVersion, mode != .skip {
            let key = Self.serverKey(environment: environment, torchVersion: version)
            let executable = environment.executable
            started = LazyServer {
                guard PythonServer.prepare(folder: folder) else { return nil }
                let script = "\(folder)/\(key).py"
                // Written once per key, atomically: a server starting now may be reading it.
                if FileManager.default.contents(atPath: script) != Data(PythonProgramPlan.runtime.utf8) {
                    try? PythonProgramPlan.runtime.write(toFile: script, atomically: true, encoding: .utf8)
                }
                return try? PythonServer(executable: executable, script: script, environment: Self.programEnvironment,
                                         folder: folder, key: key)
            }
        }
        self.server = started
    }

    /// Whether programs go to a server (reachable or not: without one they fall back to
    /// processes of their own).
    var hasServer: Bool { server != nil }

    /// Reaches or starts the server now, in the background, so its `import torch` overlaps
    /// whatever the caller does next.
    func warmUp() {
        guard let server else { return }
        Thread { _ = server.server() }.start()
    }

    /// What a server is named by: it is shared only with checks that would run cells exactly as
    /// this one does (interpreter, PyTorch, runtime script, environment).
    static func serverKey(environment: PythonEnvironment, torchVersion: String) -> String {
        let variables = programEnvironment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let key = SHA256.hex(([environment.executable, torchVersion, PythonProgramPlan.runtime] + variables).joined(separator: "\n\u{0}"))
        return "pytorch-" + key.prefix(16)
    }

    /// Runs a program on the server, or returns `nil` when there is none to run it.
    private func runOnServer(spec: String, folder: String, timeout: Double) async throws -> ProcessOutcome? {
        guard let box = server else { return nil }
        // Reaching the server may wait for it to start: on a thread of its own, not one of the
        // few that run the compilers' tasks.
        let reached: PythonServer? = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: box.server()) }.start()
        }
        return await reached?.run(spec: spec, folder: folder, timeout: timeout)
    }

    /// Runs each program, or records why it does not run.
    public func run(_ plans: [PythonProgramPlan], in directory: String) async throws -> [PythonRun] {
        var runs: [PythonRun] = []
        for plan in plans {
            let limit = plan.timeout ?? timeout
            switch (mode, environment.torchVersion) {
            case (.skip, _):
                runs.append(PythonRun(plan: plan, process: nil, timeout: limit, skipped: .pytorchSkipped))
            case (.auto, nil):
                runs.append(PythonRun(plan: plan, process: nil, timeout: limit, skipped: .pytorchUnavailable))
            case (.require, nil):
                runs.append(PythonRun(plan: plan, process: nil, timeout: limit,
                                      notRun: .pytorchUnavailable(environment.problem ?? "import torch failed")))
            case (_, .some):
                let folder = "\(directory)/\(plan.name)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                data?.link(into: folder)
                try plan.spec.write(to: URL(fileURLWithPath: "\(folder)/cells.json"), options: .atomic)
                let process: ProcessOutcome
                if let served = try await runOnServer(spec: "\(folder)/cells.json", folder: folder, timeout: limit) {
                    process = served
                } else {
                    // Without a server each program runs its own copy of the runtime.
                    try PythonProgramPlan.runtime.write(toFile: "\(folder)/freezelab_cells.py", atomically: true, encoding: .utf8)
                    process = try await ProcessRunner.run(
                        [environment.executable, "-u", "\(folder)/freezelab_cells.py", "\(folder)/cells.json"],
                        environment: Self.programEnvironment, timeout: limit)
                }
                runs.append(PythonRun(plan: plan, process: process, timeout: limit))
            }
        }
        return runs
    }
}

/// A ``PythonServer`` reached (or started) the first time a program needs it, once, whichever
/// lesson asks first.
final class LazyServer: @unchecked Sendable {
    private let lock = NSLock()
    private let make: () -> PythonServer?
    private var made: PythonServer??

    init(_ make: @escaping () -> PythonServer?) { self.make = make }

    /// The server, or `nil` when none could be reached or started.
    func server() -> PythonServer? {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let server = make()
        made = .some(server)
        return server
    }
}
