import Foundation
import Testing
@testable import LessonKit

/// Several lesson programs compiled as one executable per job (``ProgramBatch``) must give every
/// lesson the verdict it gets compiled alone: the same outcome, output and line for each cell,
/// whatever the lesson does (shares names with another, needs file scope, captures a top-level
/// value in a type, throws out of a cell, traps, does not compile, exits on its own).
@Suite struct ProgramBatchTests {
    /// Lessons that each try one way a function could differ from top-level code.
    static let lessons: [(name: String, text: String)] = [
        ("01-state.md", """
            # State

            ```swift
            var counter = 0
            func bump() -> Int { counter += 1; return counter }
            let name = "first"
            ```

            ```swift
            print(bump(), bump(), name, CommandLine.arguments.count)
            ```

            ```output
            1 2 first 1
            ```
            """),
        ("02-same-names.md", """
            # The same names, their own values

            ```swift
            var counter = 10
            func bump() -> Int { counter += 5; return counter }
            let name = "second"
            print(bump(), name)
            ```

            ```output
            15 second
            ```
            """),
        ("03-captures.md", """
            # A type that reads a top-level constant

            ```swift
            let scale = 3
            struct Scaler { func apply(_ x: Int) -> Int { x * scale } }
            print(Scaler().apply(2))
            ```

            ```output
            6
            ```
            """),
        ("04-extension.md", """
            # An extension

            ```swift
            extension Int { var doubled: Int { self * 2 } }
            print(4.doubled)
            ```

            ```output
            8
            ```
            """),
        ("05-throws.md", """
            # An error thrown out of a cell

            ```swift
            struct Oops: Error {}
            print("before")
            throw Oops()
            ```

            ```output
            before
            ```

            ```swift
            print("never")
            ```
            """),
        ("06-trap.md", """
            # A trap

            ```swift
            let empty: [Int] = []
            print("start")
            ```

            ```output
            start
            ```

            ```swift
            print("next")
            print(empty[1])
            ```

            ```output
            next
            ```
            """),
        ("07-broken.md", """
            # A cell that does not compile

            ```swift
            print("ok")
            ```

            ```output
            ok
            ```

            ```swift
            let number: Int = "text"
            ```
            """),
        ("08-exit.md", """
            # A cell that exits

            ```swift
            import Foundation
            print("bye")
            exit(3)
            ```

            ```output
            bye
            ```
            """),
        ("09-standalone.md", """
            # A standalone cell and an expected error

            ```swift
            struct Refused: Error, CustomStringConvertible { var description: String { "refused" } }
            print("shared")
            ```

            ```output
            shared
            ```

            ```swift standalone
            print("alone")
            ```

            ```output
            alone
            ```

            ```swift expect-error
            throw Refused()
            ```

            ```output
            refused
            ```
            """),
    ]

    func tree() throws -> String {
        let root = temporaryDirectory("fl-batch")
        try FileManager.default.createDirectory(atPath: "\(root)/lessons", withIntermediateDirectories: true)
        for (name, text) in Self.lessons {
            try (text + "\n").write(toFile: "\(root)/lessons/\(name)", atomically: true, encoding: .utf8)
        }
        return root
    }

    func check(_ root: String, batch: Bool, paths: [String]) async throws -> [CheckedLesson] {
        var options = try await fixtureOptions(cache: "\(root)/.freezelab-cache-\(batch)")
        options.packageRoot = root
        options.batch = batch
        return try await LessonChecker(options: options).check(paths: paths)
    }

    /// What a cell's verdict says, without its time.
    func verdicts(_ lesson: CheckedLesson) -> [String] {
        lesson.result.cells.map { "\($0.index) \($0.outcome) \($0.actual ?? "-")" } + lesson.result.diagnostics.map(\.formatted)
    }

