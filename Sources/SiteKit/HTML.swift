import LessonKit

/// Escaping and small string helpers shared by every renderer. Everything SiteKit writes goes
/// through these, so a lesson can never inject markup by accident.
enum HTML {
    /// Escapes text for use between tags. Control characters (a cell's colour codes) become
    /// visible symbols (``VisibleText``): raw, they make the page invalid HTML.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case _ where VisibleText.isHidden(ch): out.unicodeScalars.append(VisibleText.picture(of: ch))
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
