/// ANSI colours for terminal reports, or none (not a TTY, or `NO_COLOR` set).
public struct TerminalStyle: Sendable {
    /// Whether to colour.
    public var colors: Bool

    /// Creates a style.
    public init(colors: Bool) {
        self.colors = colors
    }

    /// No colours: what goes into files and golden tests.
    public static let plain = TerminalStyle(colors: false)

    /// `text` wrapped in the ANSI graphics `code` (such as `31` for red) and a reset, or
    /// unchanged when colours are off.
    public func paint(_ text: String, _ code: String) -> String { colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    /// `text` in red: failures and errors.
    public func red(_ text: String) -> String { paint(text, "31") }
    /// `text` in green: passes.
    public func green(_ text: String) -> String { paint(text, "32") }
    /// `text` in yellow: warnings and cells that did not run.
    public func yellow(_ text: String) -> String { paint(text, "33") }
    /// `text` faint: secondary details such as counts and code.
    public func dim(_ text: String) -> String { paint(text, "2") }
    /// `text` in bold: titles.
    public func bold(_ text: String) -> String { paint(text, "1") }

    /// `file:line: error: message` with the severity coloured (a note is faint throughout).
    public func diagnostic(_ diagnostic: Diagnostic) -> String {
        switch diagnostic.severity {
        case .note: return dim(VisibleText.of(diagnostic.formatted))
        case .error, .warning:
            var place = diagnostic.file
            if let line = diagnostic.line { place += ":\(line)" }
            if let column = diagnostic.column { place += ":\(column)" }
            let word = diagnostic.severity == .error ? red("error") : yellow("warning")
            return "\(place): \(word): \(VisibleText.of(diagnostic.message))"
        }
    }

    /// A diff with removed lines red and added lines green, control characters made visible.
    public func diff(_ text: String) -> String {
        VisibleText.of(text).split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("-") && !line.hasPrefix("---") ? red(String(line))
                : line.hasPrefix("+") && !line.hasPrefix("+++") ? green(String(line))
                : line.hasPrefix("@@") ? dim(String(line)) : String(line)
        }.joined(separator: "\n")
    }
}
