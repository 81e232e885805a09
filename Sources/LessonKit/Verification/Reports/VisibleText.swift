/// Control characters made visible. A cell that prints colour codes (ESC `[31m`) or a NUL would
/// otherwise repaint the author's terminal, or make a page invalid HTML; every report and page
/// shows them as the Unicode "control pictures" instead (ESC → ␛, NUL → ␀, DEL → ␡), so the
/// reader sees that they are there and where.
public enum VisibleText {
    /// `text` with every control character except newline and tab as its control picture.
    public static func of(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(isHidden(scalar) ? picture(of: scalar) : scalar)
        }
        return String(out)
    }

    /// Whether `scalar` is a control character that a terminal or browser would not show.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || scalar.value == 0x7F
    }

    /// The control picture for a C0 control or DEL (U+2400 block).
    public static func picture(of scalar: Unicode.Scalar) -> Unicode.Scalar {
        Unicode.Scalar(scalar.value == 0x7F ? 0x2421 : 0x2400 + scalar.value)!
    }
}
