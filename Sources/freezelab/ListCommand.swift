import ArgumentParser
import Foundation
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
        var rows: [(path: String, title: String, cells: String, status: String)] = []
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
            rows.append((path, parsed.lesson.title, "\(cells) cell\(cells == 1 ? "" : "s")", status))
        }
        // Pad before styling: escape codes would count towards the width.
        let pathWidth = rows.map(\.path.count).max() ?? 0
        let titleWidth = rows.map(\.title.count).max() ?? 0
        let cellsWidth = rows.map(\.cells.count).max() ?? 0
        for row in rows {
            print(row.path.padding(toLength: pathWidth, withPad: " ", startingAt: 0), "",
                  row.title.padding(toLength: titleWidth, withPad: " ", startingAt: 0), "",
                  style.dim(String(repeating: " ", count: cellsWidth - row.cells.count) + row.cells), "",
                  row.status)
        }
    }
}
