#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// How a running lesson program tells the runner where each cell starts and ends: one control
/// line per event on standard output. The program writes with ``emit(_:)`` (linked from the
/// engine library, as ``FigureWire`` is), the runner reads with ``event(in:)``: both halves use
/// this one type, so the protocol is spelled once.
public enum CellWire {
    /// The marker that starts every control line. It begins with a control character (unit
    /// separator) no lesson prints.
    public static let marker = "\u{1F}freezelab:"

    /// What a control line says.
    public enum Event: Equatable, Sendable {
        /// The cell with this index starts.
        case begin(Int)
        /// The cell ran to its end.
        case end(Int)
        /// An `expect-error` cell finished without throwing.
        case finishedWithoutError(Int)
        /// The cell threw; what follows until its `end` is the error's description.
        case threw(Int)

        /// The cell the event is about.
        public var cell: Int {
            switch self {
            case .begin(let cell), .end(let cell), .finishedWithoutError(let cell), .threw(let cell): cell
            }
        }

        var verb: String {
            switch self {
            case .begin: "begin"
            case .end: "end"
            case .finishedWithoutError: "no-error"
            case .threw: "threw"
            }
        }
    }

    /// The control line for `event`, without the newlines around it.
    public static func line(for event: Event) -> String {
        "\(marker)\(event.verb) \(event.cell)"
    }

    /// The event a control line's text (after the marker) says, or `nil` when it says none.
    public static func event(in text: Substring) -> Event? {
        let words = text.split(separator: " ")
        guard words.count == 2 || (words.count == 3 && words[0] == "end"), let cell = Int(words[1]) else { return nil }
        switch words[0] {
        case "begin": return .begin(cell)
        case "end": return .end(cell)
        case "no-error": return .finishedWithoutError(cell)
        case "threw": return .threw(cell)
        default: return nil
        }
    }

    /// The seconds a cell ran, which its `end` line carries in microseconds after the cell's
    /// index (`end 3 12500`), or `nil` for any other line. Reports (JUnit) show it; no committed
    /// file does.
    public static func seconds(in text: Substring) -> Double? {
        let words = text.split(separator: " ")
        guard words.count == 3, words[0] == "end", let micros = Int(words[2]) else { return nil }
        return Double(micros) / 1e6
    }

    // MARK: - The program's half

    /// When the running cell began, on the monotonic clock. A lesson program runs its cells on
    /// its main thread only, one after another.
    nonisolated(unsafe) private static var cellBegan: Double = 0

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Makes standard output unbuffered, so what a cell printed before a trap is kept. A lesson
    /// program calls this first.
    public static func start() {
        setvbuf(stdout, nil, _IONBF, 0)
    }

    /// Writes the control line for `event` on a line of its own.
    public static func emit(_ event: Event) {
        fflush(stdout)
        var text = line(for: event)
        switch event {
        case .begin: cellBegan = now()
        case .end: text += " \(Int(((now() - cellBegan) * 1e6).rounded()))"
        default: break
        }
        fputs("\n" + text + "\n", stdout)
        fflush(stdout)
    }

    /// Reports that cell `cell` threw `error`, and prints the error.
    public static func threw(_ cell: Int, _ error: any Error) {
        emit(.threw(cell))
        print(error)
    }

    /// Stops the program with `message`: the engine's error for a misuse, in PyTorch's words
    /// where PyTorch has them. The runner shows the message as the cell's error (and it is what an
    /// `expect-error` cell prints, as `str(exception)` is for its PyTorch twin), whatever the
    /// engine's optimisation: `precondition` drops its message in release builds, this does not.
    public static func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        fflush(stdout)
        fputs("\n" + marker + failureVerb + " " + escape(message) + "\n", stderr)
        fflush(stderr)
        fatalError(message, file: file, line: line)
    }

    /// The message a program that stopped with ``fail(_:file:line:)`` gave, read from its
    /// standard error; `nil` when it stopped some other way.
    public static func failure(in standardError: String) -> String? {
        let start = marker + failureVerb + " "
        for line in standardError.split(separator: "\n", omittingEmptySubsequences: true) where line.hasPrefix(start) {
            return unescape(line.dropFirst(start.count))
        }
        return nil
    }

    private static let failureVerb = "error"

    /// One line: backslashes and newlines escaped.
    private static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    private static func unescape(_ text: Substring) -> String {
        var result = "", escaped = false
        for character in text {
            if escaped {
                result.append(character == "n" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
