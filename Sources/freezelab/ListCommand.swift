import ArgumentParser
import LessonKit

/// `freezelab list`: lessons with title, cell count and last status.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List lessons with title, cell count and last status (from the cache).")

    @Option(help: "The package root.")
    var packagePath: String = "."

    func run() throws {
        let checker = LessonChecker(options: CheckOptions(packageRoot: packagePath))
        let paths = try lessonPaths([], checker: checker)
        let style = Terminal.style
        for path in paths {
            let parsed = checker.parse(path)
            let status: String
            if !parsed.isRunnable {
                status = style.red("invalid")
            } else if let entry = checker.cache.entry(for: path) {
                let current = CacheKey(lessonText: parsed.lesson.source, engineFingerprint: "", compilerVersion: "").lesson
                let word = entry.result.passed ? style.green("passed") : style.red("failed")
                status = entry.key.lesson == current ? word : word + style.dim(" (edited since)")
            } else {
                status = style.dim("not run")
            }
            let cells = parsed.lesson.cells.count
            print("\(path)  \(parsed.lesson.title)  \(style.dim("\(cells) cell\(cells == 1 ? "" : "s")"))  \(status)")
        }
    }
}
