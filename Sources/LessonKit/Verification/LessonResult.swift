import Figures

/// What running and checking one lesson produced. Plain values: the CLI reports them, the site
/// renders them, the cache stores them, and nothing is run twice.
public struct LessonResult: Equatable, Sendable, Codable {
    /// The lesson's path, as in ``Lesson/path``.
    public var path: String
    /// One result per cell, in cell order.
    public var cells: [CellResult]
    /// Problems of the lesson as a whole, not of one cell: a malformed lesson, a program that did
    /// not compile where no cell could be blamed, output printed outside any cell. A cell's own
    /// problems are its ``CellResult/outcome``, never repeated here.
    public var diagnostics: [Diagnostic]
    /// Wall-clock seconds spent compiling and running (0 when reused from the cache). Reported,
    /// never written into committed files.
    public var duration: Double
    /// The PyTorch version the lesson's PyTorch cells ran with (`2.13.0+cpu`), or `nil` when none ran.
    public var pytorchVersion: String?

    /// True when every cell passed and there is no error diagnostic.
    public var passed: Bool {
        !diagnostics.contains { $0.severity == .error } && cells.allSatisfy(\.passed)
    }

    /// Creates a result.
    public init(path: String, cells: [CellResult], diagnostics: [Diagnostic] = [], duration: Double = 0, pytorchVersion: String? = nil) {
        self.path = path
        self.cells = cells
        self.diagnostics = diagnostics
        self.duration = duration
        self.pytorchVersion = pytorchVersion
    }
}

/// What one cell did: its outcome, and what it printed and showed.
public struct CellResult: Equatable, Sendable, Codable {
    /// The cell's ``Cell/index``.
    public var index: Int
    /// How it came out.
    public var outcome: CellOutcome
    /// The text the cell printed (figures lifted out; for a cell that threw, followed by the
    /// error), or `nil` when it did not run.
    public var actual: String?
    /// Figures the cell showed, in order.
    public var figures: [Figure]
    /// How the cell's PyTorch twin came out, for a Swift cell that has one.
    public var twin: TwinResult?
    /// Seconds the cell's code ran, as its program measured it; `nil` when it did not end.
    /// Reported (JUnit), never written into committed files.
    public var seconds: Double?

    /// Creates a cell result.
    public init(index: Int, outcome: CellOutcome, actual: String? = nil, figures: [Figure] = [], twin: TwinResult? = nil, seconds: Double? = nil) {
        self.index = index
        self.outcome = outcome
        self.actual = actual
        self.figures = figures
        self.twin = twin
        self.seconds = seconds
    }

    /// The outcome reduced to four states.
    public var status: CellStatus { outcome.status }

    /// Whether the cell, and its twin if it has one, met their expectations (or were skipped).
    public var passed: Bool {
        [outcome.status, twin?.outcome.status ?? .passed].allSatisfy { $0 == .passed || $0 == .skipped }
    }
}

/// How a Swift cell's PyTorch twin came out: judged against the same output block.
public struct TwinResult: Equatable, Sendable, Codable {
    /// How it came out.
    public var outcome: CellOutcome
    /// What it printed (then `str(exception)` for one that raised as expected), or `nil` when it
    /// did not run.
    public var actual: String?
    /// Seconds the twin's code ran; `nil` when it did not end.
    public var seconds: Double?

    /// Creates a twin result.
    public init(outcome: CellOutcome, actual: String? = nil, seconds: Double? = nil) {
        self.outcome = outcome
        self.actual = actual
        self.seconds = seconds
    }
}

/// The status of one cell after verification.
public enum CellStatus: String, Equatable, Sendable, Codable {
    /// Ran, and met its expectation.
    case passed
    /// Ran (or was compiled), and did not.
    case failed
    /// Did not run because something before it stopped the program or the lesson.
    case notRun
    /// Not meant to run (`no-run`), compiled only.
    case skipped
}
