import Foundation

/// `freezelab bless` as a library call: writes each failing cell's actual output into its output
/// block (``OutputSplicer``), atomically, and says what it did for each lesson.
public enum Blessing {
    /// Whether `CI` says this is continuous integration (where bless refuses without `--force`):
    /// set to anything but an empty string, `0` or `false` (any case).
    public static func isCI(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let value = environment["CI"]?.trimmingCharacters(in: .whitespaces) else { return false }
        return !["", "0", "false", "no"].contains(value.lowercased())
    }

    /// What blessing did to one lesson.
    public struct Outcome: Equatable, Sendable {
        /// The lesson's path, as given.
        public var path: String
        /// How many output blocks were written (0 when nothing needed it).
        public var blocks: Int
        /// Why the lesson could not be written, if it could not.
        public var error: String?
        /// Twins that do not print what the lesson's output blocks now say: blessing writes the
        /// Swift side, so these still fail (each a diagnostic at the twin's line).
        public var disagreeingTwins: [Diagnostic] = []
        /// What still fails once the blocks are written: cells that crashed, timed out, did not
        /// compile or did not run, and the lesson's own errors. Bless writes no output for
        /// those, so the lesson does not pass, and bless says so.
        public var stillFailing: [Finding] = []
    }

    /// The failures `outputs` do not cure: every finding of the lesson as if the blessed cells had
    /// passed, twins left to ``disagreeingTwins(_:result:outputs:)``.
    public static func stillFailing(_ lesson: Lesson, result: LessonResult, outputs: [Int: String]) -> [Finding] {
        var after = result
        for i in after.cells.indices {
            after.cells[i].twin = nil
            if outputs[after.cells[i].index] != nil { after.cells[i].outcome = .passed }
        }
        return Finding.of(lesson: lesson, result: after).filter { $0.diagnostic.severity != .warning }
    }

    /// The twins of `lesson` that ran and do not print their cell's output once `outputs` are
    /// written (a twin that raised or did not run counts too, unless it was skipped).
    public static func disagreeingTwins(_ lesson: Lesson, result: LessonResult, outputs: [Int: String]) -> [Diagnostic] {
        result.cells.compactMap { cellResult in
            guard let twinResult = cellResult.twin, lesson.cells.indices.contains(cellResult.index),
                  let twin = lesson.cells[cellResult.index].twin else { return nil }
            let cell = lesson.cells[cellResult.index]
            if case .skipped = twinResult.outcome { return nil }
            let text = outputs[cell.index] ?? cell.expected?.text ?? ""
            let what: String
            switch twinResult.outcome {
            case .passed, .mismatch, .missingOutputBlock:
                guard !OutputMatcher.matches(expected: text, actual: twinResult.actual ?? "") else { return nil }
                what = "prints something else than the blessed output"
            default:
                what = "\(twinResult.outcome)"
            }
            return Diagnostic(file: lesson.path, line: twin.line, message: "\(cell.name) (PyTorch twin): \(what)")
        }
    }

    /// The outputs to write for `result`: the actual output of every cell that ran and printed
    /// something other than its output block (or printed with none). Cells that passed keep
    /// their blocks byte for byte, `...` and all; a cell that trapped, timed out or did not
    /// compile is never blessed, since its output is not what the cell prints.
    public static func outputs(for lesson: Lesson, result: LessonResult) -> [Int: String] {
        var outputs: [Int: String] = [:]
        for cell in result.cells where lesson.cells.indices.contains(cell.index) {
            switch cell.outcome {
            case .mismatch(_, let actual), .missingOutputBlock(let actual): outputs[cell.index] = actual
            default: break
            }
        }
        return outputs
    }

    /// Blesses every lesson of `checked`, writing files through `checker` (which knows the
    /// package root). A lesson that cannot be written is reported and the others still blessed.
    public static func bless(_ checked: [CheckedLesson], checker: LessonChecker) -> [Outcome] {
        checked.compactMap { item in
            guard let lesson = item.lesson else { return nil }
            let outputs = outputs(for: lesson, result: item.result)
            let twins = disagreeingTwins(lesson, result: item.result, outputs: outputs)
            let failing = stillFailing(lesson, result: item.result, outputs: outputs)
            let text = OutputSplicer.splice(lesson, outputs: outputs)
            guard !outputs.isEmpty, text != lesson.source else {
                return Outcome(path: lesson.path, blocks: 0, disagreeingTwins: twins, stillFailing: failing)
            }
            do {
                // Only over the text that was checked: an edit saved meanwhile is never lost.
                try LessonFile.write(text, to: checker.resolve(lesson.path), replacing: lesson.source)
                return Outcome(path: lesson.path, blocks: outputs.count, disagreeingTwins: twins, stillFailing: failing)
            } catch {
                return Outcome(path: lesson.path, blocks: 0, error: "\(error)", disagreeingTwins: twins, stillFailing: failing)
            }
        }
    }
}
