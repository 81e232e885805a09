import Foundation

/// `freezelab bless` as a library call: writes each failing cell's actual output into its output
/// block (``OutputSplicer``), atomically, and says what it did for each lesson.
public enum Blessing {
    /// What blessing did to one lesson.
    public struct Outcome: Equatable, Sendable {
        /// The lesson's path, as given.
        public var path: String
        /// How many output blocks were written (0 when nothing needed it).
        public var blocks: Int
        /// Why the lesson could not be written, if it could not.
        public var error: String?
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
            let text = OutputSplicer.splice(lesson, outputs: outputs)
            guard !outputs.isEmpty, text != lesson.source else { return Outcome(path: lesson.path, blocks: 0) }
            do {
                try LessonFile.write(text, to: checker.resolve(lesson.path))
                return Outcome(path: lesson.path, blocks: outputs.count)
            } catch {
                return Outcome(path: lesson.path, blocks: 0, error: "cannot write \(lesson.path): \(error.localizedDescription)")
            }
        }
    }
}
