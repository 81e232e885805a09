/// One row of `freezelab list`: a lesson's title, cell count and last known status, read from
/// the lesson and the result cache without running anything.
public struct LessonListing: Equatable, Sendable {
    /// What the cache knows of the lesson.
    public enum Status: Equatable, Sendable {
        /// The lesson has errors that stop it from running.
        case invalid
        /// No stored result.
        case notRun
        /// The stored result; `editedSince` when the lesson text changed after it was made.
        case checked(passed: Bool, editedSince: Bool)
    }

    /// The lesson's path, as given.
    public var path: String
    /// Its title.
    public var title: String
    /// How many cells it has.
    public var cellCount: Int
    /// Its last known status.
    public var status: Status
}

extension LessonChecker {
    /// The listing of the lesson at `path`.
    public func listing(of path: String) -> LessonListing {
        let parsed = parse(path)
        let status: LessonListing.Status
        if !parsed.isRunnable {
            status = .invalid
        } else if let entry = cache.entry(for: path) {
            let current = CacheKey(lessonText: parsed.lesson.source, engineFingerprint: "", compilerVersion: "").lesson
            status = .checked(passed: entry.result.passed, editedSince: entry.key.lesson != current)
        } else {
            status = .notRun
        }
        return LessonListing(path: path, title: parsed.lesson.title, cellCount: parsed.lesson.cells.count, status: status)
    }
}
