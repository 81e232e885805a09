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

    @Option(help: ArgumentHelp("Whether PyTorch cells run: auto (when `import torch` works), require (fail without it), skip.",
                               valueName: "auto|require|skip"))
    var pytorch: PyTorchMode = .auto

    @Flag(help: "Print no progress: only the report.")
    var quiet = false

    @Flag(help: "Compile every lesson program alone, never several as one program per core (slower; for comparing).")
    var noBatch = false

    /// The checker's options from these flags; `progress` is called as each lesson finishes
    /// (and with `--quiet` neither it nor the engine's status is).
    func checkOptions(progress: (@Sendable (Int, Int, String) -> Void)? = nil) -> CheckOptions {
        // Every command that runs lessons: Ctrl-C or a kill takes the compilers and programs along.
        ChildProcesses.stopOnSignals()
        var options = CheckOptions(packageRoot: packagePath, jobs: jobs, timeout: timeout, useCache: !noCache,
                                   engine: .package(configuration: engineConfiguration, scratchPath: engineScratchPath),
                                   pytorch: pytorch, progress: quiet ? nil : progress)
        if !quiet { options.status = Terminal.status }
        options.batch = !noBatch
        return options
    }
}

/// The lesson paths named on the command line, or every lesson in `lessons/`.
func lessonPaths(_ named: [String], checker: LessonChecker) throws -> [String] {
    if !named.isEmpty { return named.map { findLesson($0, checker: checker) } }
    do {
        return try checker.lessonPaths(in: "lessons")
    } catch let missing as LessonChecker.MissingLessonsFolder {
        Terminal.error(missing.description)
        throw ExitCode.failure
    }
}

/// A lesson as an author names it: a path; or, when no such file exists, a file of `lessons/`
/// by its name (`09-recipes.md`), its name without `.md`, or the one lesson whose name starts
/// with it (`09`). Anything else is left as given, for the checker to report as missing.
func findLesson(_ name: String, checker: LessonChecker) -> String {
    let manager = FileManager.default
    if manager.fileExists(atPath: checker.resolve(name)) || name.contains("/") { return name }
    for candidate in ["lessons/\(name)", "lessons/\(name).md"] where manager.fileExists(atPath: checker.resolve(candidate)) {
        return candidate
    }
    let matches = ((try? checker.lessonPaths(in: "lessons")) ?? []).filter {
        ($0.split(separator: "/").last.map(String.init) ?? $0).hasPrefix(name)
    }
    return matches.count == 1 ? matches[0] : name
}

extension PyTorchMode: ExpressibleByArgument {}
