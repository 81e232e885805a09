import ArgumentParser
import Autograd
import Foundation

/// `freezelab bench`: times one SGD step of the reference MLP in each freezing mode.
///
/// Meant to be run as `swift run -c release freezelab bench`. Prints one line per mode with the
/// median microseconds per step over `--rounds` rounds of `--steps` steps, the backward FLOPs
/// of one step, and the ratio `requires_grad / full`. The workload is ``TrainingBenchmark``.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time a training step of an MLP 784-512-256-10 in each freezing mode."
    )

    @Option(help: "Timed rounds per mode; the median is reported.")
    var rounds = 7

    @Option(help: "Training steps per timed round.")
    var steps = 20

    @Option(help: "Untimed warm-up steps per mode.")
    var warmup = 5

    @Option(help: "Rows per batch.")
    var batch = 64

    @Option(help: "Threads OpenBLAS may use (the reference measurement is single-threaded).")
    var threads = 1

    @Option(parsing: .upToNextOption,
            help: "Modes to run: full, requires_grad, optimizer_only, no_grad_backbone (default: all).")
    var modes: [String] = []

    func run() throws {
        #if DEBUG
        print("warning: this is a debug build; timings are meaningless. Run `swift run -c release freezelab bench`.")
        #endif
        let selected = try modes.isEmpty ? TrainingBenchmark.Mode.allCases : modes.map { name in
            guard let mode = TrainingBenchmark.Mode(rawValue: name) else {
                throw ValidationError("unknown mode '\(name)'; expected one of \(TrainingBenchmark.Mode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return mode
        }
        TrainingBenchmark.setBLASThreads(threads)
        let benchmark = TrainingBenchmark(batchSize: batch)
        print("MLP \(benchmark.sizes.map(String.init).joined(separator: "-")) (ReLU), batch \(benchmark.batchSize), float64, cross-entropy, SGD lr \(benchmark.learningRate)")
        print("OpenBLAS threads: \(TrainingBenchmark.blasThreads); \(warmup) warm-up steps, median of \(rounds) rounds × \(steps) steps")
        var medians: [TrainingBenchmark.Mode: (wall: Double, cpu: Double)] = [:]
        let widths = [16, 9, 9, 15, 15, 9]
        print(line(["mode", "µs/step", "cpu µs", "backward FLOPs", "forward FLOPs", "saved MB"], widths: widths))
        for mode in selected {
            let m = try benchmark.measure(mode, warmup: warmup, rounds: rounds, steps: steps)
            medians[mode] = (m.medianMicroseconds, m.medianCPUMicroseconds)
            let row = [mode.rawValue, format(m.medianMicroseconds, 0), format(m.medianCPUMicroseconds, 0),
                       m.profile.backwardFlops.withThousandsSeparators,
                       m.profile.forwardFlops.withThousandsSeparators, format(Double(m.profile.savedBytes) / 1e6, 2)]
            print(line(row, widths: widths))
        }
        if let full = medians[.full], let frozen = medians[.requiresGrad], full.wall > 0, full.cpu > 0 {
            print("requires_grad / full = \(format(frozen.wall / full.wall, 2)) (cpu \(format(frozen.cpu / full.cpu, 2)))")
        }
    }

    private func line(_ cells: [String], widths: [Int]) -> String {
        cells.enumerated().map { i, cell in
            let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
            return i == 0 ? cell + pad : pad + cell
        }.joined(separator: "  ")
    }

    private func format(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
