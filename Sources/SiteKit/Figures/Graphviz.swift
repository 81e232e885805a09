import Foundation
import LessonKit

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
    /// How long one graph may take to lay out. The autograd graphs lessons draw take well under
    /// a second; a graph that takes longer is a mistake to report, not to wait for.
    static let timeLimit = 30.0

    /// Runs `dot -Tsvg` on `source` with a fixed font so layouts do not depend on a default.
    /// The source goes through a temporary file and both of `dot`'s pipes are read at once
    /// (``ProcessRunner``), so a graph that makes Graphviz print a flood of warnings cannot fill
    /// a pipe and hang the build; the time limit bounds the rest.
    static func svg(from source: String) throws -> String {
        guard let dot = executable(named: "dot") else { throw GraphSVGError.dotMissing }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("freezelab-graph-\(UUID().uuidString).dot")
        try Data(source.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try ProcessRunner.runBlocking([dot.path, "-Tsvg", "-Gfontname=Helvetica", "-Nfontname=Helvetica",
                                                    "-Efontname=Helvetica", "-Gbgcolor=transparent", file.path],
                                                   timeout: timeLimit)
        switch outcome.termination {
        case .exited(0):
            return outcome.stdout
        case .exited(let status):
            throw GraphSVGError.dotFailed(status: status, message: firstLines(of: outcome.stderr.replacingOccurrences(of: file.path, with: "the graph")))
        case .signaled(let signal):
            throw GraphSVGError.dotFailed(status: 128 + signal, message: "`dot` was stopped by signal \(signal)")
        case .timedOut:
            throw GraphSVGError.dotFailed(status: 124, message: "`dot` took more than \(Int(timeLimit)) s to lay out the graph and was stopped")
        }
    }

    /// The first lines of Graphviz's messages, and how many more there were: a flood of one
    /// warning repeated is not worth a screenful.
    static func firstLines(of text: String, count: Int = 5) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.count > count else { return lines.joined(separator: "\n") }
        return lines.prefix(count).joined(separator: "\n") + "\n(\(lines.count - count) more lines from Graphviz)"
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
