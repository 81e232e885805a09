/// One word of a cell's info string after the language (` ```swift hidden timeout=10 `).
///
/// The one place option words are spelled: the parser reads them with ``init(word:)``, and every
/// report, the site and the docs table print them with ``description`` and ``catalog``.
public enum CellOption: Equatable, Sendable, CustomStringConvertible {
    /// Runs, but is not shown on the site.
    case hidden
    /// The cell must throw or trap; its output block holds what it printed and the error.
    case expectError
    /// Compiled and shown, never run.
    case noRun
    /// Compiled into a program of its own, sharing no state with other cells.
    case standalone
    /// The program that runs this cell may take this many seconds instead of `--timeout`.
    case timeout(seconds: Double)
    /// A Swift cell without a PyTorch twin, on purpose, and why (shown where the twin would be).
    case swiftOnly(reason: String)
    /// The site asks the reader to predict the output before showing it.
    case predict

    /// What an author can write, with a sentence each: the docs' options table is checked
    /// against this list.
    public static let catalog: [(word: String, summary: String)] = [
        ("hidden", "Runs, but is not shown on the site (set-up code); its figures still are."),
        ("expect-error", "The cell must throw or trap; its output block holds what it printed, then the error message."),
        ("no-run", "Compiled (so it cannot rot) and shown, but never run; it needs no output block."),
        ("standalone", "Compiled and run as a program of its own, sharing no state with other cells."),
        ("timeout=SECONDS", "The program that runs this cell may take SECONDS instead of `--timeout` (on a `standalone` cell, exactly its own limit)."),
        ("swift-only=\"WHY\"", "A Swift cell with no PyTorch twin, on purpose (an engine instrument PyTorch reports differently, a figure): the site shows WHY in its place."),
        ("predict", "The site asks \"What will this print?\" and shows the verified output only when the reader reveals it (without JavaScript it is shown)."),
    ]

    /// Why a word is not an option.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The word as written.
        public var word: String
        /// What is wrong with it.
        public var description: String
    }

    /// Reads one word of an info string.
    public init(word: String) throws(ParseError) {
        let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        switch (parts[0], parts.count) {
        case ("hidden", 1): self = .hidden
        case ("expect-error", 1): self = .expectError
        case ("no-run", 1): self = .noRun
        case ("standalone", 1): self = .standalone
        case ("predict", 1): self = .predict
        case ("timeout", 2):
            guard let seconds = Double(parts[1]), seconds > 0, seconds.isFinite else {
                throw ParseError(word: word, description: "`\(word)`: a timeout is a positive number of seconds (`timeout=10`)")
            }
            self = .timeout(seconds: seconds)
        case ("timeout", _):
            throw ParseError(word: word, description: "`timeout` needs a value in seconds (`timeout=10`)")
        case ("swift-only", 2) where !parts[1].isEmpty:
            self = .swiftOnly(reason: String(parts[1]))
        case ("swift-only", _):
            throw ParseError(word: word, description: "`swift-only` needs the reason, in quotes (`swift-only=\"an engine instrument\"`)")
        default:
            let known = Self.catalog.map(\.word).joined(separator: ", ")
            throw ParseError(word: word, description: "unknown cell option `\(word)` (known: \(known))")
        }
    }

    /// The word as an author writes it.
    public var description: String {
        switch self {
        case .hidden: "hidden"
        case .expectError: "expect-error"
        case .noRun: "no-run"
        case .standalone: "standalone"
        case .timeout(let seconds): "timeout=\(seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds))"
        case .swiftOnly(let reason): "swift-only=\"\(reason)\""
        case .predict: "predict"
        }
    }
}

/// What running a cell means. One value, so a cell cannot be both `no-run` and `expect-error`.
public enum CellMode: Equatable, Sendable {
    /// Runs; its output must match its output block.
    case run
    /// Runs and must throw or trap.
    case expectError
    /// Compiled only.
    case noRun
}

/// A cell's options, as read from its info string.
public struct CellOptions: Equatable, Sendable {
    /// What running the cell means.
    public var mode: CellMode
    /// Runs, but is not shown on the site.
    public var hidden: Bool
    /// Compiled into a program of its own.
    public var standalone: Bool
    /// Seconds the program that runs this cell may take, instead of `--timeout`.
    public var timeout: Double?
    /// Why a Swift cell has no PyTorch twin, when it has none on purpose.
    public var swiftOnly: String?
    /// The site hides the output until the reader has predicted it.
    public var predict = false

    /// Creates options; a running, shown, shared cell under the default time limit by default.
    public init(mode: CellMode = .run, hidden: Bool = false, standalone: Bool = false, timeout: Double? = nil,
                swiftOnly: String? = nil) {
        self.mode = mode
        self.hidden = hidden
        self.standalone = standalone
        self.timeout = timeout
        self.swiftOnly = swiftOnly
    }

    /// The cell must throw or trap.
    public var expectError: Bool { mode == .expectError }
    /// The cell is compiled only.
    public var noRun: Bool { mode == .noRun }

    /// The options as words, in the catalog's order (what `freezelab run` shows as tags).
    public var words: [CellOption] {
        var words: [CellOption] = []
        if hidden { words.append(.hidden) }
        if mode == .expectError { words.append(.expectError) }
        if mode == .noRun { words.append(.noRun) }
        if standalone { words.append(.standalone) }
        if let timeout { words.append(.timeout(seconds: timeout)) }
        if let swiftOnly { words.append(.swiftOnly(reason: swiftOnly)) }
        if predict { words.append(.predict) }
        return words
    }

    /// Reads the words after the language; each problem is one message.
    public static func parse(_ words: [String]) -> (options: CellOptions, problems: [String]) {
        var options = CellOptions(), problems: [String] = []
        func set(_ mode: CellMode) {
            if options.mode != .run, options.mode != mode {
                problems.append("a `no-run` cell cannot `expect-error`: it never runs")
            } else {
                options.mode = mode
            }
        }
        for word in words {
            do {
                switch try CellOption(word: word) {
                case .hidden: options.hidden = true
                case .standalone: options.standalone = true
                case .timeout(let seconds): options.timeout = seconds
                case .swiftOnly(let reason): options.swiftOnly = reason
                case .predict: options.predict = true
                case .expectError: set(.expectError)
                case .noRun: set(.noRun)
                }
            } catch {
                problems.append(error.description)
            }
        }
        return (options, problems)
    }
}

/// The words of an info string: separated by spaces and tabs, except inside double quotes, which
/// hold a value with spaces (`swift-only="an engine instrument"` is one word; the quotes go).
public func infoWords(_ info: String) -> [String] {
    var words: [String] = [], current = "", quoted = false, started = false
    for character in info {
        if character == "\"" {
            quoted.toggle()
            started = true
        } else if !quoted && (character == " " || character == "\t") {
            if started { words.append(current) }
            current = ""
            started = false
        } else {
            current.append(character)
            started = true
        }
    }
    if started { words.append(current) }
    return words
}
