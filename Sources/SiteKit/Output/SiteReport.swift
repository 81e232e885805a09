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
    public var failures: [SiteFailure]

    /// The number of failures, for the exit status.
    public var failureCount: Int { failures.count }

    /// Creates a report.
    public init(written: [String] = [], unchanged: [String] = [], removed: [String] = [], failures: [SiteFailure] = []) {
        self.written = written
        self.unchanged = unchanged
        self.removed = removed
        self.failures = failures
    }
}

/// A problem shown on a page, with the place in the lesson it comes from.
public struct SiteFailure: Equatable, Sendable, CustomStringConvertible {
    /// The lesson's path, as in ``LessonKit/Lesson/path``.
    public var path: String
    /// 1-based line in the lesson, when known.
    public var line: Int?
    /// What is wrong, in one sentence.
    public var message: String

    /// Creates a failure.
    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: error: message`, the form editors link.
    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): error: \(message)"
    }
}
