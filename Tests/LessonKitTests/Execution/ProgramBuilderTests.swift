import Testing
@testable import LessonKit
import Figures

/// The plan, the generated program and verification, without a compiler.
@Suite struct ProgramBuilderTests {
    let lesson = LessonParser().parse(source: """
        # T

        ```swift
        import Foundation
        let x = 1
        ```

        ```swift expect-error
        try f()
        ```

        ```swift no-run
        loop()
        ```

        ```swift standalone
        print(2)
        ```
        """, path: "lessons/01-t.md").lesson

    @Test func plansSharedAndStandalonePrograms() {
        let plan = LessonPlan(lesson: lesson, engineModule: "Autograd")
        #expect(plan.programs.map(\.name) == ["lesson", "cell-4"])
        #expect(plan.programs[0].cellIndices == [0, 1, 2])
        #expect(plan.programs[0].runningCellIndices == [0, 1])
        #expect(plan.programs[1].cellIndices == [3])
    }

    @Test func programPointsAtLessonLines() {
        let source = LessonPlan(lesson: lesson, engineModule: "Autograd").programs[0].source
        #expect(source.contains("import Autograd\n"))
        // The import is hoisted, under its own line; its place in the cell is left blank.
        #expect(source.contains("#sourceLocation(file: \"lessons/01-t.md\", line: 4)\nimport Foundation\n#sourceLocation()"))
        #expect(source.contains("CellWire.emit(.begin(0))\n#sourceLocation(file: \"lessons/01-t.md\", line: 4)\n\nlet x = 1\n#sourceLocation()\nCellWire.emit(.end(0))"))
        #expect(source.contains("do {\n#sourceLocation(file: \"lessons/01-t.md\", line: 9)\ntry f()\n#sourceLocation()\nCellWire.emit(.finishedWithoutError(1))\n} catch {\nCellWire.threw(1, error)\n}"))
        #expect(source.contains("func _freezeLabNoRun2() throws {\n#sourceLocation(file: \"lessons/01-t.md\", line: 13)\nloop()"))
        #expect(!source.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func transcriptSplitsCellsAndErrors() {
        let m = CellWire.marker
        let stdout = "\n\(m)begin 0\nhello\n\n\(m)end 0\n\n\(m)begin 1\npartial\n\(m)threw 1\nboom\n\n\(m)end 1\n\n\(m)begin 3\nlast words"
        let transcript = ProgramTranscript(stdout: stdout)
        #expect(transcript.stray == "")
        #expect(transcript.cells[0] == .init(printed: "hello\n", errorText: nil, ending: .finished))
        #expect(transcript.cells[1] == .init(printed: "partial", errorText: "boom\n", ending: .threw))
        #expect(transcript.cells[3] == .init(printed: "last words", errorText: nil, ending: .interrupted))
    }

    @Test func verifierReportsTrapAndCellsThatCouldNotRun() {
        let lesson = LessonParser().parse(source: "# T\n\n```swift\nprint(1)\n```\n\n```output\n1\n```\n\n```swift\nf()\n```\n\n```swift\nprint(3)\n```\n", path: "l.md").lesson
        let plan = LessonPlan(lesson: lesson, engineModule: "Autograd").programs[0]
        let m = CellWire.marker
        let process = ProcessOutcome(stdout: "\n\(m)begin 0\n1\n\n\(m)end 0\n\n\(m)begin 1\n",
                                     stderr: "Lesson/l.md:12: Fatal error: no\n", termination: .signaled(4), duration: 0.01)
        let result = LessonVerifier.verify(lesson, runs: [ProgramRun(plan: plan, compile: CompileOutcome(succeeded: true, diagnostics: []), process: process, timeout: 60)])
        #expect(result.cells.map(\.status) == [.passed, .failed, .notRun])
        #expect(result.cells[1].outcome == .trapped(message: "Fatal error: no", line: 12))
        #expect(result.cells[2].outcome == .notRun(.stoppedBy(cell: 1, line: 11, .trapped)))
        #expect(result.cells[2].outcome.description == "not run: cell 2 (line 11) trapped and ended the program")
        #expect(!result.passed)
    }

    @Test func compilerErrorsAreBlamedOnTheFirstCellTheyPointInto() {
        let program = LessonPlan(lesson: lesson, engineModule: "Autograd").programs[0]
        let error = { (line: Int) in Diagnostic(file: "lessons/01-t.md", line: line, column: 1, message: "e") }
        #expect(program.firstBrokenCell(in: [error(13), error(9)])?.index == 1)
        // An error outside every cell (generated glue, another file) blames no cell.
        #expect(program.firstBrokenCell(in: [error(9), error(2)]) == nil)
        #expect(program.firstBrokenCell(in: [Diagnostic(file: "main.swift", line: 9, message: "e")]) == nil)
        #expect(program.firstBrokenCell(in: []) == nil)
        let prefix = program.prefix(before: lesson.cells[2])
        #expect(prefix.name == "lesson-before-cell-3")
        #expect(prefix.cellIndices == [0, 1])
    }

    @Test func verifierReportsABrokenCellAndTheCellsAfterIt() {
        let lesson = LessonParser().parse(source: "# T\n\n```swift\nprint(1)\n```\n\n```output\n1\n```\n\n```swift\nf()\n```\n\n```swift\nprint(3)\n```\n", path: "l.md").lesson
        let prefix = ProgramPlan(name: "lesson-before-cell-2", cells: [lesson.cells[0]], path: "l.md", engineModule: "Autograd")
        let m = CellWire.marker
        let process = ProcessOutcome(stdout: "\n\(m)begin 0\n1\n\n\(m)end 0\n", stderr: "", termination: .exited(0), duration: 0.01)
        let error = Diagnostic(file: "l.md", line: 12, column: 1, message: "cannot find 'f' in scope")
        let run = ProgramRun(plan: prefix, compile: CompileOutcome(succeeded: true, diagnostics: []), process: process, timeout: 60,
                             brokenCell: BrokenCell(index: 1, errors: [error], laterCellIndices: [2]))
        let result = LessonVerifier.verify(lesson, runs: [run])
        #expect(result.cells.map(\.status) == [.passed, .failed, .notRun])
        #expect(result.cells[1].outcome == .doesNotCompile([error]))
        #expect(result.cells[2].outcome == .notRun(.stoppedBy(cell: 1, line: 11, .doesNotCompile)))
        // The compiler's errors are the cell's outcome, not also the lesson's diagnostics.
        #expect(result.diagnostics == [])
        #expect(!result.passed)
    }

    @Test func compilerErrorsAreParsed() {
        let log = "lessons/01-t.md:13:7: error: cannot find 'y' in scope\n 13 | print(y)\nlessons/01-t.md:13:1: warning: w\n"
        #expect(SwiftCompiler.diagnostics(in: log) == [Diagnostic(file: "lessons/01-t.md", line: 13, column: 7, message: "cannot find 'y' in scope")])
    }
}
