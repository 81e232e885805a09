/// The engine's text helpers, in one place: locale-free numbers and aligned tables, so what
/// the instruments print is the same bytes on every machine.
extension Int {
    /// The integer with `,` between groups of three digits, `68,586,688`: how the profiler and the
    /// benchmark print FLOP and byte counts. Written out by hand rather than with a formatter so
    /// the text is the same on every machine, whatever its locale.
    public var withThousandsSeparators: String {
        let digits = String(magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return self < 0 ? "-" + out : out
    }
}

/// Rows with the first column left-aligned and the others right-aligned, two spaces apart.
func table(_ rows: [[String]]) -> [String] {
    let widths = (0..<(rows.map(\.count).max() ?? 0)).map { c in
        rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0
    }
    return rows.map { row in
        row.enumerated().map { c, cell in
            let pad = String(repeating: " ", count: widths[c] - cell.count)
            return c == 0 ? cell + pad : pad + cell
        }.joined(separator: "  ").trimmingTrailingSpaces()
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
