/// What compiling and running one program of a lesson produced: the input to verification.
public struct ProgramRun: Equatable, Sendable {
    /// The program that was compiled (and run, when it compiled). When the planned program had
    /// a cell that does not compile, this is the shorter program of the cells before it.
    public var plan: ProgramPlan
    /// Its compilation.
    public var compile: CompileOutcome
    /// Its run, or `nil` when it did not compile.
    public var process: ProcessOutcome?
    /// The time limit it ran under, in seconds.
    public var timeout: Double
    /// The cell that stopped the planned program from compiling, if one could be blamed.
    public var brokenCell: BrokenCell?
    /// Whether it ran from a ``ProgramBatch``'s executable rather than compiled alone.
    public var batched = false
    /// Whether this is the stored run of the unchanged program (``ResultCache/storedRun(of:key:)``),
    /// not a new one.
    public var reused = false

    /// Creates a program run.
    public init(plan: ProgramPlan, compile: CompileOutcome, process: ProcessOutcome?, timeout: Double, brokenCell: BrokenCell? = nil) {
        self.plan = plan
        self.compile = compile
        self.process = process
        self.timeout = timeout
        self.brokenCell = brokenCell
    }
}

/// The first cell of a planned program that does not compile. The cells before it were compiled
/// and run without it (``ProgramRun/plan``); the cells after it were left out.
public struct BrokenCell: Equatable, Sendable {
    /// The cell's ``Cell/index``.
    public var index: Int
    /// The compiler's errors in the cell, at lesson lines.
    public var errors: [Diagnostic]
    /// The cells of the planned program after it, which were not run.
    public var laterCellIndices: [Int]
    /// Wall-clock seconds spent on the compiles that failed.
    public var duration: Double

    /// Creates a broken cell.
    public init(index: Int, errors: [Diagnostic], laterCellIndices: [Int], duration: Double = 0) {
        self.index = index
        self.errors = errors
        self.laterCellIndices = laterCellIndices
        self.duration = duration
    }
}
