import ArgumentParser
import Foundation
import LessonKit

/// `freezelab check [LESSON...]`: verify lessons; exit 1 on any failure.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Verify lessons: compile and run every cell, compare every output.")

    @Argument(help: "Lesson files (default: every lesson in lessons/).")
    var lessons: [String] = []

    @Option(help: "Also write a JUnit XML report to this file.")
    var junit: String?

    @OptionGroup var options: LessonRunOptions

    func run() async throws {
        let checker = LessonChecker(options: options.checkOptions(progress: Terminal.progressLine()))
        let paths = try lessonPaths(lessons, checker: checker)
        let checked = try await checker.check(paths: paths)
        Terminal.clearProgress()
        if options.explain { Terminal.explain(checked) }
        // Annotations go before the report, so `N passed, M failed` stays the last line.
        if ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" {
            GitHubAnnotations.commands(checked).forEach { print($0) }
        }
        print(CheckReport.text(checked, style: Terminal.style, timings: true), terminator: "")
        if let junit {
            try JUnitReport.xml(checked).write(toFile: junit, atomically: true, encoding: .utf8)
        }
        if !checked.allSatisfy(\.result.passed) { throw ExitCode.failure }
    }
}
