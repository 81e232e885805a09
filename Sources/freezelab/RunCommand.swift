import ArgumentParser
import LessonKit

/// `freezelab run LESSON`: run one lesson and show each cell with its output.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run one lesson and show each cell with its output.")

    @Argument(help: "The lesson: a file (lessons/01-freeze.md), a name in lessons/ (01-freeze.md, 01-freeze), or its number (01).")
    var lesson: String

    @OptionGroup var options: LessonRunOptions

    func run() async throws {
        let checker = LessonChecker(options: options.checkOptions())
        let checked = try await checker.check(paths: [findLesson(lesson, checker: checker)])
        if options.explain { Terminal.explain(checked) }
        print(RunReport.text(checked[0], style: Terminal.style), terminator: "")
        if !checked[0].result.passed { throw ExitCode.failure }
    }
}
