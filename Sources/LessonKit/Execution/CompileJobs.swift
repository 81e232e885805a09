import Foundation

/// The jobs `swiftc` runs to compile a program into an executable (the frontend, the autolink
/// extractor, the linker), learned once from `swiftc -###` with placeholder paths and then run
/// directly. Starting the driver costs about 0.1 s of every compile (measured on lesson 1: 0.41 s
/// for the jobs against 0.51 s through the driver), a fifth of re-checking a lesson after a code
/// edit.
///
/// Two shapes are learned: one file (a program compiled alone), and several files as a whole
/// module (a ``ProgramBatch``), listed with two placeholder sources that stand for all of them.
/// What the driver would run is exactly what runs: the same command lines, only the sources, the
/// output and the driver's temporary folder (here the program's own folder) filled in. A driver
/// whose `-###` output does not have this shape is simply used as a driver (``SwiftCompiler``).
public struct CompileJobs: Codable, Equatable, Sendable {
    /// The command lines, with ``sources``, ``output`` and ``temporary`` standing for the paths.
    public var commands: [[String]]

    /// Placeholders written into the template: the first source stands for the only one or the
    /// whole list, the second (in a whole-module listing) for nothing.
    static let sources = ["/FREEZELAB-SOURCE-0.swift", "/FREEZELAB-SOURCE-1.swift"]
    static let output = "/FREEZELAB-OUTPUT", temporary = "/FREEZELAB-TEMPORARY"

    /// The jobs from the driver's `-###` listing `listing` of a compile of `sourceCount` (1 or 2)
    /// placeholder sources into ``output``, whose temporary files lie in `temporaryFolder`; `nil`
    /// unless it is a frontend job naming the sources once, side by side, then jobs that only use
    /// its results.
    static func parse(_ listing: String, sourceCount: Int = 1, temporaryFolder: String) -> CompileJobs? {
        var commands: [[String]] = []
        for line in listing.split(separator: "\n") where !line.isEmpty {
            guard let words = ShellWords.split(String(line)) else { return nil }
            commands.append(words.map { word in
                // `…/TemporaryDirectory.AbC123/x.o` → `/FREEZELAB-TEMPORARY/x.o`.
                guard let range = word.range(of: temporaryFolder + "/TemporaryDirectory.") else { return word }
                let rest = word[range.upperBound...]
                guard let slash = rest.firstIndex(of: "/") else { return word }
                return String(word[..<range.lowerBound]) + temporary + rest[slash...]
            })
        }
        let placeholders = Array(sources.prefix(sourceCount))
        guard commands.count >= 2, let frontend = commands.first, frontend.count > 2, frontend[0].hasSuffix("swift-frontend"),
              frontend[1] == "-frontend", let first = frontend.firstIndex(of: placeholders[0]),
              Array(frontend[first...].prefix(sourceCount)) == placeholders,
              commands.joined().filter({ word in sources.contains { word.contains($0) } }).count == sourceCount,
              commands.last!.contains(output),
              !commands.joined().contains(where: { $0.contains(temporaryFolder) }) else { return nil }
        return CompileJobs(commands: commands)
    }

    /// The temporary files the jobs write in `folder` (the object file, the autolink list), which
    /// the driver would have removed.
    public func temporaryFiles(folder: String) -> [String] {
        let files = commands.joined().filter { $0.hasPrefix(Self.temporary + "/") }
        return Set(files).sorted().map { $0.replacingOccurrences(of: Self.temporary, with: folder) }
    }

    /// The command lines for compiling `sources` into `output`, with temporary files in `folder`.
    public func commands(sources: [String], output: String, folder: String) -> [[String]] {
        commands.map { command in
            command.flatMap { word -> [String] in
                if word == Self.sources[0] { return sources }
                if word == Self.sources[1] { return [] }
                return [word.replacingOccurrences(of: Self.output, with: output).replacingOccurrences(of: Self.temporary, with: folder)]
            }
        }
    }
}

/// The compiler's jobs for one file and for a batch, each learned the first time a compile of that
/// shape is about to run (a check that compiles nothing asks the driver nothing), then read from
/// the stamp folder.
public actor CompileJobsSource {
    private let compiler: SwiftCompiler, engine: Engine, stampFolder: String
    private var learned: [Bool: Task<CompileJobs?, Never>] = [:]

    /// Jobs for compiles by `compiler` against `engine`, kept in `stampFolder`.
    public init(compiler: SwiftCompiler, engine: Engine, stampFolder: String) {
        self.compiler = compiler
        self.engine = engine
        self.stampFolder = stampFolder
    }

    /// The jobs of a one-file compile (`batch` false) or of a whole-module batch.
    public func jobs(batch: Bool) async -> CompileJobs? {
        if let task = learned[batch] { return await task.value }
        let (compiler, engine, stampFolder) = (self.compiler, self.engine, self.stampFolder)
        let task = Task { await compiler.jobs(engine: engine, stampFolder: stampFolder, batch: batch) }
        learned[batch] = task
        return await task.value
    }
}

/// Splits a command line as a POSIX shell splits words: blanks separate, single quotes keep
/// everything, double quotes keep all but `\"`, `\\`, `\$`, `` \` ``, and a backslash outside
/// quotes keeps the next character. `nil` for an unterminated quote.
enum ShellWords {
    static func split(_ line: String) -> [String]? {
        var words: [String] = [], word = "", inWord = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            switch character {
            case " ", "\t":
                if inWord { words.append(word); word = ""; inWord = false }
            case "'":
                inWord = true
                var closed = false
                while let next = characters.next() {
                    if next == "'" { closed = true; break }
                    word.append(next)
                }
                if !closed { return nil }
            case "\"":
                inWord = true
                var closed = false
                while let next = characters.next() {
                    if next == "\"" { closed = true; break }
                    if next == "\\", let escaped = characters.next() {
                        if !"\"\\$`".contains(escaped) { word.append("\\") }
                        word.append(escaped)
                    } else {
                        word.append(next)
                    }
                }
                if !closed { return nil }
            case "\\":
                inWord = true
                if let next = characters.next() { word.append(next) }
            default:
                inWord = true
                word.append(character)
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
