import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writing lesson files: an edge of the pipeline. Nothing an author wrote may be lost.
public enum LessonFile {
    /// Why a lesson could not be written, in words (not a Foundation error dump).
    public struct WriteError: Error, CustomStringConvertible {
        /// The message.
        public var description: String
    }

    /// Replaces the lesson at `path` with `text`, atomically, if it still holds `expected`.
    ///
    /// - A temporary file in the lesson's own folder, then a rename: a reader, or a `kill -9` at
    ///   any moment, sees the old lesson or the new one. The temporary file is named with this
    ///   process's id, and ones left by processes that no longer run are removed.
    /// - A symbolic link is followed: the target is written, the link kept. The file's mode is
    ///   kept.
    /// - When the file no longer holds `expected` (it was saved while the lesson ran), nothing is
    ///   written and the error says so: the author's edit wins.
    public static func write(_ text: String, to path: String, replacing expected: String? = nil) throws {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let folder = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        removeAbandonedTemporaries(of: name, in: folder.path)
        if let expected {
            guard let current = FileManager.default.contents(atPath: target.path) else {
                throw WriteError(description: "\(path) can no longer be read")
            }
            guard current == Data(expected.utf8) else {
                throw WriteError(description: "\(path) changed while it was being checked; nothing was written (run bless again)")
            }
        }
        let temporary = folder.appendingPathComponent(".\(name).freezelab-\(getpid())-\(UUID().uuidString)").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
        var failure: Int32 = 0
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { if errno == EINTR { continue }; failure = errno; break }
            offset += count
        }
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        var status = stat()
        if failure == 0 {
            if stat(target.path, &status) == 0 {
                _ = chmod(temporary, status.st_mode & 0o7777)
            } else {
                // A new file: the mode a plain create would give it.
                let mask = umask(0)
                umask(mask)
                _ = chmod(temporary, 0o666 & ~mask)
            }
        }
        if failure == 0 && rename(temporary, target.path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(failure)))")
        }
    }

    /// Temporary files of `name` whose writer is gone (killed mid-write).
    private static func removeAbandonedTemporaries(of name: String, in folder: String) {
        let prefix = ".\(name).freezelab-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where entry.hasPrefix(prefix) {
            let owner = entry.dropFirst(prefix.count).prefix { $0.isNumber }
            // Files without a process id come from older versions: always abandoned.
            if let pid = Int32(owner), kill(pid, 0) == 0 || errno == EPERM { continue }
            unlink("\(folder)/\(entry)")
        }
    }
}
