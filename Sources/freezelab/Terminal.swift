import ArgumentParser
import Foundation
import LessonKit

/// Options shared by the commands that run lessons.
struct LessonRunOptions: ParsableArguments {
    @Option(help: "Lessons to compile and run at once (default: number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Seconds a lesson program may run before it is stopped.")
    var timeout: Double = 60

    @Flag(help: "Compile and run every lesson, ignoring stored results.")
    var noCache = false

    @Flag(help: "Say why each lesson ran or was reused.")
    var explain = false

    @Option(help: "Build configuration of the engine lessons link against (debug or release).")
    var engineConfiguration: String = "release"

    @Option(help: "SwiftPM scratch folder for the lessons' engine build.")
    var engineScratchPath: String = ".build"

    @Option(help: "The package root.")
    var packagePath: String = "."

    func checkOptions(progress: (@Sendable (Int, Int, String) -> Void)? = nil) -> CheckOptions {
        CheckOptions(packageRoot: packagePath, jobs: jobs, timeout: timeout, useCache: !noCache,
                     engine: .package(configuration: engineConfiguration, scratchPath: engineScratchPath),
                     progress: progress)
    }
}

/// Facts about the terminal the CLI writes to.
enum Terminal {
    /// Whether standard output is a terminal.
    static var isInteractive: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Colours when writing to a terminal and `NO_COLOR` is not set.
    static var style: TerminalStyle {
        TerminalStyle(colors: isInteractive && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true)
    }

    /// Writes `text` to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// A progress callback that rewrites one line on a terminal, or nothing otherwise.
    static func progressLine() -> (@Sendable (Int, Int, String) -> Void)? {
        guard isInteractive else { return nil }
        return { finished, total, path in
            let line = "[\(finished)/\(total)] \(path)"
            FileHandle.standardOutput.write(Data("\r\u{1B}[2K\(line)".utf8))
        }
    }

    /// Clears the progress line.
    static func clearProgress() {
        if isInteractive { FileHandle.standardOutput.write(Data("\r\u{1B}[2K".utf8)) }
    }

    /// Prints why each lesson ran or was reused.
    static func explain(_ lessons: [CheckedLesson]) {
        for lesson in lessons { print("\(lesson.path): \(lesson.decision.explanation)") }
    }
}

/// The lesson paths named on the command line, or every lesson in `lessons/`.
func lessonPaths(_ named: [String], checker: LessonChecker) throws -> [String] {
    if !named.isEmpty { return named }
    do {
        return try checker.lessonPaths(in: "lessons")
    } catch let missing as LessonChecker.MissingLessonsFolder {
        Terminal.error(missing.description)
        throw ExitCode.failure
    }
}
