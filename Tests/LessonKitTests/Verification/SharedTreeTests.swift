import Foundation
import Testing
@testable import LessonKit

/// Lessons and freezelab processes that share a tree: names that map to one file name, one file
/// named several ways, two checks at once, and results that must not be cached. Wrong results
/// are the worst failure, so each case checks every lesson printed its own output.
@Suite struct SharedTreeTests {
    /// A package folder whose `lessons/` holds lessons printing `words[i]` under `names[i]`.
    func tree(_ lessons: [(name: String, word: String)]) throws -> String {
        let root = temporaryDirectory("fl-tree")
        try FileManager.default.createDirectory(atPath: "\(root)/lessons", withIntermediateDirectories: true)
        for (name, word) in lessons {
            try "# \(word)\n\n```swift\nprint(\"\(word)\")\n```\n\n```output\n\(word)\n```\n"
                .write(toFile: "\(root)/lessons/\(name)", atomically: true, encoding: .utf8)
        }
        return root
    }

    func checker(_ root: String, useCache: Bool = false, jobs: Int = 3) async throws -> LessonChecker {
        var options = try await fixtureOptions(useCache: useCache, cache: "\(root)/.freezelab-cache")
        options.packageRoot = root
        options.jobs = jobs
        return LessonChecker(options: options)
    }

    @Test func namesThatMapToOneFileNameKeepTheirOwnPrograms() async throws {
        let lessons = [("01-a b.md", "space"), ("01-a.b.md", "dot"), ("01-a_b.md", "underscore"), ("01-a+b.md", "plus")]
        let root = try tree(lessons)
        let checked = try await checker(root).check(paths: lessons.map { "lessons/\($0.0)" })
        #expect(checked.map(\.result.passed) == [true, true, true, true])
        #expect(checked.map { $0.result.cells[0].actual } == lessons.map { "\($0.1)\n" })
    }

    @Test func oneLessonNamedThreeWaysIsCheckedOnceUnderEachName() async throws {
        let root = try tree([("01-x.md", "x")])
        let paths = ["lessons/01-x.md", "./lessons/01-x.md", "\(root)/lessons/01-x.md"]
        let checked = try await checker(root).check(paths: paths)
        #expect(checked.map(\.path) == paths)
        #expect(checked.allSatisfy { $0.result.passed && $0.result.cells[0].actual == "x\n" })
    }

    @Test func twoChecksAtOnceOnOneTreeBothGetTheRightAnswers() async throws {
        let lessons = (1...4).map { (String(format: "%02d-l.md", $0), "lesson\($0)") }
        let root = try tree(lessons)
        let paths = lessons.map { "lessons/\($0.0)" }
        async let first = checker(root).check(paths: paths)
        async let second = checker(root).check(paths: paths)
        let (a, b) = try await (first, second)
        for run in [a, b] {
            #expect(run.map(\.result.passed) == [true, true, true, true], "\(run.map { CheckReport.text([$0]) })")
            #expect(run.map { $0.result.cells[0].actual } == lessons.map { "\($0.1)\n" })
        }
    }

    @Test func aProgramStoppedFromOutsideIsNotCached() async throws {
        let root = temporaryDirectory("fl-tree")
        try FileManager.default.createDirectory(atPath: "\(root)/lessons", withIntermediateDirectories: true)
        // The cell sends itself SIGTERM, as a Ctrl-C or a kill from outside would.
        try "# Killed\n\n```swift\nimport Foundation\nprint(\"before\")\nkill(getpid(), SIGTERM)\nsleep(5)\n```\n\n```output\nbefore\n```\n"
            .write(toFile: "\(root)/lessons/01-killed.md", atomically: true, encoding: .utf8)
        let checker = try await checker(root, useCache: true)
        let first = try await checker.check(paths: ["lessons/01-killed.md"])
        #expect(!first[0].result.passed)
        let second = try await checker.check(paths: ["lessons/01-killed.md"])
        #expect(second[0].decision != .reused, "a lesson stopped from outside must run again")
        #expect(LessonChecker.stoppedFromOutside(.signaled(SIGKILL)) && !LessonChecker.stoppedFromOutside(.signaled(SIGILL)))
    }
}
