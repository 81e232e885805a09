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
