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
        if ProcessInfo.processInfo.environment["CI"] != nil && !force {
            Terminal.error("error: refusing to bless on CI (CI is set); pass --force to bless anyway")
            throw ExitCode.failure
        }
        let checker = LessonChecker(options: options.checkOptions(progress: Terminal.progressLine()))
        let checked = try await checker.check(paths: try lessonPaths(lessons, checker: checker))
        Terminal.clearProgress()
        if options.explain { Terminal.explain(checked) }
        var blessed = 0
        for item in checked {
            guard let lesson = item.lesson else { continue }
            let outputs = OutputSplicer.outputsToBless(lesson, result: item.result)
            guard !outputs.isEmpty else { continue }
            let text = OutputSplicer.splice(lesson, outputs: outputs)
            guard text != lesson.source else { continue }
            let file = options.packagePath == "." || lesson.path.hasPrefix("/") ? lesson.path : "\(options.packagePath)/\(lesson.path)"
            try LessonFile.write(text, to: file)
            blessed += 1
            print("blessed \(lesson.path): \(outputs.count) output block\(outputs.count == 1 ? "" : "s")")
        }
        for item in checked where !item.result.diagnostics.filter({ $0.severity == .error }).isEmpty {
            print(CheckReport.lesson(item, style: Terminal.style))
        }
        print("\(blessed) lesson\(blessed == 1 ? "" : "s") blessed")
    }
}
