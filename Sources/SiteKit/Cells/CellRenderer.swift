import LessonKit

/// The HTML of one code cell: highlighted code with a copy button, then what verification
/// found — the output with a "verified" badge, or, loudly, expected against actual.
struct CellRenderer {
    var cell: Cell
    /// The cell's result, or `nil` when the lesson has no result for it (unverified).
    var result: CellResult?
    /// The cell's figures, already HTML.
    var figures: [String]

    /// Put before every id the cell writes: the one-page course holds many lessons' cells.
    var idPrefix = ""

    /// The element id of the cell (`code-cell-N`), for links from the failure summary.
    var id: String { "\(idPrefix)code-cell-\(cell.index)" }

    /// The PyTorch version the lesson's PyTorch cells ran with, for the badge.
    var pytorchVersion: String?

    /// The cell as HTML. A `hidden` cell's code waits, folded, behind "Set-up code" (its figures
    /// show). A Swift cell with a PyTorch twin shows both codes as tabs over one output; a
    /// `python run` cell is PyTorch only.
    func render() -> String {
        let figureHTML = figures.isEmpty ? "" : "<div class=\"cell-figures\">\n\(figures.joined(separator: "\n"))\n</div>\n"
        if cell.options.hidden {
            var html = "<div class=\"cell cell-hidden\(cell.twin == nil ? "" : " cell-twins")\" id=\"\(id)\">\n"
            html += "<details class=\"setup-code\">\n<summary>Set-up code</summary>\n<div class=\"setup-body\">\n\(code)"
            if cell.expected != nil { html += verification }
            return html + "</div>\n</details>\n\(figureHTML)</div>\n"
        }
        var html = "<div class=\"cell cell-\(statusClass)\(cell.twin == nil ? "" : " cell-twins")\" id=\"\(id)\">\n"
        html += code
        html += verification
        html += figureHTML
        html += "</div>\n"
        return html
    }

    /// The cell's code with its Copy buttons: tabs over both codes for a twin pair, else one.
    private var code: String {
        var html = ""
        if let twin = cell.twin {
            html += tabs
            html += panel(language: "swift", label: "Swift", codeID: "\(id)-code", code: SwiftHighlighter.html(trimmed(cell.code)))
            html += panel(language: "pytorch", label: "PyTorch", codeID: "\(id)-python", code: HTML.escape(trimmed(twin.code)),
                          codeClass: "language-python")
        } else if cell.language == .python {
            html += head(label: "PyTorch", codeID: "\(id)-python")
            html += "<pre class=\"cell-code\"><code id=\"\(id)-python\" class=\"language-python\"\(program("python"))>\(HTML.escape(trimmed(cell.code)))</code></pre>\n"
        } else {
            html += head(label: "Swift", codeID: "\(id)-code")
            if let why = cell.options.swiftOnly {
                html += "<p class=\"cell-note\"><strong>No PyTorch twin:</strong> \(HTML.escape(why))</p>\n"
            }
            html += "<pre class=\"cell-code\"><code id=\"\(id)-code\"\(program("swift"))>\(SwiftHighlighter.html(trimmed(cell.code)))</code></pre>\n"
        }
        return html
    }

    /// What "Copy with set-up" needs to know of a code element: the program it belongs to
    /// (`swift` or `python`), whether it runs alone (`standalone`), and whether later cells leave
    /// it out of their set-up (an `expect-error` cell throws, a `no-run` cell never runs).
    private func program(_ language: String) -> String {
        var attributes = " data-program=\"\(language)\""
        if cell.options.standalone { attributes += " data-standalone" }
        if cell.options.expectError || cell.options.noRun { attributes += " data-not-setup" }
        return attributes
    }

    /// What each language's program starts from, for "Copy with set-up" (inert `<template>`s a
    /// page with cells carries once): the Swift program's imports, the PyTorch prelude.
    static func preludes(for lesson: Lesson) -> String {
        guard !lesson.cells.isEmpty else { return "" }
        return "<template id=\"prelude-swift\">import Foundation\nimport Autograd\n\n</template>\n"
            + "<template id=\"prelude-python\">\(HTML.escape(PythonProgramPlan.prelude))\n</template>\n"
    }

    private func trimmed(_ code: String) -> String { code.hasSuffix("\n") ? String(code.dropLast()) : code }

    /// The head of a one-language cell: its language and two copy buttons, the cell alone and the
    /// cell with everything it needs to run (site.js gathers that: the prelude and the cells
    /// before it in the same language).
    private func head(label: String, codeID: String) -> String {
        "<div class=\"cell-head\"><span class=\"cell-lang\">\(label)</span><span class=\"copy-buttons\">"
            + "<button type=\"button\" class=\"copy-button\" data-copy=\"\(codeID)\" aria-label=\"Copy the \(label) code\">Copy</button>"
            + "<button type=\"button\" class=\"copy-button\" data-copy=\"\(codeID)\" data-with-setup"
            + " aria-label=\"Copy with set-up: this \(label) code after the imports and every cell before it\" hidden>Copy with set-up</button>"
            + "</span></div>\n"
    }

