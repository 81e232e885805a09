import Testing
import Autograd

/// The benchmark workload on a tiny MLP: every mode runs, and the FLOP relations that must hold
/// do hold. No timing is asserted.
struct InstrumentsBenchmarkTests {
    @Test func everyModeRunsAndBackwardWorkOrdersAsExpected() throws {
        let bench = TrainingBenchmark(sizes: [6, 5, 4, 3], batchSize: 4)
        var profiles: [TrainingBenchmark.Mode: Profile] = [:]
        for mode in TrainingBenchmark.Mode.allCases {
            let m = try bench.measure(mode, warmup: 0, rounds: 1, steps: 1)
            #expect(m.roundMicroseconds.count == 1)
            profiles[mode] = m.profile
        }
        let full = profiles[.full]!.backwardFlops
        #expect(profiles[.requiresGrad]!.backwardFlops < full)
        #expect(profiles[.optimizerOnly]!.backwardFlops == full)
        #expect(profiles[.noGradBackbone]!.backwardFlops <= profiles[.requiresGrad]!.backwardFlops)
        // Forward work is the same whatever is frozen.
        #expect(Set(profiles.values.map(\.forwardFlops)).count == 1)
        #expect(profiles[.requiresGrad]!.savedBytes < profiles[.full]!.savedBytes)
        #expect(profiles[.requiresGrad]!.gradients.map(\.count) == [0, 0, 0, 0, 1, 1])
        #expect(profiles[.optimizerOnly]!.gradients.map(\.count) == [1, 1, 1, 1, 1, 1])
    }

    @Test func trainingReducesTheLoss() throws {
        let work = TrainingBenchmark(sizes: [6, 5, 4, 3], batchSize: 8, learningRate: 0.1).workload(.requiresGrad)
        let first = try work.step()
        for _ in 0..<20 { try work.step() }
        #expect(try work.step() < first)
    }
}
