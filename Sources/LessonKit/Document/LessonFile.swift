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
