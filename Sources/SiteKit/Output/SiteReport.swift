import LessonKit

/// What a site build did and what it found wrong.
public struct SiteReport: Equatable, Sendable {
    /// Site-relative paths of files written because they were new or changed, sorted.
    public var written: [String]
    /// Site-relative paths of files left alone because their bytes were already right, sorted.
    public var unchanged: [String]
    /// Site-relative paths of stale files removed, sorted.
    public var removed: [String]
    /// Every problem the pages show: failed or unverified cells, lesson diagnostics, figures
    /// that could not be drawn. The build command exits non-zero when this is not empty,
    /// unless it is told to allow failures.
    public var failures: [Finding]

    /// Creates a report.
    public init(written: [String] = [], unchanged: [String] = [], removed: [String] = [], failures: [Finding] = []) {
        self.written = written
        self.unchanged = unchanged
        self.removed = removed
        self.failures = failures
    }
}
