import Foundation
import Testing
@testable import LessonKit
@testable import SiteKit

/// A lesson with a mismatch, a compile error and a timeout: `check`, JUnit, GitHub annotations
/// and the site's failure banner each tell every problem exactly once, in the same words.
@Suite struct FindingsAgreeTests {
    @Test func everyReportTellsEachProblemOnce() async throws {
        let checker = LessonChecker(options: try await fixtureOptions())
        let checked = try await checker.check(paths: ["mismatch-compile-timeout/lesson.md"])
        let lesson = try #require(checked[0].lesson)
        #expect(checked[0].result.cells.map(\.outcome.status) == [.failed, .failed, .failed])
        guard case .timedOut(1) = checked[0].result.cells[2].outcome else {
            Issue.record("the cell's own timeout=1 should stop it: \(checked[0].result.cells[2].outcome)")
            return
        }

        let messages = ["cell 1: output does not match the output block", "cannot find 'undefinedName' in scope",
                        "cell 3: timed out after 1 s (stopped in this cell)"]
        let terminal = CheckReport.text(checked)
        let annotations = GitHubAnnotations.commands(checked)
        let junit = JUnitReport.xml(checked)
        let page = try SiteBuilder().render(lessons: [lesson], results: [checked[0].result])
        let html = String(decoding: page.files["lesson.html"] ?? Data(), as: UTF8.self)
        let banner = html.components(separatedBy: "<div class=\"failure-banner\"")[1].components(separatedBy: "</div>")[0]

        for message in messages {
            #expect(terminal.components(separatedBy: message).count == 2, "check: \(message)\n\(terminal)")
            #expect(annotations.filter { $0.contains(message) }.count == 1, "annotations: \(message)")
            #expect(banner.components(separatedBy: HTML.escape(message)).count == 2, "banner: \(message)\n\(banner)")
        }
        #expect(annotations.count == 3)
        #expect(banner.components(separatedBy: "<li>").count == 4)
        #expect(junit.components(separatedBy: "<failure ").count == 4)
        #expect(page.failures.map(\.diagnostic) == Finding.of(checked[0]).map(\.diagnostic))
    }
}
