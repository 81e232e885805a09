import Foundation

/// What a lesson's result depends on. When all parts are equal, a stored result is reused.
public struct CacheKey: Equatable, Sendable, Codable {
    /// SHA-256 of the lesson text.
    public var lesson: String
    /// SHA-256 of the engine's fingerprint (its library and module files' sizes and times).
    public var engine: String
    /// SHA-256 of `swiftc --version` and the runner's own format version.
    public var compiler: String
    /// SHA-256 of what PyTorch cells ran with (`--pytorch` mode, interpreter, torch version);
    /// empty input for a lesson without PyTorch cells.
    public var python: String
    /// SHA-256 of the stamp of the package's `data` folder (``DataFolder/stamp``), which any
    /// lesson may read.
    public var data: String

    /// Creates a key from its inputs.
    public init(lessonText: String, engineFingerprint: String, compilerVersion: String, python: String = "", data: String = "") {
        lesson = SHA256.hex(lessonText)
        engine = SHA256.hex(engineFingerprint)
        compiler = SHA256.hex(compilerVersion + "\nfreezelab-runner \(ResultCache.formatVersion)")
        self.python = SHA256.hex(python)
        self.data = SHA256.hex(data)
    }
}

/// Why a lesson ran or was reused, for `--explain`.
public enum CacheDecision: Equatable, Sendable {
    /// Reused: lesson, engine and compiler unchanged.
    case reused
    /// Ran: caching is off (`--no-cache`).
    case disabled
    /// Ran: no stored result.
    case missing
    /// Ran: these inputs changed (`lesson`, `engine`, `compiler`, `PyTorch`, `data folder`).
    case changed([String])
    /// Not run: the lesson has errors that stop it from running.
    case notRunnable
    /// Not run: the lesson has no cells.
    case nothingToRun

    /// One line for `--explain`.
    public var explanation: String {
        switch self {
        case .reused: "reused: lesson text, engine and compiler unchanged"
        case .disabled: "ran: --no-cache"
        case .missing: "ran: no cached result"
        case .changed(let parts): "ran: \(parts.joined(separator: ", ")) changed"
        case .notRunnable: "not run: the lesson has errors"
        case .nothingToRun: "not run: the lesson has no cells"
        }
    }
}

/// Results stored as JSON under `.freezelab-cache/results/`, one file per lesson. An edge of the
/// pipeline: it reads and writes files.
public struct ResultCache: Sendable {
    /// Bumped whenever the program format or verification changes meaning.
    public static let formatVersion = 6

    /// A stored result with the key it was made under.
    public struct Entry: Codable, Sendable {
        /// The key.
        public var key: CacheKey
        /// The result.
        public var result: LessonResult
    }

    /// The cache folder (`.freezelab-cache`).
    public var directory: String
    /// The folder lesson paths are relative to (the package root).
    public var root: String

    /// Creates a cache in `directory` for lessons whose paths are relative to `root`.
    public init(directory: String, root: String = ".") {
        self.directory = directory
        self.root = root
    }

    /// The stored entry for the lesson at `path`, if any.
    public func entry(for path: String) -> Entry? {
        guard let data = FileManager.default.contents(atPath: file(for: path)) else { return nil }
        return try? JSONDecoder().decode(Entry.self, from: data)
    }

    /// The result of `entry` (read with ``entry(for:)``) when its key equals `key`, and why it is
    /// or is not used.
    public static func lookup(_ entry: Entry?, key: CacheKey) -> (LessonResult?, CacheDecision) {
        guard let entry else { return (nil, .missing) }
        var changed: [String] = []
        if entry.key.lesson != key.lesson { changed.append("lesson text") }
        if entry.key.engine != key.engine { changed.append("engine") }
        if entry.key.compiler != key.compiler { changed.append("compiler") }
        if entry.key.python != key.python { changed.append("PyTorch") }
        if entry.key.data != key.data { changed.append("data folder") }
        return changed.isEmpty ? (entry.result, .reused) : (nil, .changed(changed))
    }

    /// Stores `result` under `key`, replacing what was there.
    public func store(_ result: LessonResult, key: CacheKey) throws {
        let url = URL(fileURLWithPath: file(for: result.path))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(Entry(key: key, result: result)).write(to: url, options: .atomic)
    }

    /// The numbers of this process's batch folders.
    private static let batchNumbers = Counter()

    /// A new folder name for a ``ProgramBatch`` of this process: named by the process and a
    /// number it has not used, so neither another freezelab on the tree nor another check in this
    /// one (`serve`) writes the same batch.
    public func newBatchDirectory() -> String {
        "\(directory)/build/batch-\(getpid())-\(Self.batchNumbers.increment())"
    }

    /// Removes the batch folders of processes that have ended (killed before they could remove
    /// their own).
    public func removeAbandonedBatchDirectories() {
        let build = "\(directory)/build"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: build)) ?? [] where name.hasPrefix("batch-") {
            guard let pid = name.split(separator: "-").dropFirst().first.flatMap({ pid_t($0) }), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(atPath: "\(build)/\(name)") }
        }
    }

    /// The folder where the lesson at `path` is compiled.
    public func buildDirectory(for path: String) -> String {
        "\(directory)/build/\(safeName(path))"
    }

    private func file(for path: String) -> String {
        "\(directory)/results/\(safeName(path)).json"
    }

    /// A file name for the lesson at `path`: readable, and unique to the file. Two spellings of
    /// one file (`lessons/01-x.md`, `./lessons/01-x.md`, an absolute path, a link to it) share
    /// it; names that differ only in characters a file name cannot keep (`01-a b.md`,
    /// `01-a.b.md`, `01-a_b.md`) do not, so one lesson's program never runs for another's.
    func safeName(_ path: String) -> String {
        var name = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        if name.hasSuffix(".md") { name.removeLast(3) }
        let readable = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }.suffix(80))
        return readable + "-" + SHA256.hex(Self.canonical(path, root: root)).prefix(10)
    }

    /// The absolute path of the file `path` names, links resolved.
    static func canonical(_ path: String, root: String) -> String {
        let base = URL(fileURLWithPath: root).standardizedFileURL
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
        return url.standardizedFileURL.resolvingSymlinksInPath().path
    }
}
