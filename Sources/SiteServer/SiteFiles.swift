import Foundation

/// What the server serves: a built site held in memory (``SiteServer/publish(_:changed:)``
/// swaps it whole, so a request never sees a half-written page), or a folder on disk served
/// as it is.
public enum SiteFiles: Sendable {
    /// Site-relative path → bytes.
    case memory([String: Data])
    /// A folder; nothing outside it is reachable, symbolic links included.
    case folder(URL)

    /// The bytes at a decoded request path (`/` and folders mean their `index.html`), or `nil`.
    func file(at path: String) -> Data? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        // No parent steps and no hidden files (`.git`, editors' swap files).
        guard !parts.contains(where: { $0.hasPrefix(".") || $0.contains("\0") }) else { return nil }
        switch self {
        case .memory(let files):
            let key = parts.joined(separator: "/")
            if let data = files[key] { return data }
            return files[key.isEmpty ? "index.html" : key + "/index.html"]
        case .folder(let root):
            let base = root.resolvingSymlinksInPath().standardizedFileURL
            var url = base
            for part in parts { url.appendPathComponent(part) }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                url.appendPathComponent("index.html")
            }
            // A symbolic link inside the folder that points outside it is not followed.
            let real = url.resolvingSymlinksInPath().standardizedFileURL.path
            guard real.hasPrefix(base.path + "/") else { return nil }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: real, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
            return FileManager.default.contents(atPath: real)
        }
    }

    /// The media type for a file name.
    static func contentType(of path: String) -> String {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return [
            "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
            "js": "text/javascript; charset=utf-8", "json": "application/json", "svg": "image/svg+xml",
            "png": "image/png", "py": "text/x-python; charset=utf-8", "ipynb": "application/x-ipynb+json",
        ][ext] ?? "application/octet-stream"
    }
}
