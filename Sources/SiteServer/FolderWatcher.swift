import Foundation

/// Notices edits to the Markdown files of a folder by polling their sizes and modification times
/// (simple and portable), and reports a change only once the files have been still for a moment,
/// so a burst of saves (an editor writing a swap file, a `git checkout`) causes one rebuild.
public struct FolderWatcher: Sendable {
    /// The folder watched.
    public var folder: URL
    /// How often to look.
    public var interval: Double
    /// How long the files must stay unchanged before a change is reported.
    public var quiet: Double

    /// Creates a watcher.
    public init(folder: URL, interval: Double = 0.25, quiet: Double = 0.3) {
        self.folder = folder
        self.interval = interval
        self.quiet = quiet
    }

    /// What the folder's `.md` files look like now: name → (size, modification time).
    public func snapshot() -> [String: [Double]] {
        let manager = FileManager.default
        var stamps: [String: [Double]] = [:]
        for name in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".md") {
            let attributes = try? manager.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
            let size = (attributes?[.size] as? NSNumber)?.doubleValue ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            stamps[name] = [size, modified]
        }
        return stamps
    }

    /// Calls `changed` after every settled change, until the task is cancelled.
    public func watch(_ changed: @Sendable () async -> Void) async {
        var seen = snapshot()
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
            var now = snapshot()
            guard now != seen else { continue }
            // Wait for the burst to end.
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(quiet * 1_000_000_000))
                let later = snapshot()
                if later == now { break }
                now = later
            }
            seen = now
            await changed()
        }
    }
}
