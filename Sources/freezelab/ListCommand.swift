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
        let rows = paths.map { path in
            let listing = checker.listing(of: path)
            let status = switch listing.status {
            case .invalid: style.red("invalid")
            case .notRun: style.dim("not run")
            case .checked(let passed, let edited):
                (passed ? style.green("passed") : style.red("failed")) + (edited ? style.dim(" (edited since)") : "")
            }
            return (path: path, title: listing.title, cells: "\(listing.cellCount) cell\(listing.cellCount == 1 ? "" : "s")", status: status)
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
