import Figures

/// A lesson program's standard output, split back into cells at the marker lines the program
/// printed between them (see ``ProgramBuilder``).
public struct ProgramTranscript: Equatable, Sendable {
    /// How far one cell got.
    public enum Ending: Equatable, Sendable {
        /// It ran to its end (an `expect-error` cell: without throwing).
        case finished
        /// It threw; ``CellTranscript/errorText`` holds the printed error.
        case threw
        /// It began but never ended: the program trapped, exited or was stopped in it.
        case interrupted
    }

    /// What one cell printed and how far it got.
    public struct CellTranscript: Equatable, Sendable {
        /// The text the cell printed (figure lines still in).
        public var printed: String = ""
        /// What the thrown error printed, for a cell that threw.
        public var errorText: String?
        /// How far the cell got.
        public var ending: Ending = .interrupted
        /// Seconds the cell ran, as the program measured it (`nil` when it did not end).
        public var seconds: Double?
    }

    /// The cells that began, by cell index.
    public var cells: [Int: CellTranscript] = [:]
    /// Text printed outside any cell (normally none).
    public var stray: String = ""

    /// Splits `stdout` at its control lines (``CellWire``).
    public init(stdout: String) {
        let chunks = stdout.components(separatedBy: CellWire.marker)
        var current: Int?
        var inError = false
        for (position, chunk) in chunks.enumerated() {
            // Every control line is written as "\n<marker>…\n": the newline before it is not output.
            var text = chunk
            if position < chunks.count - 1, text.hasSuffix("\n") { text.removeLast() }
            var body = text
            if position > 0 {
                let line = text.prefix { $0 != "\n" }
                body = String(text.dropFirst(line.count + (line.count < text.count ? 1 : 0)))
                switch CellWire.event(in: line) {
                case .begin(let cell):
                    current = cell
                    inError = false
                    cells[cell] = CellTranscript()
                case .finishedWithoutError(let cell):
                    if cells[cell]?.ending != .threw { cells[cell]?.ending = .finished }
                case .end(let cell):
                    if cells[cell]?.ending != .threw { cells[cell]?.ending = .finished }
                    cells[cell]?.seconds = CellWire.seconds(in: line)
                    current = nil
                case .threw(let cell):
                    cells[cell]?.ending = .threw
                    cells[cell]?.errorText = ""
                    inError = true
                case nil:
                    break
                }
            }
            if let cell = current {
                if inError { cells[cell]?.errorText? += body } else { cells[cell]?.printed += body }
            } else {
                stray += body
            }
        }
    }
}
