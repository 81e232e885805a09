import Foundation
import Testing
@testable import LessonKit

/// Golden tests: each folder under `Fixtures/` holds `lesson.md` and `expected.txt`, the plain
/// `freezelab check` report for it. Run with `FREEZELAB_UPDATE_GOLDEN=1` to rewrite the
/// expected files in the source tree.
@Suite struct FixtureTests {
    static let cases = (try? FileManager.default.contentsOfDirectory(atPath: fixturesDirectory))?.sorted()
        .filter { FileManager.default.fileExists(atPath: "\(fixturesDirectory)/\($0)/lesson.md") } ?? []

    @Test func everyFixtureMatchesItsGoldenReport() async throws {
        #expect(Self.cases.count >= 12)
        let checker = LessonChecker(options: try await fixtureOptions())
        let checked = try await checker.check(paths: Self.cases.map { "\($0)/lesson.md" })
        for (name, lesson) in zip(Self.cases, checked) {
            try expectGolden(CheckReport.text([lesson]), name: name)
        }
    }

    @Test func missingLessonsFolder() throws {
        let checker = LessonChecker(options: CheckOptions(packageRoot: "\(fixturesDirectory)/missing-lessons-folder"))
        do {
            _ = try checker.lessonPaths(in: "lessons")
            Issue.record("expected an error")
        } catch let error as LessonChecker.MissingLessonsFolder {
            try expectGolden(error.description + "\n", name: "missing-lessons-folder")
        }
    }

    private func expectGolden(_ actual: String, name: String) throws {
        let source = "\(packageRoot)/Tests/LessonKitTests/Fixtures/\(name)/expected.txt"
        if ProcessInfo.processInfo.environment["FREEZELAB_UPDATE_GOLDEN"] == "1" {
            try actual.write(toFile: source, atomically: true, encoding: .utf8)
            return
        }
        let expected = (try? String(contentsOfFile: "\(fixturesDirectory)/\(name)/expected.txt", encoding: .utf8)) ?? "<missing expected.txt>"
        #expect(actual == expected, "fixture \(name):\n\(UnifiedDiff.text(expected: expected, actual: actual, expectedLabel: "expected.txt", actualLabel: "actual"))")
    }
}
