/// How a lesson will run: the programs to compile, each with the cells it holds.
///
/// Cells run in order in one shared program, like notebook cells; a `standalone` cell gets a
/// program of its own.
public struct LessonPlan: Equatable, Sendable {
    /// The programs, the shared one first.
    public var programs: [ProgramPlan]

    /// Plans `lesson`: one program for the shared cells, one per `standalone` cell.
    public init(lesson: Lesson, engineModule: String) {
        let shared = lesson.cells.filter { !$0.options.standalone }
        var programs: [ProgramPlan] = []
        if !shared.isEmpty {
            programs.append(ProgramPlan(name: "lesson", cells: shared, path: lesson.path, engineModule: engineModule))
        }
        for cell in lesson.cells where cell.options.standalone {
            programs.append(ProgramPlan(name: "cell-\(cell.index + 1)", cells: [cell], path: lesson.path, engineModule: engineModule))
        }
        self.programs = programs
    }
}

/// One program to compile and run: its name, its cells, and its generated `main.swift`.
public struct ProgramPlan: Equatable, Sendable {
    /// A name unique within the lesson (`lesson`, `cell-4`), used for its build folder.
    public var name: String
    /// The indices of the cells it holds, in order.
    public var cellIndices: [Int]
    /// The cells that run (all but `no-run` ones), whose markers the transcript must show.
    public var runningCellIndices: [Int]
    /// The generated `main.swift`.
    public var source: String

    /// Plans a program for `cells` of the lesson at `path`.
    public init(name: String, cells: [Cell], path: String, engineModule: String) {
        self.name = name
        self.cellIndices = cells.map(\.index)
        self.runningCellIndices = cells.filter { !$0.options.noRun }.map(\.index)
        self.source = ProgramBuilder(path: path, engineModule: engineModule).source(for: cells)
    }
}