    @Test func everyLessonGetsTheVerdictItGetsCompiledAlone() async throws {
        let root = try tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let paths = Self.lessons.map { "lessons/\($0.name)" }
        let batched = try await check(root, batch: true, paths: paths)
        let alone = try await check(root, batch: false, paths: paths)
        for (b, a) in zip(batched, alone) {
            #expect(verdicts(b) == verdicts(a), "\(a.path)")
        }
        // The batches were used: by the lessons that can be a function and run to a verdict.
        let used = Dictionary(uniqueKeysWithValues: batched.map { ($0.path.split(separator: "/").last!, $0.batched) })
        #expect(used == ["01-state.md": true, "02-same-names.md": true, "03-captures.md": false, "04-extension.md": false,
                         "05-throws.md": false, "06-trap.md": true, "07-broken.md": false, "08-exit.md": false,
                         "09-standalone.md": true])
        #expect(alone.allSatisfy { !$0.batched })
        // The verdicts themselves, so equal is not equally wrong.
        #expect(batched.map(\.result.passed) == [true, true, true, true, false, false, false, false, true])
        #expect(batched[0].result.cells[1].actual == "1 2 first 1\n")
        #expect(batched[1].result.cells[0].actual == "15 second\n")
        let trap = try #require(batched[5].result.cells.last)
        #expect("\(trap.outcome)" == "trapped at line 14: Fatal error: Index out of range")
        // Each check removes its batch folders.
        let build = try FileManager.default.contentsOfDirectory(atPath: "\(root)/.freezelab-cache-true/build")
        #expect(!build.contains { $0.hasPrefix("batch-") }, "\(build)")
    }

    @Test func topLevelLinesSkipBodiesStringsAndComments() {
        let code = """
            struct S {
                private var x = 1
            }
            let text = "extension { not a brace"
            /* protocol P { */ let y = 2
            let z = \"\"\"
              public func inside()
              \"\"\"
            extension Int {}
            """
        let lines = TopLevelLines.of(code).map(String.init)
        #expect(lines == ["struct S {", "let text = \"extension { not a brace\"", "/* protocol P { */ let y = 2",
                          "let z = \"\"\"", "extension Int {}"])
    }

    @Test func programsThatNeedFileScopeDoNotJoin() {
        func program(_ code: String) -> ProgramPlan {
            ProgramPlan(name: "lesson", cells: [Cell(index: 0, line: 1, codeLine: 2, code: code, options: CellOptions())],
                        path: "lessons/01-x.md", engineModule: "Autograd")
        }
        #expect(ProgramBatch.canJoin(program("final class Net { private let w = 1 }\nprint(Net())")))
        #expect(ProgramBatch.canJoin(program("import Foundation\nlet t = \"public\"")))
        for code in ["extension Int {}", "protocol P {}", "private let x = 1", "public func f() {}", "infix operator ** : MultiplicationPrecedence",
                     "@main struct App { static func main() {} }", "let x = await f()", "@discardableResult public func g() -> Int { 1 }"] {
            #expect(!ProgramBatch.canJoin(program(code)), "\(code)")
        }
    }

    @Test func batchesShareTheWorkAndOnlyWhenThereAreMoreProgramsThanJobs() {
        func program(_ lesson: Int, size: Int) -> ProgramPlan {
            ProgramPlan(name: "lesson", cells: [Cell(index: 0, line: 1, codeLine: 2, code: String(repeating: "let a = 1\n", count: size),
                                                     options: CellOptions())],
                        path: "lessons/\(lesson)-x.md", engineModule: "Autograd")
        }
        let programs = [program(1, size: 50), program(2, size: 10), program(3, size: 40), program(4, size: 20), program(5, size: 30)]
        #expect(ProgramBatch.plan(Array(programs.prefix(2)), count: 2).isEmpty)
        let batches = ProgramBatch.plan(programs, count: 2)
        #expect(batches.map { $0.programs.map(\.path) } == [["lessons/1-x.md", "lessons/2-x.md", "lessons/4-x.md"],
                                                              ["lessons/3-x.md", "lessons/5-x.md"]])
        #expect(ProgramBatch.plan(programs, count: 1).map(\.programs.count) == [5])
        // A program that ran for seconds last time gets a batch of its own, so it starts running early.
        let slow = ProgramBatch.plan(programs, count: 2) { $0.path == "lessons/5-x.md" ? 10 : 0 }
        #expect(slow.map { $0.programs.map(\.path) } == [["lessons/5-x.md"], ["lessons/1-x.md", "lessons/2-x.md", "lessons/3-x.md", "lessons/4-x.md"]])
    }
}
