import Foundation

/// Why a graph could not be drawn.
public enum GraphSVGError: Error, Equatable, CustomStringConvertible {
    /// Graphviz's `dot` is not on `PATH`.
    case dotMissing
    /// `dot` rejected the DOT source.
    case dotFailed(status: Int32, message: String)

    /// What went wrong and what to do about it, as shown in the build's output.
    public var description: String {
        switch self {
        case .dotMissing:
            "Graphviz `dot` was not found on PATH; the site draws graph figures with it. Install graphviz (scripts/setup.sh does) and build again."
        case .dotFailed(let status, let message):
            "Graphviz `dot` failed (exit \(status)): \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
    }
}

/// Graphviz's `dot`, the one process a site build starts: it lays out graph figures. Kept apart
/// from ``GraphSVG`` so the process edge has one name and the SVG clean-up stays plain text in,
/// text out.
enum Graphviz {
    /// Runs `dot -Tsvg` on `source` with a fixed font so layouts do not depend on a default.
    static func svg(from source: String) throws -> String {
        guard let dot = executable(named: "dot") else { throw GraphSVGError.dotMissing }
        let process = Process()
        process.executableURL = dot
        process.arguments = ["-Tsvg", "-Gfontname=Helvetica", "-Nfontname=Helvetica", "-Efontname=Helvetica",
                             "-Gbgcolor=transparent"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(source.utf8))
        try input.fileHandleForWriting.close()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GraphSVGError.dotFailed(status: process.terminationStatus,
                                          message: String(decoding: message, as: UTF8.self))
        }
        return String(decoding: svg, as: UTF8.self)
    }

    /// The first executable called `name` on `PATH`.
    static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
