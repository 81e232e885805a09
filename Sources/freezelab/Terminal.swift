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

    /// A progress callback: on a terminal one line rewritten in place (lessons done, seconds
    /// since the start, the last lesson); otherwise a plain line per lesson on standard error,
    /// so a CI log shows progress and standard output keeps only the report.
    static func progressLine() -> (@Sendable (Int, Int, String) -> Void)? {
        let start = Date()
        return { finished, total, path in
            let line = "[\(finished)/\(total)] \(String(format: "%.1f", Date().timeIntervalSince(start))) s  \(path)"
            if isInteractive {
                FileHandle.standardOutput.write(Data("\r\u{1B}[2K\(line)".utf8))
            } else {
                error(line)
            }
        }
    }

    /// A line about slow work (building the engine): in place on a terminal, else on standard error.
    @Sendable static func status(_ text: String) {
        if isInteractive {
            FileHandle.standardOutput.write(Data("\r\u{1B}[2K\(text)".utf8))
        } else {
            error(text)
        }
    }

    /// Clears the progress line.
    static func clearProgress() {
        if isInteractive { FileHandle.standardOutput.write(Data("\r\u{1B}[2K".utf8)) }
    }

    /// Prints why each lesson ran or was reused.
    static func explain(_ lessons: [CheckedLesson]) {
        for lesson in lessons {
            var notes: [String] = []
            if lesson.reusedPrograms > 0 { notes.append("\(lesson.reusedPrograms) unchanged program(s) not run again") }
            if lesson.batched { notes.append("compiled in a batch with other lessons") }
            print("\(lesson.path): \(lesson.decision.explanation)" + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))"))
        }
    }
}
