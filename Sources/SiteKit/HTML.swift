/// Escaping and small string helpers shared by every renderer. Everything SiteKit writes goes
/// through these, so a lesson can never inject markup by accident.
enum HTML {
    /// Escapes text for use between tags.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Escapes text for use inside a double-quoted attribute value.
    static func attribute(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A URL fragment made from heading text: lowercase letters and digits, words joined by `-`
    /// (the GitHub/mdBook convention, so links people write by hand keep working).
    static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber || ch == "_" {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(ch)
            } else if ch == " " || ch == "-" {
                pendingDash = true
            }
        }
        return out.isEmpty ? "section" : out
    }
}

/// Locale-independent number formatting for SVG coordinates: at most two decimals, no trailing
/// zeros, never `-0`. The same double gives the same bytes on every machine.
enum SVGNumber {
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int((value * 100).rounded())
        if hundredths == 0 { return "0" }
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
