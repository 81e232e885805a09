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
        var blessed = 0, stillFailing = 0
        for outcome in Blessing.bless(checked, checker: checker) {
            let failures = outcome.stillFailing.filter(\.isFailure).count
            let written = "\(outcome.blocks) output block\(outcome.blocks == 1 ? "" : "s")"
            if let error = outcome.error {
                Terminal.error("error: \(error)")
                failed = true
            } else if outcome.blocks > 0 && failures == 0 && outcome.disagreeingTwins.isEmpty {
                blessed += 1
                print("blessed \(outcome.path): \(written)")
            } else if outcome.blocks > 0 {
                print("wrote \(outcome.path): \(written), but the lesson still fails:")
            } else if failures > 0 {
                print("\(outcome.path) still fails (bless writes only the outputs of cells that ran):")
            }
            // A cell that crashed, timed out, did not compile or did not run has no output to
            // write: the lesson does not pass after blessing, and bless does not say it does.
            for finding in outcome.stillFailing {
                print("  " + Terminal.style.diagnostic(finding.diagnostic))
                finding.related.forEach { print("  " + Terminal.style.diagnostic($0)) }
            }
            for twin in outcome.disagreeingTwins {
                print("  " + Terminal.style.diagnostic(twin))
            }
            if failures > 0 || !outcome.disagreeingTwins.isEmpty {
                stillFailing += 1
                failed = true
            }
        }
        let unreadable = checked.filter { $0.lesson == nil }
        for item in unreadable {
            print(CheckReport.lesson(item, style: Terminal.style))
            failed = true
        }
        print("\(blessed) lesson\(blessed == 1 ? "" : "s") blessed"
              + (stillFailing > 0 ? ", \(stillFailing) still failing" : ""))
        if failed { throw ExitCode.failure }
    }
}
