import Foundation

/// Whether lessons' PyTorch cells run: `--pytorch auto|require|skip`.
public enum PyTorchMode: String, CaseIterable, Sendable {
    /// Run them when `import torch` works; otherwise skip them, say so once, and fail nothing.
    case auto
    /// Run them; a missing PyTorch fails every lesson that has any.
    case require
    /// Never run them.
    case skip
}

/// The Python that runs lessons' PyTorch cells, and the PyTorch it imports.
public struct PythonEnvironment: Equatable, Sendable {
    /// The interpreter.
    public var executable: String
    /// `torch.__version__`, or `nil` when `import torch` failed.
    public var torchVersion: String?
    /// Why `import torch` failed, in one line.
    public var problem: String?

    /// Creates an environment.
    public init(executable: String, torchVersion: String?, problem: String? = nil) {
        self.executable = executable
        self.torchVersion = torchVersion
        self.problem = problem
    }

    /// The interpreter to use: `FREEZELAB_PYTHON`, else the package's `.venv`, else `python3`.
    public static func interpreter(packageRoot: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let chosen = environment["FREEZELAB_PYTHON"], !chosen.isEmpty { return chosen }
        let venv = URL(fileURLWithPath: packageRoot).standardizedFileURL.appendingPathComponent(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
    }

    /// Asks `executable` for PyTorch's version.
    public static func locate(executable: String) async -> PythonEnvironment {
        let probe = try? await ProcessRunner.run([executable, "-c", "import torch; print(torch.__version__)"], timeout: 120)
        guard let probe else { return PythonEnvironment(executable: executable, torchVersion: nil, problem: "cannot start \(executable)") }
        let version = probe.stdout.trimmingTrailingSpaces.split(separator: "\n").last.map(String.init)
        guard probe.termination == .exited(0), let version, !version.isEmpty else {
            let reason = probe.stderr.split(separator: "\n").last.map(String.init) ?? "import torch failed"
            return PythonEnvironment(executable: executable, torchVersion: nil, problem: reason)
        }
        return PythonEnvironment(executable: executable, torchVersion: version)
    }

    /// What the result cache keys Python results by.
    var cacheKey: String { "\(executable)\ntorch \(torchVersion ?? "none")" }
}
