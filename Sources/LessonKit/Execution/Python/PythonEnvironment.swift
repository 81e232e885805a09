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

    /// Asks `executable` for PyTorch's version, from the installed package's metadata: that
    /// takes a tenth of a second where `import torch` takes seconds (each lesson's program
    /// imports it anyway, and a broken install then fails there with its own traceback). With
    /// `stampFolder`, a found version is kept there until the interpreter or PyTorch's metadata
    /// file changes (a reinstall).
    public static func locate(executable: String, stampFolder: String? = nil) async -> PythonEnvironment {
        guard let stampFolder, let binary = FileStamp.resolve(executable) else { return await probe(executable).environment }
        let path = "\(stampFolder)/stamps/python-\(SHA256.hex(executable + "\n" + binary).prefix(12)).json"
        if let version = Stamped<String>.stored(at: path) { return PythonEnvironment(executable: executable, torchVersion: version) }
        let (environment, metadata) = await probe(executable)
        // Only a found PyTorch is kept: a missing one is looked for again next time.
        if let version = environment.torchVersion, let metadata {
            Stamped.store(version, files: [binary, metadata], directories: [], at: path)
        }
        return environment
    }

    /// The version and the path of its `METADATA` file, asked of the interpreter.
    private static func probe(_ executable: String) async -> (environment: PythonEnvironment, metadata: String?) {
        let script = "import importlib.metadata as m; d = m.distribution('torch'); "
            + "print(getattr(d, '_path', '') and d._path / 'METADATA'); print(d.version)"
        let probe = try? await ProcessRunner.run([executable, "-c", script], timeout: 60)
        guard let probe else { return (PythonEnvironment(executable: executable, torchVersion: nil, problem: "cannot start \(executable)"), nil) }
        let lines = probe.stdout.trimmingTrailingSpaces.split(separator: "\n").map(String.init)
        guard probe.termination == .exited(0), lines.count >= 2, !lines[lines.count - 1].isEmpty else {
            let reason = probe.stderr.split(separator: "\n").last.map(String.init) ?? "PyTorch is not installed"
            return (PythonEnvironment(executable: executable, torchVersion: nil, problem: reason), nil)
        }
        let metadata = lines[lines.count - 2]
        return (PythonEnvironment(executable: executable, torchVersion: lines[lines.count - 1]),
                metadata.isEmpty || metadata == "False" ? nil : metadata)
    }

    /// What the result cache keys Python results by.
    var cacheKey: String { "\(executable)\ntorch \(torchVersion ?? "none")" }
}
