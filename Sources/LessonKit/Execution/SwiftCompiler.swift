import Foundation

/// `swiftc`, as lessons are compiled with it: Swift 5 language mode (top-level code of a
/// notebook-like lesson should not fight actor isolation), no optimisation (a lesson compiles
/// in a fraction of a second; the engine itself is optimised), line tables only (so a trap's
/// backtrace names the lesson line, for about 5 % more compile time; full debug info is not
/// needed), warnings off; linked with LLVM's `lld` where the toolchain ships it (Linux): a
/// lesson program links in about a fifth less time than with the default `gold`.
public struct SwiftCompiler: Sendable {
    /// The compiler to run, looked up in `PATH`.
    public var executable: String
    /// Flags added to every compile.
    public var flags: [String]

    /// Creates a compiler front.
    public init(executable: String = "swiftc",
                flags: [String] = ["-swift-version", "5", "-Onone", "-gline-tables-only", "-suppress-warnings"] + SwiftCompiler.linker) {
        self.executable = executable
        self.flags = flags
    }

    /// `-use-ld=lld` when `ld.lld` is on `PATH` (the Swift toolchain for Linux ships it).
    public static let linker: [String] = {
        #if os(Linux)
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/ld.lld") {
            return ["-use-ld=lld"]
        }
        #endif
        return []
    }()

    /// The arguments that compile `sources`, one module, into `output` against `engine`; several
    /// files (a ``ProgramBatch``) as a whole module, so one frontend loads the engine's modules
    /// once for all of them.
    public func arguments(sources: [String], output: String, engine: Engine) -> [String] {
        [executable] + flags + (sources.count > 1 ? ["-wmo"] : []) + ["-module-name", "Lesson"] + engine.compilerArguments
            + sources + ["-o", output]
    }

    /// `swiftc --version`, which keys the result cache; with `stampFolder`, kept there until
    /// the compiler binary changes (the driver takes a tenth of a second to answer).
    public func version(stampFolder: String? = nil) async throws -> String {
        let ask = { () async throws -> String in
            let outcome = try await ProcessRunner.run([executable, "--version"])
            return (outcome.stdout + outcome.stderr).trimmingTrailingSpaces
        }
        guard let stampFolder, let binary = FileStamp.resolve(executable) else { return try await ask() }
        return try await Stamped<String>.value(at: "\(stampFolder)/stamps/compiler-\(SHA256.hex(binary).prefix(12)).json") {
            (try await ask(), [binary], [])
        }
    }

    /// Compiles `source` into the executable `output`: with `jobs`, by running the driver's jobs
    /// directly, their temporary files in the output's folder (``CompileJobs``).
    public func compile(source: String, output: String, engine: Engine, timeout: Double, jobs: CompileJobs? = nil) async throws -> CompileOutcome {
        try await compile(sources: [source], output: output, engine: engine, timeout: timeout, jobs: jobs)
    }

    /// The jobs of a compile of one file (`batch` false) or of several as a whole module (`batch`
    /// true) against `engine` (``CompileJobs``), learned from `swiftc -###` and kept in
    /// `stampFolder` until the compiler binary changes; `nil` when the driver's listing is not of
    /// the expected shape (then the driver is run).
    public func jobs(engine: Engine, stampFolder: String, batch: Bool = false) async -> CompileJobs? {
        guard let binary = FileStamp.resolve(executable) else { return nil }
        let sources = Array(CompileJobs.sources.prefix(batch ? 2 : 1))
        let arguments = arguments(sources: sources, output: CompileJobs.output, engine: engine)
        let inputs = ([binary, FileManager.default.currentDirectoryPath] + arguments).joined(separator: "\n")
        let file = "\(stampFolder)/stamps/compile-jobs-\(SHA256.hex(inputs).prefix(12)).json"
        return try? await Stamped<CompileJobs?>.value(at: file) {
            // The driver makes an empty folder for temporary files even when it only lists jobs.
            let temporary = URL(fileURLWithPath: "\(stampFolder)/compile-jobs-\(getpid())").standardizedFileURL.path
            try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: temporary) }
            let listed = try await ProcessRunner.run(arguments + ["-###"], environment: ["TMPDIR": temporary])
            let jobs = listed.termination == .exited(0)
                ? CompileJobs.parse(listed.stdout, sourceCount: sources.count, temporaryFolder: temporary) : nil
            return (jobs, [binary], [])
        }
    }

    /// Compiles `sources`, one module, into the executable `output`: through the driver, or with
    /// `jobs` (learned for as many sources: one, or several) by running the driver's jobs directly,
    /// one after another until one fails, their temporary files in the output's folder.
    public func compile(sources: [String], output: String, engine: Engine, timeout: Double, jobs: CompileJobs? = nil) async throws -> CompileOutcome {
        let folder = URL(fileURLWithPath: output).deletingLastPathComponent().path
        defer { for file in jobs?.temporaryFiles(folder: folder) ?? [] { try? FileManager.default.removeItem(atPath: file) } }
        let commands = jobs?.commands(sources: sources, output: output, folder: folder)
            ?? [arguments(sources: sources, output: output, engine: engine)]
        var log = "", duration = 0.0
        for command in commands {
            let run = try await ProcessRunner.run(command, timeout: timeout)
            log += run.stdout + run.stderr
            duration += run.duration
            guard run.termination == .exited(0) else {
                var outcome = CompileOutcome(succeeded: false, diagnostics: Self.diagnostics(in: log), log: log, duration: duration)
                if case .exited = run.termination {} else { outcome.interrupted = true }
                return outcome
            }
        }
        return CompileOutcome(succeeded: true, diagnostics: Self.diagnostics(in: log), log: log, duration: duration)
    }

    /// The error lines of a compiler log (`file:line:column: error: message`).
    public static func diagnostics(in log: String) -> [Diagnostic] {
        log.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: ": error: ") else { return nil }
            let place = line[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard place.count >= 3, let lineNumber = Int(place[place.count - 2]), let column = Int(place[place.count - 1]) else {
                return nil
            }
            let file = place.dropLast(2).joined(separator: ":")
            return Diagnostic(file: file, line: lineNumber, column: column, message: String(line[range.upperBound...]))
        }
    }
}

/// What compiling one program produced.
public struct CompileOutcome: Equatable, Sendable {
    /// Whether an executable was written.
    public var succeeded: Bool
    /// The compiler's errors, pointing into the lesson.
    public var diagnostics: [Diagnostic]
    /// The full compiler output.
    public var log: String
    /// Wall-clock seconds.
    public var duration: Double
    /// Whether the compiler was stopped (a signal, the time limit) rather than finishing: its
    /// failure says nothing about the lesson, and is never cached.
    public var interrupted = false

    /// Creates an outcome.
    public init(succeeded: Bool, diagnostics: [Diagnostic], log: String = "", duration: Double = 0) {
        self.succeeded = succeeded
        self.diagnostics = diagnostics
        self.log = log
        self.duration = duration
    }
}
