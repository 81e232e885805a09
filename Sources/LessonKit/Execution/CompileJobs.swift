import Foundation

/// The jobs `swiftc` runs to compile one file into an executable (the frontend, the autolink
/// extractor, the linker), learned once from `swiftc -###` with placeholder paths and then run
/// directly. Starting the driver costs about 0.1 s of every compile of a single lesson program
/// (measured on lesson 1: 0.41 s for the jobs against 0.51 s through the driver), which is a fifth
/// of re-checking a lesson after a code edit.
///
/// What the driver would run is exactly what runs: the same command lines, only the source, the
/// output and the driver's temporary folder (here the program's own folder) filled in. A driver
/// whose `-###` output does not have this shape is simply used as a driver (``SwiftCompiler``).
public struct CompileJobs: Codable, Equatable, Sendable {
    /// The command lines, with ``source``, ``output`` and ``temporary`` standing for the paths.
    public var commands: [[String]]

    /// Placeholders written into the template.
    static let source = "/FREEZELAB-SOURCE.swift", output = "/FREEZELAB-OUTPUT", temporary = "/FREEZELAB-TEMPORARY"

    /// The jobs for `arguments` (a compile of ``source`` into ``output``, as ``SwiftCompiler``
    /// writes it), from the driver's `-###` listing `listing`, whose temporary files lie in
    /// `temporaryFolder`; `nil` unless it is a frontend job then jobs that only use its results.
    static func parse(_ listing: String, temporaryFolder: String) -> CompileJobs? {
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
        guard commands.count >= 2, commands[0].count > 2, commands[0][0].hasSuffix("swift-frontend"), commands[0][1] == "-frontend",
              commands[0].contains(source), commands.last!.contains(output),
              !commands.joined().contains(where: { $0.contains(temporaryFolder) }) else { return nil }
        return CompileJobs(commands: commands)
    }

    /// The temporary files the jobs write in `folder` (the object file, the autolink list), which
    /// the driver would have removed.
    public func temporaryFiles(folder: String) -> [String] {
        let files = commands.joined().filter { $0.hasPrefix(Self.temporary + "/") }
        return Set(files).sorted().map { $0.replacingOccurrences(of: Self.temporary, with: folder) }
    }

    /// The command lines for compiling `source` into `output`, with temporary files in `folder`.
    public func commands(source: String, output: String, folder: String) -> [[String]] {
        commands.map { command in
            command.map { word in
                word.replacingOccurrences(of: Self.source, with: source).replacingOccurrences(of: Self.output, with: output)
                    .replacingOccurrences(of: Self.temporary, with: folder)
            }
        }
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
