/// JUnit XML for CI dashboards: a test suite per lesson, a test case per cell, and a `lesson`
/// case carrying the lesson's own diagnostics.
public enum JUnitReport {
    /// The XML document for `lessons`.
    public static func xml(_ lessons: [CheckedLesson]) -> String {
        var suites: [String] = []
        var totalTests = 0, totalFailures = 0, totalSkipped = 0
        for checked in lessons {
            let findings = Finding.of(checked)
            var cases: [String] = []
            let lessonErrors = findings.filter { $0.cell == nil && $0.diagnostic.severity == .error }
            var failures = 0, skipped = 0
            if !lessonErrors.isEmpty || checked.result.cells.isEmpty {
                let body = lessonErrors.isEmpty ? "" : failure(lessonErrors.map(\.diagnostic.formatted).joined(separator: "\n"), lessonErrors[0].diagnostic.message)
                failures += lessonErrors.isEmpty ? 0 : 1
                cases.append(testCase(checked.path, "lesson", body, line: lessonErrors.first?.diagnostic.line, seconds: 0))
            }
            for cell in checked.result.cells {
                let line = checked.lesson?.cells[cell.index].line
                let name = "cell \(cell.index + 1)" + (line.map { " (line \($0))" } ?? "")
                var body = ""
                var place = line
                switch cell.outcome.status {
                case .passed: break
                case .skipped, .notRun:
                    skipped += 1
                    body = "<skipped message=\"\(escape(cell.outcome.description))\"/>"
                case .failed:
                    failures += 1
                    let finding = findings.first { $0.cell == cell.index && $0.isFailure }
                    let detail = finding.map { ([$0.diagnostic] + $0.related).map(\.formatted) + [$0.diff].compactMap { $0 } } ?? []
                    // The message names the line too: dashboards often show only the message.
                    place = finding?.diagnostic.line ?? line
                    let message = (place.map { "\(checked.path):\($0): " } ?? "\(checked.path): ") + cell.outcome.description
                    body = failure(detail.isEmpty ? message : detail.joined(separator: "\n"), message)
                }
                // A cell's time is its own code's, in Swift and in PyTorch; compiling and starting
                // the program belong to the lesson (the suite's time).
                let seconds = (cell.seconds ?? 0) + (cell.twin?.seconds ?? 0)
                cases.append(testCase(checked.path, name, body, line: place, seconds: seconds))
            }
            totalTests += cases.count
            totalFailures += failures
            totalSkipped += skipped
            suites.append("  <testsuite name=\"\(escape(checked.path))\" tests=\"\(cases.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\" time=\"\(format1(checked.result.duration))\">\n"
                          + cases.joined(separator: "\n") + "\n  </testsuite>")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"freezelab lessons\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" skipped=\"\(totalSkipped)\">\n"
            + suites.joined(separator: "\n") + "\n</testsuites>\n"
    }

    /// A case with the lesson as its `file`, the line it is about as `line` (what GitLab and
    /// Jenkins link to) and its `time` in seconds.
    private static func testCase(_ path: String, _ name: String, _ body: String, line: Int?, seconds: Double) -> String {
        let open = "    <testcase classname=\"\(escape(path))\" name=\"\(escape(name))\" file=\"\(escape(path))\""
            + (line.map { " line=\"\($0)\"" } ?? "") + " time=\"\(format3(seconds))\""
        return body.isEmpty ? open + "/>" : open + ">\n      " + body + "\n    </testcase>"
    }

    private static func failure(_ text: String, _ message: String) -> String {
        "<failure message=\"\(escape(message))\">\(escape(text))</failure>"
    }

    /// `text` with XML's special characters escaped and control characters dropped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "\n", "\t": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
