import Figures

/// Takes the figure lines (see `FigureWire`) out of what a cell printed.
enum FigureLifter {
    /// The cell's text without figure lines, the figures in order, and a message for each
    /// figure line that could not be read.
    static func lift(_ printed: String) -> (text: String, figures: [Figure], problems: [String]) {
        guard printed.contains(FigureWire.marker) else { return (printed, [], []) }
        var text = "", figures: [Figure] = [], problems: [String] = []
        let lines = printed.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, line) in lines.enumerated() {
            let isLast = offset == lines.count - 1
            guard let range = line.range(of: FigureWire.marker) else {
                text += line + (isLast ? "" : "\n")
                continue
            }
            text += line[..<range.lowerBound]
            do {
                if let figure = try FigureWire.figure(in: line[range.lowerBound...]) { figures.append(figure) }
            } catch {
                problems.append("a figure line could not be read: \(error)")
            }
        }
        return (text, figures, problems)
    }
}
