import Foundation

/// Writes rendered files into the site directory: only files whose bytes changed are rewritten
/// (so timestamps and `git status` stay quiet), and files the site no longer has are removed.
///
/// Only files with the site's own extensions (`html`, `css`, `js`, `json`, `svg`, `py`, `ipynb`,
/// `csv`, `md`) are ever
/// removed; dotfiles and anything else in the directory are left alone.
struct SiteWriter {
    var directory: URL

    static let ownedExtensions: Set<String> = ["html", "css", "js", "json", "svg", "py", "ipynb", "csv", "md"]

    func write(_ files: [String: Data]) throws -> SiteReport {
        let manager = FileManager.default
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        var report = SiteReport()
        for path in files.keys.sorted() {
            let url = directory.appendingPathComponent(path)
            let data = files[path]!
            if manager.contents(atPath: url.path) == data {
                report.unchanged.append(path)
                continue
            }
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
            report.written.append(path)
        }
        for path in try existingFiles().sorted() where files[path] == nil {
            try manager.removeItem(at: directory.appendingPathComponent(path))
            report.removed.append(path)
        }
        return report
    }

    /// Site-relative paths of the owned files now in the directory.
    func existingFiles() throws -> [String] {
        let base = directory.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            guard !name.hasPrefix("."), Self.ownedExtensions.contains((name as NSString).pathExtension) else { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                paths.append(path)
            }
        }
        return paths
    }
}
