import Foundation
import Testing
@testable import LessonKit

/// A lesson whose prose or output blocks changed, but not its programs, is verified again from
/// its programs' stored runs (``ResultCache/storedRun(of:key:)``): its new output blocks are
/// checked against the stored output, at their new lines. A program whose code changed, that
/// trapped, or that could print its own line runs again.
@Suite struct ProgramRunReuseTests {
    static let lesson = """
        # Reuse

        Some prose.

        ```swift
        let numbers = [1, 2, 3]
        print(numbers.reduce(0, +))
        ```

        ```output
        6
        ```
        """

    func tree(_ text: String) throws -> String {
        let root = temporaryDirectory("fl-reuse")
        try FileManager.default.createDirectory(atPath: "\(root)/lessons", withIntermediateDirectories: true)
        try write(text, in: root)
        return root
    }

    func write(_ text: String, in root: String) throws {
        try (text + "\n").write(toFile: "\(root)/lessons/01-reuse.md", atomically: true, encoding: .utf8)
    }

    func check(_ root: String, useCache: Bool = true, pytorch: PyTorchMode = .skip) async throws -> CheckedLesson {
        var options = try await fixtureOptions(useCache: useCache, cache: "\(root)/.freezelab-cache")
        options.packageRoot = root
        options.pytorch = pytorch
        options.python = PythonEnvironment.interpreter(packageRoot: packageRoot)
        return try await LessonChecker(options: options).check(paths: ["lessons/01-reuse.md"])[0]
    }

    @Test func proseAndOutputEditsReuseTheRunAndAreVerifiedAtTheirNewLines() async throws {
        let root = try tree(Self.lesson)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try await check(root)
        #expect(first.result.passed && first.reusedPrograms == 0)

        // Three lines of prose above the cell: every line number moves, the program does not.
        try write(Self.lesson.replacingOccurrences(of: "Some prose.", with: "Some prose.\n\nMore prose,\nover two lines."), in: root)
        let prose = try await check(root)
        #expect(prose.decision == .changed(["lesson text"]))
        #expect(prose.reusedPrograms == 1 && prose.result.passed)
        #expect(prose.result.cells[0].actual == "6\n")

        // A wrong output block: the stored output is checked against it, and the mismatch is
        // reported at the block's new line.
        try write(Self.lesson.replacingOccurrences(of: "Some prose.", with: "Some prose.\n\nMore prose,\nover two lines.")
            .replacingOccurrences(of: "```output\n6", with: "```output\n7"), in: root)
        let wrong = try await check(root)
        #expect(wrong.reusedPrograms == 1 && !wrong.result.passed)
        let report = CheckReport.text([wrong])
        #expect(report.contains("lessons/01-reuse.md:14: error: cell 1: output does not match"), "\(report)")

        // The code changed: it runs again.
        try write(Self.lesson.replacingOccurrences(of: "[1, 2, 3]", with: "[1, 2, 4]")
            .replacingOccurrences(of: "```output\n6", with: "```output\n7"), in: root)
        let code = try await check(root)
        #expect(code.reusedPrograms == 0 && code.result.passed)

        // --no-cache runs everything.
        try write(Self.lesson.replacingOccurrences(of: "[1, 2, 3]", with: "[1, 2, 4]")
            .replacingOccurrences(of: "```output\n6", with: "```output\n7").replacingOccurrences(of: "Some prose.", with: "Prose."), in: root)
        let uncached = try await check(root, useCache: false)
        #expect(uncached.reusedPrograms == 0 && uncached.result.passed)
    }

    @Test func aTrapIsNeverReusedSoItsLineFollowsTheEdit() async throws {
        let trapping = """
            # Trap

            ```swift
            let empty: [Int] = []
            print(empty[0])
            ```
            """
        let root = try tree(trapping)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try await check(root)
        #expect("\(first.result.cells[0].outcome)".hasPrefix("trapped at line 5"), "\(first.result.cells[0].outcome)")
        try write(trapping.replacingOccurrences(of: "# Trap\n", with: "# Trap\n\nA new line.\n"), in: root)
        let moved = try await check(root)
        #expect(moved.reusedPrograms == 0)
        #expect("\(moved.result.cells[0].outcome)".hasPrefix("trapped at line 7"), "\(moved.result.cells[0].outcome)")
    }

    @Test func aProgramThatCanPrintItsOwnLineRunsAgain() async throws {
        let printing = """
            # Line

            ```swift
            print(#line)
            ```

            ```output
            4
            ```
            """
        let root = try tree(printing)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try await check(root).result.passed)
        try write(printing.replacingOccurrences(of: "# Line\n", with: "# Line\n\nA new line.\n")
            .replacingOccurrences(of: "```output\n4", with: "```output\n6"), in: root)
        let moved = try await check(root)
        #expect(moved.reusedPrograms == 0 && moved.result.passed, "\(CheckReport.text([moved]))")
    }

    @Test func aTwinsRunIsReusedToo() async throws {
        let twinned = """
            # Twins

            ```swift
            print([1, 2, 3].reduce(0, +))
            ```

            ```python twin
            print(sum([1, 2, 3]))
            ```

            ```output
            6
            ```
            """
        let root = try tree(twinned)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try await check(root, pytorch: .require)
        #expect(first.result.passed, "\(CheckReport.text([first]))")
        try write(twinned.replacingOccurrences(of: "# Twins\n", with: "# Twins\n\nA new line.\n"), in: root)
        let moved = try await check(root, pytorch: .require)
        #expect(moved.reusedPrograms == 2 && moved.result.passed, "\(CheckReport.text([moved]))")
        #expect(moved.result.cells[0].twin?.actual == "6\n")
        // The twin changed: it runs again, the Swift program does not.
        try write(twinned.replacingOccurrences(of: "sum([1, 2, 3])", with: "sum([3, 2, 1])"), in: root)
        let edited = try await check(root, pytorch: .require)
        #expect(edited.reusedPrograms == 1 && edited.result.passed, "\(CheckReport.text([edited]))")
    }
}
