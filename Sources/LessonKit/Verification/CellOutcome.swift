/// How one cell came out: the verifier decides it once, and every report — terminal, JUnit,
/// GitHub annotations, the site — renders it. Words come only from ``description``.
public enum CellOutcome: Equatable, Sendable, Codable, CustomStringConvertible {
    /// Ran, and printed what its output block says (or, for `expect-error`, failed as expected).
    case passed
    /// Not meant to run.
    case skipped(SkipReason)
    /// Printed something other than its output block.
    case mismatch(expected: String, actual: String)
    /// Printed something, but has no output block.
    case missingOutputBlock(actual: String)
    /// An `expect-error` cell that finished without an error.
    case expectedErrorMissing
    /// The compiler's errors in this cell, at lesson lines.
    case doesNotCompile([Diagnostic])
    /// The program trapped in this cell; `line` is the lesson line the runtime named, if any.
    case trapped(message: String, line: Int?)
    /// A Python cell raised an exception that ended its program (`RuntimeError: …`), at this
    /// lesson line, when the traceback names one.
    case raised(exception: String, line: Int?)
    /// The program was stopped in this cell after its time limit.
    case timedOut(seconds: Double)
    /// The program exited (status 0) in this cell, so later cells could not run.
    case exitedEarly
    /// The cell showed figures that could not be read back.
    case unreadableFigures([String])
    /// The cell did not run, and why.
    case notRun(NotRunReason)

    /// The outcome reduced to four states, for counts, colours and CSS classes.
    public var status: CellStatus {
        switch self {
        case .passed: .passed
        case .skipped: .skipped
        case .notRun: .notRun
        case .mismatch, .missingOutputBlock, .expectedErrorMissing, .doesNotCompile, .trapped, .raised, .timedOut,
             .exitedEarly, .unreadableFigures: .failed
        }
    }

    /// What happened, in words a lesson author can act on.
    public var description: String {
        switch self {
        case .passed: "passed"
        case .skipped(let reason): reason.description
        case .mismatch: "output does not match the output block"
        case .missingOutputBlock: "printed output, but the cell has no output block"
        case .expectedErrorMissing: "expected an error, but the cell finished without one"
        case .doesNotCompile(let errors): "does not compile: \(errors.first?.message ?? "the compiler gave no message")"
        case .trapped(let message, let line): "trapped\(line.map { " at line \($0)" } ?? ""): \(message)"
        case .raised(let exception, let line): "raised\(line.map { " at line \($0)" } ?? ""): \(exception)"
        case .timedOut(let seconds): "timed out after \(formatSeconds(seconds)) (stopped in this cell)"
        case .exitedEarly: "the program exited in this cell, so later cells could not run"
        case .unreadableFigures(let problems): problems.joined(separator: "; ")
        case .notRun(let reason): "not run: \(reason)"
        }
    }
}

/// Why a cell was not meant to run.
public enum SkipReason: Equatable, Sendable, Codable, CustomStringConvertible {
    /// The cell is `no-run`.
    case noRun
    /// A PyTorch cell, and `--pytorch skip` was given.
    case pytorchSkipped
    /// A PyTorch cell, and `import torch` does not work (`--pytorch auto`).
    case pytorchUnavailable

    /// In words.
    public var description: String {
        switch self {
        case .noRun: "no-run: compiled, not run"
        case .pytorchSkipped: "PyTorch cell skipped (--pytorch skip)"
        case .pytorchUnavailable: "PyTorch cell skipped: PyTorch is not installed"
        }
    }

    /// Whether the cell was skipped because PyTorch did not run.
    public var isPyTorch: Bool { self != .noRun }
}

/// Why a cell did not run.
public enum NotRunReason: Equatable, Sendable, Codable, CustomStringConvertible {
    /// The lesson has errors that stop it from running (reported as lesson diagnostics).
    case lessonHasErrors
    /// The lesson program did not compile, and no cell could be blamed (lesson diagnostics).
    case lessonDidNotCompile
    /// An earlier cell stopped the program.
    case stoppedBy(cell: Int, line: Int, CellStop)
    /// The program ended before this cell, for no reason the runner saw.
    case programEnded
    /// A PyTorch cell under `--pytorch require`, and `import torch` fails (the reason given).
    case pytorchUnavailable(String)

    /// Whether a lesson-level diagnostic already says why (so reports need not repeat it).
    public var isReportedByLesson: Bool {
        self == .lessonHasErrors || self == .lessonDidNotCompile
    }

    /// In words.
    public var description: String {
        switch self {
        case .lessonHasErrors: return "the lesson has errors"
        case .lessonDidNotCompile: return "the lesson did not compile"
        case .programEnded: return "the program ended before this cell"
        case .pytorchUnavailable(let why): return "PyTorch is required (--pytorch require) but cannot be imported: \(why)"
        case .stoppedBy(let cell, let line, let stop):
            let place = "cell \(cell + 1) (line \(line))"
            return switch stop {
            case .doesNotCompile: "\(place) does not compile"
            case .trapped: "\(place) trapped and ended the program"
            case .raised: "\(place) raised an exception that ended the program"
            case .timedOut(let seconds): "the program was stopped in \(place) after \(formatSeconds(seconds))"
            case .exited: "the program exited in \(place)"
            }
        }
    }
}

/// How an earlier cell stopped the cells after it.
public enum CellStop: Equatable, Sendable, Codable {
    /// It does not compile.
    case doesNotCompile
    /// It trapped.
    case trapped
    /// It raised an exception that ended its (Python) program.
    case raised
    /// Its time limit ran out.
    case timedOut(seconds: Double)
    /// It exited the program.
    case exited
}
