import LessonKit

/// The HTML of one code cell: highlighted code with a copy button, then what verification
/// found — the output with a "verified" badge, or, loudly, expected against actual.
struct CellRenderer {
    var cell: Cell
    /// The cell's result, or `nil` when the lesson has no result for it (unverified).
    var result: CellResult?
    /// The cell's figures, already HTML.
    var figures: [String]

    /// The element id of the cell (`code-cell-N`), for links from the failure summary.
    var id: String { "code-cell-\(cell.index)" }

    /// The cell as HTML. A `hidden` cell shows only its figures, if any.
    func render() -> String {
        let figureHTML = figures.isEmpty ? "" : "<div class=\"cell-figures\">\n\(figures.joined(separator: "\n"))\n</div>\n"
        if cell.options.hidden {
            return figureHTML.isEmpty ? "" : "<div class=\"cell cell-hidden\" id=\"\(id)\">\n\(figureHTML)</div>\n"
        }
        let code = cell.code.hasSuffix("\n") ? String(cell.code.dropLast()) : cell.code
        var html = "<div class=\"cell cell-\(statusClass)\" id=\"\(id)\">\n"
        html += "<div class=\"cell-head\"><span class=\"cell-lang\">Swift</span>"
        html += "<button type=\"button\" class=\"copy-button\" data-copy=\"\(id)-code\">Copy</button></div>\n"
        html += "<pre class=\"cell-code\"><code id=\"\(id)-code\">\(SwiftHighlighter.html(code))</code></pre>\n"
        html += verification
        html += figureHTML
        html += "</div>\n"
        return html
    }

    var statusClass: String {
        guard let result else { return "unverified" }
        switch result.status {
        case .passed: return "passed"
        case .failed: return "failed"
        case .notRun: return "notrun"
        case .skipped: return "skipped"
        }
    }

    /// The part under the code: output and badge, or the mismatch.
    var verification: String {
        let expected = cell.expected?.text
        let outputLabel = cell.options.expectError ? "Error, as expected" : "Output"
        guard let result else {
            return outputBlock(label: "Expected output", badge: badge("unverified", "? not verified"),
                               text: expected, message: "This cell has no verification result.")
        }
        switch result.status {
        case .passed:
            return outputBlock(label: outputLabel, badge: badge("verified", "✓ verified"), text: expected ?? result.actual,
                               message: nil)
        case .skipped:
            return outputBlock(label: "Output (compiled, not run)", badge: badge("skipped", "compiled only"),
                               text: expected, message: nil)
        case .notRun:
            return outputBlock(label: "Expected output", badge: badge("notrun", "✗ not run"),
                               text: expected, message: result.outcome.description)
        case .failed:
            var html = "<div class=\"cell-mismatch\" role=\"group\" aria-label=\"Verification failed\">\n"
            html += "<div class=\"output-head\"><span>Output does not match</span>\(badge("failed", "✗ failed"))</div>\n"
            html += "<p class=\"mismatch-message\">\(HTML.escape(result.outcome.description))</p>\n"
            html += "<div class=\"mismatch-columns\">\n"
            html += "<div><div class=\"mismatch-label\">Expected (lesson, line \(cell.expected?.line ?? cell.line))</div>"
            html += pre(expected, empty: "(no output expected)") + "</div>\n"
            html += "<div><div class=\"mismatch-label\">Actual (this run)</div>"
            html += pre(result.actual, empty: result.actual == nil ? "(did not run)" : "(printed nothing)") + "</div>\n"
            html += "</div>\n</div>\n"
            return html
        }
    }

    func badge(_ kind: String, _ text: String) -> String {
        "<span class=\"badge badge-\(kind)\">\(HTML.escape(text))</span>"
    }

    func pre(_ text: String?, empty: String) -> String {
        guard let text, !text.isEmpty else { return "<pre class=\"output-empty\">\(HTML.escape(empty))</pre>" }
        return "<pre>\(HTML.escape(text.hasSuffix("\n") ? String(text.dropLast()) : text))</pre>"
    }

    func outputBlock(label: String, badge: String, text: String?, message: String?) -> String {
        var html = "<div class=\"cell-output\">\n"
        let hasText = !(text ?? "").isEmpty
        let head = hasText ? label : figures.isEmpty ? "No output" : "Figure"
        html += "<div class=\"output-head\"><span>\(HTML.escape(head))</span>\(badge)</div>\n"
        if let message { html += "<p class=\"output-message\">\(HTML.escape(message))</p>\n" }
        if hasText { html += pre(text, empty: "") + "\n" }
        html += "</div>\n"
        return html
    }
}
