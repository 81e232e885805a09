import Foundation
import Testing
@testable import LessonKit

/// Compiles and runs real lessons with `swiftc` against the stand-in engine.
@Suite struct EndToEndTests {
    /// A copy of a fixture lesson in a fresh folder, as `lessons/<name>.md`.
    func copy(_ fixture: String, as name: String = "01-copy") throws -> String {
        let root = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: "\(root)/lessons", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(fixturesDirectory)/\(fixture)/lesson.md", toPath: "\(root)/lessons/\(name).md")
        return root
    }

    func options(root: String) async throws -> CheckOptions {
        var options = try await fixtureOptions(useCache: true, cache: "\(root)/.freezelab-cache")
        options.packageRoot = root
        return options
    }

    @Test func cacheReusesUnchangedLessonsAndExplainsWhy() async throws {
        let root = try copy("passing")
        let checker = LessonChecker(options: try await options(root: root))
        let first = try await checker.check(paths: ["lessons/01-copy.md"])
        #expect(first[0].decision == .missing)
        #expect(first[0].result.passed)
        #expect(first[0].result.cells[2].figures.map(\.title) == ["Answers"])
        #expect(first[0].result.cells[2].actual == "answer: 42\nafter the chart\n")
        let second = try await checker.check(paths: ["lessons/01-copy.md"])
        #expect(second[0].decision == .reused)
        #expect(second[0].result.cells == first[0].result.cells)
        try (String(contentsOfFile: "\(root)/lessons/01-copy.md", encoding: .utf8) + "\nMore prose.\n")
            .write(toFile: "\(root)/lessons/01-copy.md", atomically: true, encoding: .utf8)
        let third = try await checker.check(paths: ["lessons/01-copy.md"])
        #expect(third[0].decision == .changed(["lesson text"]))
    }

    @Test func blessWritesActualOutputsThenTheLessonPasses() async throws {
        let root = try copy("mismatch")
        let checker = LessonChecker(options: try await options(root: root))
        let before = try await checker.check(paths: ["lessons/01-copy.md"])
        #expect(!before[0].result.passed)
        let lesson = try #require(before[0].lesson)
        let blessed = OutputSplicer.splice(lesson, outputs: Blessing.outputs(for: lesson, result: before[0].result))
        try LessonFile.write(blessed, to: "\(root)/lessons/01-copy.md")
        let after = try await checker.check(paths: ["lessons/01-copy.md"])
        #expect(after[0].result.passed)
        #expect(after[0].lesson?.cells[1].expected?.text == "unexpected\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(root)/lessons") == ["01-copy.md"])
    }

    @Test func cellsBeforeABrokenCellStillRunAndTheRicherResultIsCached() async throws {
        let root = try copy("compile-error-midway")
        let checker = LessonChecker(options: try await options(root: root))
        let first = try await checker.check(paths: ["lessons/01-copy.md"])
        let result = first[0].result
        #expect(result.cells.map(\.status) == [.passed, .failed, .notRun])
        #expect(result.cells[0].actual == "1\n")
        guard case .doesNotCompile(let errors) = result.cells[1].outcome else { Issue.record("cell 2 should not compile"); return }
        #expect(errors.map(\.line) == [17, 18])
        #expect(errors.first?.message == "cannot convert value of type 'String' to specified type 'Int'")
        #expect(result.cells[2].outcome.description == "not run: cell 2 (line 16) does not compile")
        #expect(result.diagnostics.isEmpty)
        #expect(!result.passed)
        let second = try await checker.check(paths: ["lessons/01-copy.md"])
        #expect(second[0].decision == .reused)
        #expect(second[0].result.cells == result.cells)
        #expect(second[0].result.diagnostics == result.diagnostics)
    }

    @Test func aBrokenFirstCellStopsOnlyItsOwnProgram() async throws {
        let checker = LessonChecker(options: try await fixtureOptions())
        let result = try await checker.check(paths: ["compile-error-first-cell/lesson.md"])[0].result
        #expect(result.cells.map(\.status) == [.failed, .notRun, .passed, .failed, .passed])
        #expect(result.cells[1].outcome.description == "not run: cell 1 (line 6) does not compile")
        #expect(result.cells[3].outcome.description == "does not compile: cannot find 'missing' in scope")
        #expect(result.cells[4].actual == "alone too\n")
    }

