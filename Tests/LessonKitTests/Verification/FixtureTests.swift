import Foundation
import Testing
@testable import LessonKit

/// Golden tests: each folder under `Fixtures/` holds `lesson.md` and `expected.txt`, the plain
/// `freezelab check` report for it. Run with `FREEZELAB_UPDATE_GOLDEN=1` to rewrite the
/// expected files in the source tree.
@Suite struct FixtureTests {
    static let cases = (try? FileManager.default.contentsOfDirectory(atPath: fixturesDirectory))?.sorted()
        .filter { FileManager.default.fileExists(atPath: "\(fixturesDirectory)/\($0)/lesson.md") } ?? []

    /// A fixture folder's `check.json`, when it has one: `{"pytorch": "require", "python": "missing"}`
    /// checks it with that mode, and with an interpreter that cannot import torch;
    /// `{"engine": "real"}` against the real engine (this build's debug `Autograd`), not the
    /// stand-in, for the engine's own errors.
    struct Settings: Decodable {
        var pytorch: String?
        var python: String?
        var engine: String?
    }

    @Test func everyFixtureMatchesItsGoldenReport() async throws {
        #expect(Self.cases.count >= 12)
        var groups: [String: [String]] = [:]
        var settings: [String: Settings] = [:]
        for name in Self.cases {
            let file = "\(fixturesDirectory)/\(name)/check.json"
            let data = FileManager.default.contents(atPath: file)
            let setting = try data.map { try JSONDecoder().decode(Settings.self, from: $0) } ?? Settings()
            let key = "\(setting.pytorch ?? "auto")|\(setting.python ?? "project")|\(setting.engine ?? "stand-in")"
            settings[key] = setting
            groups[key, default: []].append(name)
        }
        for (key, names) in groups.sorted(by: { $0.key < $1.key }) {
            var options = try await fixtureOptions()
            if settings[key]?.engine == "real" { options.engine = .prebuilt(try RealEngine.debug()) }
            options.pytorch = PyTorchMode(rawValue: settings[key]?.pytorch ?? "auto")!
            // "missing": an interpreter whose `import torch` fails. Otherwise the project's .venv.
            options.python = settings[key]?.python == "missing" ? "/bin/false" : PythonEnvironment.interpreter(packageRoot: packageRoot)
            let checked = try await LessonChecker(options: options).check(paths: names.map { "\($0)/lesson.md" })
            for (name, lesson) in zip(names, checked) {
                try expectGolden(CheckReport.text([lesson]), name: name)
            }
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
