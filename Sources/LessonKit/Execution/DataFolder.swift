import Foundation

/// The package's `data` folder, which lesson programs read as `data/…`.
///
/// Programs run in scratch folders of their own (so a cell that writes a file never writes into
/// the author's tree); each gets a link named `data` to this folder, so a Swift cell and its
/// PyTorch twin open the same relative path a reader uses from the repository's root. What the
/// files hold is part of every lesson's cache key (``stamp``).
public struct DataFolder: Sendable, Equatable {
    /// The folder's absolute path.
    public var path: String

    /// The `data` folder of the package at `packageRoot`, or `nil` when it has none.
    public init?(packageRoot: String) {
        let path = URL(fileURLWithPath: packageRoot).appendingPathComponent("data").standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        self.path = path
    }

    /// Links `folder/data` to this folder, unless the link is already there. A lesson can only
    /// fail to read, never write into the wrong place, when the link cannot be made.
    public func link(into folder: String) {
        let link = "\(folder)/data"
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == path { return }
        try? FileManager.default.removeItem(atPath: link)
        try? FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
    }

    /// Every file's path, size, time and inode: a file added, removed or changed changes it.
    public var stamp: String { FileStamp.of(files: [], directories: [path]) }
}
