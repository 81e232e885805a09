/// How a lesson will run: the programs to compile, each with the cells it holds.
///
/// Cells run in order in one shared program, like notebook cells; a `standalone` cell gets a
/// program of its own.
public struct LessonPlan: Equatable, Sendable {
    /// The programs, the shared one first.
    public var programs: [ProgramPlan]

    /// The Python programs for the lesson's PyTorch cells (twins and `python run` cells).
    public var pythonPrograms: [PythonProgramPlan]

    /// Plans `lesson`: one program for the shared Swift cells, one per `standalone` cell, and the
    /// same for its PyTorch cells.
    public init(lesson: Lesson, engineModule: String) {
        let swift = lesson.cells.filter { $0.language == .swift }
        let shared = swift.filter { !$0.options.standalone }
        var programs: [ProgramPlan] = []
        if !shared.isEmpty {
            programs.append(ProgramPlan(name: "lesson", cells: shared, path: lesson.path, engineModule: engineModule))
        }
        for cell in swift where cell.options.standalone {
            programs.append(ProgramPlan(name: "cell-\(cell.index + 1)", cells: [cell], path: lesson.path, engineModule: engineModule))
        }
        self.programs = programs
        self.pythonPrograms = PythonProgramPlan.plans(for: lesson)
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
    /// The cells it holds, in order (kept so that a shorter program can be planned from them).
    public var cells: [Cell]
    /// The lesson path its `#sourceLocation` lines name, and so its compiler errors.
    public var path: String
    /// The engine module it imports.
    public var engineModule: String
    /// Seconds it may run when a cell asks for a limit of its own (`timeout=`), the largest such;
    /// `nil` for the runner's default.
    public var timeout: Double?

    /// Plans a program for `cells` of the lesson at `path`.
    public init(name: String, cells: [Cell], path: String, engineModule: String) {
        self.name = name
        self.cellIndices = cells.map(\.index)
        self.runningCellIndices = cells.filter { !$0.options.noRun }.map(\.index)
        self.source = ProgramBuilder(path: path, engineModule: engineModule).source(for: cells)
        self.cells = cells
        self.path = path
        self.engineModule = engineModule
        self.timeout = cells.compactMap(\.options.timeout).max()
    }

    /// The cell of this program that `diagnostic` points into, or `nil` when it points elsewhere
    /// (the generated glue between cells, another file, no line at all).
    ///
    /// Every cell is compiled under a `#sourceLocation` naming the lesson, so a compiler error
    /// in a cell carries a line of that cell.
    public func cell(containing diagnostic: Diagnostic) -> Cell? {
        guard diagnostic.file == path, let line = diagnostic.line else { return nil }
        return cells.first { line >= $0.codeLine && line <= $0.endLine }
    }

    /// The first cell with one of `errors`, when every error is in a cell of this program.
    ///
    /// `nil` when there are no errors or any of them is outside the cells: then no cell can be
    /// blamed, and leaving cells out would not make the program compile.
    public func firstBrokenCell(in errors: [Diagnostic]) -> Cell? {
        let blamed = errors.map { cell(containing: $0) }
        guard !blamed.isEmpty, !blamed.contains(where: { $0 == nil }) else { return nil }
        return blamed.compactMap { $0 }.min { $0.index < $1.index }
    }

    /// The program made of this program's cells before `cell`, built in a folder of its own so
    /// that the program that failed stays on disk for inspection.
    public func prefix(before cell: Cell) -> ProgramPlan {
        ProgramPlan(name: "\(name)-before-cell-\(cell.index + 1)", cells: cells.filter { $0.index < cell.index },
                    path: path, engineModule: engineModule)
    }
}
