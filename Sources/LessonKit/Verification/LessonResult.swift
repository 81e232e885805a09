import Figures

/// What running and checking one lesson produced. Plain values: the CLI reports them, the site
/// renders them, the cache stores them, and nothing is run twice.
public struct LessonResult: Equatable, Sendable, Codable {
    /// The lesson's path, as in ``Lesson/path``.
    public var path: String
    /// One result per cell, in cell order.
    public var cells: [CellResult]
    /// Problems that are not one cell's mismatch: a malformed lesson, a compile error, a timeout.
    public var diagnostics: [Diagnostic]
    /// Wall-clock seconds spent compiling and running (0 when reused from the cache). Reported,
    /// never written into committed files.
    public var duration: Double

    /// True when every cell passed and there is no error diagnostic.
    public var passed: Bool {
        !diagnostics.contains { $0.severity == .error } && cells.allSatisfy { $0.status == .passed || $0.status == .skipped }
    }

    /// Creates a result.
    public init(path: String, cells: [CellResult], diagnostics: [Diagnostic] = [], duration: Double = 0) {
        self.path = path
        self.cells = cells
        self.diagnostics = diagnostics
        self.duration = duration
    }
}

/// The outcome of one cell.
public struct CellResult: Equatable, Sendable, Codable {
    /// The cell's ``Cell/index``.
    public var index: Int
    /// Whether the cell met its expectation.
    public var status: CellStatus
    /// The text the cell printed (figures lifted out), or `nil` when it did not run.
    public var actual: String?
    /// Figures the cell showed, in order.
    public var figures: [Figure]
    /// Why the cell failed or did not run, in words a lesson author can act on.
    public var message: String?

    /// Creates a cell result.
    public init(index: Int, status: CellStatus, actual: String? = nil, figures: [Figure] = [], message: String? = nil) {
        self.index = index
        self.status = status
        self.actual = actual
        self.figures = figures
        self.message = message
    }
}

/// The status of one cell after verification.
public enum CellStatus: String, Equatable, Sendable, Codable {
    /// Ran, and its output matched.
    case passed
    /// Ran, and its output (or error) did not match.
    case failed
    /// Did not run because an earlier cell trapped or does not compile, the lesson did not compile, or it timed out.
    case notRun
    /// Not meant to run (`no-run`), compiled only.
    case skipped
}

/// A message about a place in a lesson.
public struct Diagnostic: Equatable, Sendable, Codable {
    /// How bad it is.
    public enum Severity: String, Equatable, Sendable, Codable { case error, warning, note }

    /// The file, as given.
    public var file: String
    /// 1-based line, or `nil` for the whole file.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// How bad it is.
    public var severity: Severity
    /// The message, one sentence that says what is wrong.
    public var message: String

    /// Creates a diagnostic.
    public init(file: String, line: Int?, column: Int? = nil, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// `file:line:column: severity: message`, the form editors and terminals link.
    public var formatted: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(severity.rawValue): \(message)"
    }
}