    /// The Swift | PyTorch tab list (WAI-ARIA tabs). Hidden until the script shows it: without
    /// JavaScript both panels are shown, each under its own label.
    private var tabs: String {
        "<div class=\"cell-head lang-tabs\" role=\"tablist\" aria-label=\"Language of cell \(cell.index + 1)\" hidden>"
            + "<button type=\"button\" role=\"tab\" id=\"\(id)-tab-swift\" aria-controls=\"\(id)-swift\" aria-selected=\"true\" data-lang=\"swift\">Swift</button>"
            + "<button type=\"button\" role=\"tab\" id=\"\(id)-tab-pytorch\" aria-controls=\"\(id)-pytorch\" aria-selected=\"false\" tabindex=\"-1\" data-lang=\"pytorch\">PyTorch</button>"
            + "</div>\n"
    }

    /// One language's code in a twin pair.
    private func panel(language: String, label: String, codeID: String, code: String, codeClass: String? = nil) -> String {
        var html = "<div class=\"lang-panel\" id=\"\(id)-\(language)\" role=\"tabpanel\" aria-labelledby=\"\(id)-tab-\(language)\" data-lang=\"\(language)\">\n"
        html += head(label: label, codeID: codeID)
        html += "<pre class=\"cell-code\"><code id=\"\(codeID)\"\(codeClass.map { " class=\"\($0)\"" } ?? "")\(program(language == "swift" ? "swift" : "python"))>\(code)</code></pre>\n"
        return html + "</div>\n"
    }

    var statusClass: String {
        guard let result else { return "unverified" }
        if result.twin?.outcome.status == .failed { return "failed" }
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
        case .passed where result.twin?.outcome.status == .failed:
            return mismatch(expected: expected, actual: result.twin?.actual, side: "PyTorch", message: result.twin!.outcome.description)
        case .passed:
            return outputBlock(label: outputLabel, badge: badge("verified", verifiedText), text: expected ?? result.actual,
                               message: nil, predict: cell.options.predict)
        case .skipped:
            if case .skipped(let reason) = result.outcome, reason.isPyTorch {
                return outputBlock(label: "Expected output", badge: badge("skipped", "PyTorch not run"), text: expected, message: nil)
            }
            return outputBlock(label: "Output (compiled, not run)", badge: badge("skipped", "compiled only"),
                               text: expected, message: nil)
        case .notRun:
            return outputBlock(label: "Expected output", badge: badge("notrun", "✗ not run"),
                               text: expected, message: result.outcome.description)
        case .failed:
            var html = mismatch(expected: expected, actual: result.actual, side: cell.language == .python ? "PyTorch" : nil,
                                message: result.outcome.description)
            if let twin = result.twin, twin.outcome.status == .failed {
                html += mismatch(expected: expected, actual: twin.actual, side: "PyTorch", message: twin.outcome.description)
            }
            return html
        }
    }

    /// The badge text of a verified cell: which sides were checked.
    var verifiedText: String {
        let version = pytorchVersion.map { "PyTorch \($0.split(separator: "+").first.map(String.init) ?? $0)" } ?? "PyTorch"
        if cell.language == .python { return "✓ verified · \(version)" }
        if let twin = result?.twin, twin.outcome == .passed { return "✓ verified · Swift engine · \(version)" }
        return "✓ verified"
    }

    /// Expected against actual, loudly; `side` names the language that printed the actual text.
    func mismatch(expected: String?, actual: String?, side: String?, message: String) -> String {
        var html = "<div class=\"cell-mismatch\" role=\"group\" aria-label=\"Verification failed\">\n"
        html += "<div class=\"output-head\"><span>Output does not match\(side.map { " (\($0))" } ?? "")</span>\(badge("failed", "✗ failed"))</div>\n"
        html += "<p class=\"mismatch-message\">\(HTML.escape(message))</p>\n"
        html += "<div class=\"mismatch-columns\">\n"
        html += "<div><div class=\"mismatch-label\">Expected (lesson, line \(cell.expected?.line ?? cell.line))</div>"
        html += pre(expected, empty: "(no output expected)") + "</div>\n"
        html += "<div><div class=\"mismatch-label\">Actual (\(side.map { "\($0), " } ?? "")this run)</div>"
        html += pre(actual, empty: actual == nil ? "(did not run)" : "(printed nothing)") + "</div>\n"
        html += "</div>\n</div>\n"
        return html
    }

    func badge(_ kind: String, _ text: String) -> String {
        "<span class=\"badge badge-\(kind)\">\(HTML.escape(text))</span>"
    }

    func pre(_ text: String?, empty: String) -> String {
        guard let text, !text.isEmpty else { return "<pre class=\"output-empty\">\(HTML.escape(empty))</pre>" }
        return "<pre>\(HTML.escape(text.hasSuffix("\n") ? String(text.dropLast()) : text))</pre>"
    }

    /// An output with its head. A `predict` cell's verified output carries `data-predict`: the
    /// script hides it behind "What will this print?" and a Reveal button; without the script it
    /// shows as any output does.
    func outputBlock(label: String, badge: String, text: String?, message: String?, predict: Bool = false) -> String {
        let hidesText = predict && !(text ?? "").isEmpty
        var html = hidesText ? "<div class=\"cell-output\" id=\"\(id)-output\" data-predict>\n" : "<div class=\"cell-output\">\n"
        let hasText = !(text ?? "").isEmpty
        let head = hasText ? label : figures.isEmpty ? "No output" : "Figure"
        html += "<div class=\"output-head\"><span>\(HTML.escape(head))</span>\(badge)</div>\n"
        if let message { html += "<p class=\"output-message\">\(HTML.escape(message))</p>\n" }
        if hasText { html += pre(text, empty: "") + "\n" }
        html += "</div>\n"
        return html
    }
}
