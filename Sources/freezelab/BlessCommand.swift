import ArgumentParser
import Foundation
import LessonKit

/// `freezelab bless [LESSON...]`: write actual outputs into output blocks.
struct BlessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bless",
        abstract: "Write each cell's actual output into its output block, changing no other byte.")

    @Argument(help: "Lesson files (default: every lesson in lessons/).")
    var lessons: [String] = []

    @Flag(help: "Bless even when CI is set.")
    var force = false

    @OptionGroup var options: LessonRunOptions

    func run() async throws {
        if Blessing.isCI() && !force {
            Terminal.error("error: refusing to bless on CI (CI is set); pass --force to bless anyway")
            throw ExitCode.failure
        }
        let checker = LessonChecker(options: options.checkOptions(progress: Terminal.progressLine()))
        let checked = try await checker.check(paths: try lessonPaths(lessons, checker: checker))
        Terminal.clearProgress()
        if options.explain { Terminal.explain(checked) }
        var failed = false
        var blessed = 0
        for outcome in Blessing.bless(checked, checker: checker) {
            if let error = outcome.error {
                Terminal.error("error: \(error)")
                failed = true
            } else if outcome.blocks > 0 {
                blessed += 1
                print("blessed \(outcome.path): \(outcome.blocks) output block\(outcome.blocks == 1 ? "" : "s")")
            }
            for twin in outcome.disagreeingTwins {
                Terminal.error(Terminal.style.diagnostic(twin))
                failed = true
            }
        }
        for item in checked where !item.result.diagnostics.filter({ $0.severity == .error }).isEmpty {
            print(CheckReport.lesson(item, style: Terminal.style))
        }
        print("\(blessed) lesson\(blessed == 1 ? "" : "s") blessed")
        if failed { throw ExitCode.failure }
    }
}
