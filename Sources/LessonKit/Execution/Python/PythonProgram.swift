import Figures
import Foundation

/// One Python program of a lesson: its PyTorch cells (twins and `python run` cells) in order.
///
/// The program is the runtime `freezelab_cells.py` (a real file in this folder, compiled into the
/// library) and a JSON spec of the cells; the implicit prelude every PyTorch cell starts from is
/// ``prelude``.
public struct PythonProgramPlan: Equatable, Sendable {
    /// One cell of the program.
    public struct Entry: Equatable, Sendable {
        /// The cell's ``Cell/index``.
        public var cell: Int
        /// Whether this is the twin of a Swift cell (else a `python run` cell).
        public var isTwin: Bool
        /// 1-based lesson line of the first line of code.
        public var codeLine: Int
        /// The code.
        public var code: String
        /// What running it means (a twin has its Swift cell's mode).
        public var mode: CellMode
    }

    /// A name unique within the lesson (`python`, `python-cell-4`), used for its build folder.
    public var name: String
    /// The cells, in order.
    public var entries: [Entry]
    /// The lesson path tracebacks name.
    public var path: String
    /// Seconds it may run when a cell sets its own limit.
    public var timeout: Double?

    /// What every PyTorch cell starts from: `import torch`, `torch.nn as nn`, float64 as the
    /// default dtype (so printed tensors carry no `dtype=` and match the engine's), and the default
    /// generator seeded as the engine's starts (a new `torch.Generator()`'s seed), so a cell that
    /// draws before it seeds prints the same on every run, in both languages.
    public static let prelude = """
        import torch
        import torch.nn as nn
        torch.set_default_dtype(torch.float64)
        torch.manual_seed(67280421310721)

        """

    /// The programs for `lesson`: one for the shared PyTorch cells, one per `standalone` one.
    public static func plans(for lesson: Lesson) -> [PythonProgramPlan] {
        var shared: [(Entry, Double?)] = [], alone: [PythonProgramPlan] = []
        for cell in lesson.cells {
            let entry: Entry
            if cell.language == .python {
                entry = Entry(cell: cell.index, isTwin: false, codeLine: cell.codeLine, code: cell.code, mode: cell.options.mode)
            } else if let twin = cell.twin {
                entry = Entry(cell: cell.index, isTwin: true, codeLine: twin.codeLine, code: twin.code, mode: cell.options.mode)
            } else {
                continue
            }
            if cell.options.standalone {
                alone.append(PythonProgramPlan(name: "python-cell-\(cell.index + 1)", entries: [entry], path: lesson.path,
                                               timeout: cell.options.timeout))
            } else {
                shared.append((entry, cell.options.timeout))
            }
        }
        let first = shared.isEmpty ? [] : [PythonProgramPlan(name: "python", entries: shared.map(\.0), path: lesson.path,
                                                             timeout: shared.compactMap(\.1).max())]
        return first + alone
    }

    /// The JSON spec the runtime reads.
    public var spec: Data {
        let cells: [[String: Any]] = entries.map { entry in
            let mode = switch entry.mode { case .run: "run"; case .expectError: "expect-error"; case .noRun: "no-run" }
            return ["index": entry.cell, "line": entry.codeLine, "code": entry.code, "mode": mode]
        }
        let object: [String: Any] = ["path": path, "marker": CellWire.marker, "prelude": Self.prelude, "cells": cells]
        // Plain strings and numbers: serialisation cannot fail.
        return try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// The runtime script's text.
    public static var runtime: String { String(decoding: PackageResources.freezelab_cells_py, as: UTF8.self) }
}
