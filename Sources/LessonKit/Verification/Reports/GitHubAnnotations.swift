import Foundation

/// `::error file=…,line=…::message` workflow commands, which GitHub Actions shows on the
/// lesson's lines in a pull request.
public enum GitHubAnnotations {
    /// One command per error finding (and per warning), in order.
    public static func commands(_ lessons: [CheckedLesson]) -> [String] {
        lessons.flatMap(Finding.of).flatMap { finding in
            ([(finding.diagnostic, finding.diff)] + finding.related.map { ($0, nil) }).compactMap { diagnostic, diff in
                guard diagnostic.severity != .note else { return nil }
                var properties = ["file=\(escapeProperty(diagnostic.file))"]
                if let line = diagnostic.line { properties.append("line=\(line)") }
                if let column = diagnostic.column { properties.append("col=\(column)") }
                let message = [diagnostic.message, diff].compactMap { $0 }.joined(separator: "\n")
                return "::\(diagnostic.severity.rawValue) \(properties.joined(separator: ","))::\(escapeData(message))"
            }
        }
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