    @Test func reportsForCI() async throws {
        let checker = LessonChecker(options: try await fixtureOptions())
        let checked = try await checker.check(paths: ["mismatch/lesson.md", "unknown-option/lesson.md"])
        let annotations = GitHubAnnotations.commands(checked)
        #expect(annotations.first == "::error file=mismatch/lesson.md,line=10::cell 1: output does not match the output block%0A--- expected (mismatch/lesson.md:7)%0A+++ actual%0A@@ -1,5 +1,5 @@%0A 1%0A 4%0A-10%0A+9%0A 16%0A 25")
        #expect(annotations.last == "::error file=unknown-option/lesson.md,line=3::unknown cell option `hiden` (known: hidden, expect-error, no-run, standalone, timeout=SECONDS, swift-only=\"WHY\", predict)")
        let xml = JUnitReport.xml(checked)
        #expect(xml.contains("<testsuite name=\"mismatch/lesson.md\" tests=\"2\" failures=\"2\" skipped=\"0\""))
        #expect(xml.contains("<testcase classname=\"unknown-option/lesson.md\" name=\"lesson\" file=\"unknown-option/lesson.md\" line=\"3\" time=\"0.000\">"))
        // Every failure names its file and line, in the message dashboards show.
        #expect(xml.contains("<testcase classname=\"mismatch/lesson.md\" name=\"cell 1 (line 3)\" file=\"mismatch/lesson.md\" line=\"10\" time=\""))
        #expect(xml.contains("<failure message=\"mismatch/lesson.md:10: output does not match the output block\">"))
        #expect(CheckReport.summary(checked) == "0 passed, 2 failed")
    }

    /// JUnit's `time` on a cell's case is what its own code took, Swift and PyTorch twin
    /// together: a cell that sleeps 0.4 s in Swift and 0.2 s in PyTorch shows at least 0.6 s,
    /// a cell that prints one line far less.
    @Test func everyJUnitCaseHasItsCellsOwnTime() async throws {
        var options = try await fixtureOptions(timeout: 20)
        options.pytorch = .require
        options.python = PythonEnvironment.interpreter(packageRoot: packageRoot)
        let checked = try await LessonChecker(options: options).check(paths: ["cell-times/lesson.md"])
        #expect(checked[0].result.passed)
        let cells = checked[0].result.cells
        #expect((cells[0].seconds ?? 0) >= 0.4 && (cells[0].seconds ?? 9) < 3)
        #expect((cells[0].twin?.seconds ?? 0) >= 0.2 && (cells[0].twin?.seconds ?? 9) < 3)
        #expect((cells[1].seconds ?? 9) < 0.2)
        let times = JUnitReport.xml(checked).split(separator: "\n").filter { $0.contains("<testcase ") }.map { line -> Double in
            guard let range = line.range(of: " time=\"") else { return -1 }
            return Double(line[range.upperBound...].prefix { $0 != "\"" }) ?? -1
        }
        #expect(times.count == 2)
        #expect(times[0] >= 0.6 && times[0] < 6)
        #expect(times[1] >= 0 && times[1] < 0.2)
    }

    /// A Swift cell and its PyTorch twin both open `data/…`: each program's scratch folder links
    /// to the package's `data` folder. Changing a data file re-runs the lesson, and says why.
    @Test func lessonsReadThePackagesDataFolderAndItsFilesAreInTheCacheKey() async throws {
        let root = try copy("reads-data")
        try FileManager.default.createDirectory(atPath: "\(root)/data", withIntermediateDirectories: true)
        try "1,2,3\n".write(toFile: "\(root)/data/numbers.csv", atomically: true, encoding: .utf8)
        var options = try await options(root: root)
        options.pytorch = .require
        options.python = PythonEnvironment.interpreter(packageRoot: packageRoot)
        let checker = LessonChecker(options: options)
        let first = try await checker.check(paths: ["lessons/01-copy.md"])
        #expect(first[0].result.passed)
        #expect(first[0].result.cells[0].actual == "1,2,3\n")
        #expect(first[0].result.cells[0].twin?.actual == "1,2,3\n")
        #expect(try await checker.check(paths: ["lessons/01-copy.md"])[0].decision == .reused)
        try "1,2,4\n".write(toFile: "\(root)/data/numbers.csv", atomically: true, encoding: .utf8)
        let changed = try await checker.check(paths: ["lessons/01-copy.md"])
        #expect(changed[0].decision == .changed(["data folder"]))
        #expect(changed[0].result.cells[0].actual == "1,2,4\n")
        #expect(changed[0].result.cells[0].twin?.actual == "1,2,4\n")
        #expect(!changed[0].result.passed)
    }
}
