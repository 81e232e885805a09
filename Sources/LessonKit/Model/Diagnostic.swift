/// A message about a place in a lesson: made by the parser (a malformed lesson), by the compiler
/// (a cell that does not compile) and by the verifier (output printed outside any cell), and read
/// by every report.
public struct Diagnostic: Equatable, Sendable, Codable {
    /// How bad it is.
    public enum Severity: String, Equatable, Sendable, Codable { case error, warning, note }

    /// The file, as given.
    public var file: String
    /// 1-based line, or `nil` for the whole file.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// How bad it is.
    public var severity: Severity
    /// The message, one sentence that says what is wrong.
    public var message: String

    /// Creates a diagnostic.
    public init(file: String, line: Int?, column: Int? = nil, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// `file:line:column: severity: message`, the form editors and terminals link.
    public var formatted: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(severity.rawValue): \(message)"
    }
}
