import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A value worked out by slow means (starting SwiftPM, the compiler, Python) and kept in a file
/// until one of the files it depends on changes: how a warm `check` knows the engine is built,
/// which compiler it has and which PyTorch, in milliseconds instead of seconds.
///
/// The stamp is every watched file's path, size, modification time (to the nanosecond) and
/// inode, and for a watched directory the same for every file below it. A file that appears or
/// disappears changes it too. What is watched must be everything the value depends on: that is
/// the caller's promise, and the cache key of every lesson result rests on it. Watched
/// directories hold inputs (sources); watched files may be outputs of the computation (the built
/// library), so only the directories are checked for edits made while it ran.
struct Stamped<Value: Codable>: Codable {
    /// Files watched one by one.
    var files: [String]
    /// Folders watched with everything below them.
    var directories: [String]
    /// ``FileStamp/of(files:directories:)`` when the value was stored.
    var stamp: String
    /// The value.
    var value: Value

    /// The value stored at `path`, when its stamp still holds; otherwise `compute`'s value (and
    /// what it depends on), stored for next time. A store that fails is only a missed shortcut.
    static func value(at path: String, compute: () async throws -> (Value, files: [String], directories: [String])) async rethrows -> Value {
        if let stored = stored(at: path) { return stored }
        let started = Date()
        let (value, files, directories) = try await compute()
        // An input saved while the value was being worked out (a source edited during the
        // build) may not be in it: then nothing is stored, and the next call works it out again.
        // Inputs are what was watched before; `files` the compute wrote itself are outputs.
        if !FileStamp.modified(since: started.addingTimeInterval(-1), directories: directories) {
            store(value, files: files, directories: directories, at: path)
        }
        return value
    }

    /// The value stored at `path`, if its stamp still holds.
    static func stored(at path: String) -> Value? {
        guard let data = FileManager.default.contents(atPath: path),
              let stored = try? JSONDecoder().decode(Stamped.self, from: data),
              FileStamp.of(files: stored.files, directories: stored.directories) == stored.stamp else { return nil }
        return stored.value
    }

    /// Stores `value` at `path` with the stamp of what it depends on (quietly: a failed store is
    /// only a missed shortcut).
    static func store(_ value: Value, files: [String], directories: [String], at path: String) {
        let stored = Stamped(files: files, directories: directories, stamp: FileStamp.of(files: files, directories: directories), value: value)
        guard let data = try? JSONEncoder().encode(stored) else { return }
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// The stamp of a set of files and folders.
enum FileStamp {
    /// One line per file (`path size mtime inode`, or `path missing`), sorted, hashed.
    static func of(files: [String], directories: [String]) -> String {
        var lines = files.map(line)
        for directory in directories {
            let root = URL(fileURLWithPath: directory).standardizedFileURL.path
            lines.append(line(root))
            let below = FileManager.default.enumerator(atPath: root)
            while let relative = below?.nextObject() as? String {
                lines.append(line("\(root)/\(relative)"))
            }
        }
        return SHA256.hex(lines.sorted().joined(separator: "\n"))
    }

    /// Whether a file below `directories` was modified at or after `date`.
    static func modified(since date: Date, directories: [String]) -> Bool {
        let limit = date.timeIntervalSince1970
        for directory in directories {
            let root = URL(fileURLWithPath: directory).standardizedFileURL.path
            let below = FileManager.default.enumerator(atPath: root)
            while let relative = below?.nextObject() as? String {
                var status = stat()
                guard stat("\(root)/\(relative)", &status) == 0 else { continue }
                if Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9 >= limit { return true }
            }
        }
        return false
    }

    private static func line(_ path: String) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { return "\(path) missing" }
        return "\(path) \(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec) \(status.st_ino)"
    }

    /// The real path of `command` as the shell would find it in `PATH` (or itself when it names
    /// a file), so a stamp can watch the compiler or interpreter binary itself.
    static func resolve(_ command: String) -> String? {
        let candidates = command.contains("/") ? [command]
            : (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(command)" }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        return URL(fileURLWithPath: found).resolvingSymlinksInPath().path
    }
}
