import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a file shared between processes (`flock`), waited for without blocking
/// a thread: two freezelab processes on one tree take turns on a lesson's build folder instead of
/// overwriting each other's program. The kernel drops it when the process ends, however it ends.
final class FileLock: @unchecked Sendable {
    private var descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Waits for the lock on `path` (created if needed), polling every 20 ms.
    static func acquire(_ path: String) async throws -> FileLock {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw LockError(description: "cannot open the lock file \(path)") }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                close(descriptor)
                throw LockError(description: "cannot lock \(path)")
            }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        return FileLock(descriptor: descriptor)
    }

    /// Releases the lock (closing the file releases it); again does nothing.
    func release() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    deinit { release() }

    struct LockError: Error, CustomStringConvertible { var description: String }
}
