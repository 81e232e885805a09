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
        let report = try await SiteBuild(options: options, output: output).run(progress: Terminal.progressLine())
        if !report.failures.isEmpty && !allowFailures { throw ExitCode.failure }
    }
}

/// One build of the site: check, render, write, report. Shared by `build` and `serve`.
struct SiteBuild {
    var options: LessonRunOptions
    var output: String

    /// Checks the lessons, writes the site and prints what happened; returns the site report.
    func run(progress: (@Sendable (Int, Int, String) -> Void)? = nil) async throws -> SiteReport {
        let started = Date()
        let checker = LessonChecker(options: options.checkOptions(progress: progress))
        let checked = try await checker.check(paths: try lessonPaths([], checker: checker))
        Terminal.clearProgress()
        if options.explain { Terminal.explain(checked) }

        let root = URL(fileURLWithPath: options.packagePath)
        let builder = SiteBuilder(lessonsDirectory: root.appendingPathComponent("lessons"))
        let rendered = checked.compactMap { item in item.lesson.map { ($0, item.result) } }
        var report = try builder.build(lessons: rendered.map(\.0), results: rendered.map(\.1),
                                       into: root.appendingPathComponent(output))
        // A lesson that could not even be read has no page; its diagnostics still fail the build.
        for item in checked where item.lesson == nil {
            report.failures += item.result.diagnostics.map {
                SiteFailure(path: $0.file, line: $0.line, message: $0.message)
            }
        }

        report.failures.forEach { Terminal.error($0.description) }
        print("\(output)/: \(report.written.count) written, \(report.unchanged.count) unchanged, "
              + "\(report.removed.count) removed (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
        print(CheckReport.summary(checked))
        return report
    }
}
