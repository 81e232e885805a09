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

    /// The checker's options from these flags; `progress` is called as each lesson finishes.
    func checkOptions(progress: (@Sendable (Int, Int, String) -> Void)? = nil) -> CheckOptions {
        // Every command that runs lessons: Ctrl-C or a kill takes the compilers and programs along.
        ChildProcesses.stopOnSignals()
        return CheckOptions(packageRoot: packagePath, jobs: jobs, timeout: timeout, useCache: !noCache,
                     engine: .package(configuration: engineConfiguration, scratchPath: engineScratchPath),
                     pytorch: pytorch, progress: progress)
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

extension PyTorchMode: ExpressibleByArgument {}
