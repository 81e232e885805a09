import ArgumentParser
import Foundation
import LessonKit
import SiteKit

/// `freezelab build`: verify every lesson (reusing cached results) and render the site.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Verify the lessons and render the static site into site/.",
        discussion: """
            Lessons are checked exactly as by `freezelab check` (and share its cache), then rendered \
            with their verified outputs and figures. A site built from failing lessons says so on its \
            pages, and the command exits non-zero unless --allow-failures is given.
            """)

    @Option(help: "The folder to write the site into, relative to the package root.")
    var output = "site"

    @Flag(help: "Exit 0 even when lessons fail (the pages still show every failure).")
    var allowFailures = false

    @OptionGroup var options: LessonRunOptions

    func run() async throws {
        let report = try await runSiteBuild(options: options, output: output).report
        if !report.failures.isEmpty && !allowFailures { throw ExitCode.failure }
    }
}

/// Runs one site build and prints what happened: failures on standard error, then what was
/// written and the `N passed, M failed` summary. Shared by `build` and `serve`.
func runSiteBuild(options: LessonRunOptions, output: String) async throws -> SiteBuild.Outcome {
    let started = Date()
    let checker = LessonChecker(options: options.checkOptions(progress: Terminal.progressLine()))
    let outcome: SiteBuild.Outcome
    do {
        outcome = try await SiteBuild(checker: checker, output: output).run()
    } catch let missing as LessonChecker.MissingLessonsFolder {
        Terminal.clearProgress()
        Terminal.error(missing.description)
        throw ExitCode.failure
    }
    Terminal.clearProgress()
    if options.explain { Terminal.explain(outcome.checked) }
    let report = outcome.report
    if let problem = outcome.referenceProblem { Terminal.error("warning: \(problem)") }
    report.failures.forEach { Terminal.error($0.diagnostic.formatted) }
    print("\(output)/: \(report.written.count) written, \(report.unchanged.count) unchanged, "
          + "\(report.removed.count) removed (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
    print(CheckReport.summary(outcome.checked))
    return outcome
}
