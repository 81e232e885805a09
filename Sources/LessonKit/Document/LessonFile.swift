import Foundation

/// Writing lesson files: an edge of the pipeline.
public enum LessonFile {
    /// Writes `text` to `path` atomically: a temporary file in the same folder, then a rename,
    /// so a reader never sees half a lesson.
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).freezelab-\(UUID().uuidString)")
        try Data(text.utf8).write(to: temporary)
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path), let permissions = attributes[.posixPermissions] {
            try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
        }
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}

extension OutputSplicer {
    /// The outputs `freezelab bless` writes for `result`: the actual output of every cell that
    /// ran and did not match its output block (or printed with none). Cells that passed keep
    /// their blocks byte for byte, `...` and all.
    public static func outputsToBless(_ lesson: Lesson, result: LessonResult) -> [Int: String] {
        var outputs: [Int: String] = [:]
        for cellResult in result.cells where cellResult.status == .failed {
            guard let actual = cellResult.actual, lesson.cells.indices.contains(cellResult.index) else { continue }
            let cell = lesson.cells[cellResult.index]
            if !OutputMatcher.matches(expected: cell.expected?.text ?? "", actual: actual) {
                outputs[cell.index] = actual
            }
        }
        return outputs
    }
}
