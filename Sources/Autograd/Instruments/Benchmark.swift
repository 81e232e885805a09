import CBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reference training workload behind `freezelab bench`: one SGD step of an MLP, in each of
/// the four ways a lesson freezes its first layers.
///
/// The defaults are the benchmark's: an MLP 784-512-256-10 with ReLU, a batch of 64, float64,
/// cross-entropy, SGD with `lr = 0.01`. One step is `zeroGrad` + forward + loss + backward +
/// `step()`. The first two `Linear` layers are the *backbone*, the last one the *head*.
public struct TrainingBenchmark: Sendable {
    /// How the backbone (every `Linear` but the last) is kept from training.
    public enum Mode: String, CaseIterable, Sendable {
        /// Nothing frozen: every parameter requires grad and is in the optimizer.
        case full
        /// The backbone's parameters have `requiresGrad = false`; SGD still holds every parameter.
        case requiresGrad = "requires_grad"
        /// Everything requires grad, but only the head is given to the optimizer.
        case optimizerOnly = "optimizer_only"
        /// The backbone runs under ``withNoGrad(_:)``; the head is trained.
        case noGradBackbone = "no_grad_backbone"
    }

    /// Layer widths, input first: `[784, 512, 256, 10]` is `Linear(784, 512)`, `ReLU`, … .
    public var sizes: [Int]
    /// Rows per batch.
    public var batchSize: Int
    /// SGD's learning rate.
    public var learningRate: Double
    /// Seed of the model's initial values and of the batch.
    public var seed: UInt64

    /// Creates a benchmark; the defaults are `freezelab bench`'s reference workload.
    public init(sizes: [Int] = [784, 512, 256, 10], batchSize: Int = 64, learningRate: Double = 0.01,
                seed: UInt64 = 0) {
        ensure(sizes.count >= 3, "the benchmark needs a backbone and a head: at least two Linear layers")
        self.sizes = sizes
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.seed = seed
    }

    /// A fresh model (seeded), batch and optimizer set up for `mode`.
    public func workload(_ mode: Mode) -> Workload {
        Workload(benchmark: self, mode: mode)
    }

    /// One mode's model, data and optimizer; ``step()`` trains one step.
    public final class Workload {
        /// The freezing mode.
        public let mode: Mode
        /// The model: `Linear`, `ReLU`, …, `Linear`; children named `0`, `1`, … as in PyTorch.
        public let model: Sequential
        /// Every layer but the last `Linear` (with its ReLU): the part that is frozen.
        public let backbone: Sequential
        /// The last `Linear`.
        public let head: Linear
        /// The input batch, `[batchSize, sizes[0]]`.
        public let input: Tensor
        /// The class of each row.
        public let target: [Int]
        /// SGD over all parameters, or over the head's only (``Mode/optimizerOnly``, ``Mode/noGradBackbone``).
        public let optimizer: SGD

        init(benchmark: TrainingBenchmark, mode: Mode) {
            self.mode = mode
            let generator = Generator(seed: benchmark.seed)
            var layers: [Module] = []
            for (i, (inF, outF)) in zip(benchmark.sizes, benchmark.sizes.dropFirst()).enumerated() {
                layers.append(Linear(inF, outF, generator: generator))
                if i < benchmark.sizes.count - 2 { layers.append(ReLU()) }
            }
            model = Sequential(layers)
            backbone = Sequential(Array(layers.dropLast()))
            head = layers.last as! Linear
            input = .normal([benchmark.batchSize, benchmark.sizes[0]], generator: generator)
            let classes = benchmark.sizes.last!
            target = (0..<benchmark.batchSize).map { _ in Int(generator.integer(from: 0, to: Int64(classes))) }
            switch mode {
            case .full:
                optimizer = SGD(model.parameters(), lr: benchmark.learningRate)
            case .requiresGrad:
                backbone.requiresGrad(false)
                optimizer = SGD(model.parameters(), lr: benchmark.learningRate)
            case .optimizerOnly, .noGradBackbone:
                optimizer = SGD(head.parameters(), lr: benchmark.learningRate)
            }
        }

        /// One training step: zero grad, forward, cross-entropy, backward, SGD step.
        /// - Returns: the loss before the step.
        @discardableResult
        public func step() throws -> Double {
            optimizer.zeroGrad()
            let features = mode == .noGradBackbone ? withNoGrad { backbone(input) } : backbone(input)
            let loss = crossEntropy(head(features), target)
            try loss.backward()
            optimizer.step()
            return loss.item
        }
    }
}

extension TrainingBenchmark {
    /// Restricts OpenBLAS to `threads` threads (`openblas_set_num_threads`) for every gemm that
    /// follows; the benchmark runs single-threaded, like `torch.set_num_threads(1)`.
    public static func setBLASThreads(_ threads: Int) {
        openblas_set_num_threads(Int32(threads))
    }

    /// The number of threads OpenBLAS uses now (`openblas_get_num_threads`).
    public static var blasThreads: Int { Int(openblas_get_num_threads()) }

    /// What one mode measured.
    public struct Measurement: Sendable {
        /// The mode measured.
        public var mode: Mode
        /// Wall-clock microseconds per step of each timed round, in order.
        public var roundMicroseconds: [Double]
        /// CPU microseconds per step (this thread's CPU time) of each timed round, in order:
        /// less disturbed than wall-clock time when other processes share the cores.
        public var roundCPUMicroseconds: [Double]
        /// The median of ``roundMicroseconds``.
        public var medianMicroseconds: Double { median(roundMicroseconds) }
        /// The median of ``roundCPUMicroseconds``.
        public var medianCPUMicroseconds: Double { median(roundCPUMicroseconds) }
        /// The profile of one step (after warm-up): FLOPs, backward nodes, gradients, saved bytes.
        public var profile: Profile
    }

    /// Runs `mode` on a fresh model: `warmup` untimed steps, one profiled step, then `rounds`
    /// timed rounds of `steps` steps each.
    public func measure(_ mode: Mode, warmup: Int = 5, rounds: Int = 7, steps: Int = 20) throws -> Measurement {
        let work = workload(mode)
        for _ in 0..<warmup { try work.step() }
        let profile = try Autograd.profile(work.model) { try work.step() }
        var wall: [Double] = []
        var cpu: [Double] = []
        let perStep = 1 / Double(max(steps, 1))
        for _ in 0..<rounds {
            let (wall0, cpu0) = (now(CLOCK_MONOTONIC), now(CLOCK_THREAD_CPUTIME_ID))
            for _ in 0..<steps { try work.step() }
            wall.append((now(CLOCK_MONOTONIC) - wall0) * perStep)
            cpu.append((now(CLOCK_THREAD_CPUTIME_ID) - cpu0) * perStep)
        }
        return Measurement(mode: mode, roundMicroseconds: wall, roundCPUMicroseconds: cpu, profile: profile)
    }
}

/// A clock's reading in microseconds.
private func now(_ clock: clockid_t) -> Double {
    var t = timespec()
    clock_gettime(clock, &t)
    return Double(t.tv_sec) * 1e6 + Double(t.tv_nsec) / 1e3
}

/// The middle value (the mean of the two middle values for an even count); 0 when empty.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
