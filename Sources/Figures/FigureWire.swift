#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// How a figure travels from a running lesson program to the runner: one line on standard output,
/// a fixed marker followed by the figure as single-line JSON with sorted keys (so the same figure is
/// always the same bytes).
public enum FigureWire {
    /// The marker that starts a figure line. It begins with a control character no lesson prints.
    public static let marker = "\u{1E}freezelab-figure "

    /// The line (without its newline) that carries `figure`.
    public static func line(for figure: Figure) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain Codable structs of strings and doubles cannot fail.
        let data = try! encoder.encode(figure)
        return marker + String(decoding: data, as: UTF8.self)
    }

    /// The figure a line carries, or `nil` when the line is ordinary output.
    ///
    /// - Throws: `DecodingError` when the line has the marker but its JSON is not a figure.
    public static func figure(in line: Substring) throws -> Figure? {
        guard line.hasPrefix(marker) else { return nil }
        let json = line.dropFirst(marker.count)
        return try JSONDecoder().decode(Figure.self, from: Data(json.utf8))
    }
}

/// Shows `figure` under the current cell, on the site and in `freezelab run`.
///
/// The figure is not part of the cell's checked text output.
public func show(_ figure: Figure) {
    // Flush around the line so it lands between the cell's text exactly where it was shown.
    fflush(nil)
    print(FigureWire.line(for: figure))
    fflush(nil)
}

/// Shows a line chart under the current cell.
public func show(_ chart: LineChart) { show(.lineChart(chart)) }

/// Shows a graph under the current cell.
public func show(_ graph: GraphFigure) { show(.graph(graph)) }

/// Shows an explorer (one chart per value of a parameter) under the current cell.
public func show(_ explorer: Explorer) { show(.explorer(explorer)) }
