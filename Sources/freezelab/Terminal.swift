import Foundation
import LessonKit

/// Facts about the terminal the CLI writes to.
enum Terminal {
    /// Whether standard output is a terminal.
    static var isInteractive: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Colours when writing to a terminal and `NO_COLOR` is not set.
    static var style: TerminalStyle {
        TerminalStyle(colors: isInteractive && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true)
    }

    /// Writes `text` to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// A progress callback that rewrites one line on a terminal, or nothing otherwise.
    static func progressLine() -> (@Sendable (Int, Int, String) -> Void)? {
        guard isInteractive else { return nil }
        return { finished, total, path in
            let line = "[\(finished)/\(total)] \(path)"
            FileHandle.standardOutput.write(Data("\r\u{1B}[2K\(line)".utf8))
        }
    }

    /// Clears the progress line.
    static func clearProgress() {
        if isInteractive { FileHandle.standardOutput.write(Data("\r\u{1B}[2K".utf8)) }
    }

    /// Prints why each lesson ran or was reused.
    static func explain(_ lessons: [CheckedLesson]) {
        for lesson in lessons { print("\(lesson.path): \(lesson.decision.explanation)") }
    }
}
