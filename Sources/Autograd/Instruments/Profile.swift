/// The profiler: what the engine really did inside a block — ops run and recorded, backward
/// nodes executed, gradients delivered to each parameter, FLOPs, bytes kept for backward.
///
/// ## Counting rules
///
/// Counts are exact and deterministic (no timing), so a lesson can print and check them.
///
/// - **Ops.** Every op call counts as *run*; it counts as *recorded* when it entered the graph
///   (grad mode on and some input requiring grad). Names are PyTorch's `grad_fn` names, also
///   for ops that ran without recording (`AddmmBackward0` is "the addmm op").
/// - **Forward FLOPs** are each op's own count, for every op that ran (recorded or not):
///   a matrix product `[m,k]·[k,n]` costs `2·m·k·n` (one multiply and one add per term), so
///   `Linear(in, out)` on a batch of `B` costs `2·B·in·out` plus `B·out` for the bias;
///   an element-wise op costs 1 per output element (`relu`, `+`, `*`, `exp`, …) and a full
///   reduction 1 per input element (`sum`, `mean`, `max`); `mseLoss` costs 3 per element
///   (subtract, square, add), `logSoftmax` 4 per element, `nllLoss` 1 per row, reshapes,
///   transposes and indexing 0.
/// - **Backward FLOPs** are counted by the kernels while `backward()` runs, so they are exactly
///   the work done, never an estimate: every gemm `2·m·n·k` (plus `m·n` when it adds into an
///   existing result), every element-wise pass 1 per element whatever its formula (the
///   gradient of `relu` is one pass; folding a broadcast gradient back is one pass over the
///   larger gradient; adding two gradients that meet, or adding into an existing `.grad`, is one
///   pass), fills and copies 0. A `Linear` whose weight is frozen skips its weight-gradient gemm;
///   one whose input needs no gradient skips its input-gradient gemm; an op that was not
///   recorded has no backward at all.
/// - **Backward nodes** are the `grad_fn` nodes whose local backward ran, the same nodes PyTorch
///   records: a `Linear` is PyTorch's `addmm(bias, input, weight.t())`, so it counts as two ops,
///   `TBackward0` and `AddmmBackward0` (the engine computes both in one fused kernel, and the
///   transpose costs no FLOPs). `AccumulateGrad` nodes are not counted here; they are the
///   per-parameter gradient counts.
/// - **Gradients** count, per leaf that requires grad, how many gradient tensors backward
///   delivered into its `.grad` (0 means `.grad` was not touched).
/// - **Saved bytes** are the bytes of the values recorded ops keep for their backward, 8 per
///   `Double`, each distinct buffer once (ReLU's output saved by ReLU and by the next Linear
///   counts once). It is what the graph holds until backward frees it. Class indices kept by
///   `nllLoss` are not counted. Optimizer steps are not counted in any column.
///
/// Scopes nest: an inner profile's work is also counted by the outer one.
///
///     let report = try profile(model) {
///         let loss = crossEntropy(model(x), y)
///         try loss.backward()
///     }
///     print(report)
/// - Parameters:
///   - model: names the parameters (`0.weight`, …) in the gradient counts; without it, only
///     the total number of gradients is reported.
///   - body: the work to count.
/// - Returns: the counts.
public func profile(_ model: Module? = nil, _ body: () throws -> Void) rethrows -> Profile {
    try profile(parameters: model?.namedParameters() ?? [], body)
}

/// The profiler with explicitly named parameters, e.g. `profile(parameters: [("w", w)]) { … }`.
///
/// See ``profile(_:_:)`` for what is counted.
public func profile(parameters: [(name: String, tensor: Tensor)], _ body: () throws -> Void) rethrows -> Profile {
    let counter = ProfileCounter()
    let state = ThreadState.current
    state.profilers.append(counter)
    defer { state.profilers.removeAll { $0 === counter } }
    try body()
    return counter.report(parameters: parameters)
}

/// The counts of a ``profile(_:_:)`` scope; prints as a small aligned table.
public struct Profile: CustomStringConvertible, Equatable, Sendable {
    /// One kind of op, by its PyTorch name.
    public struct OpCount: Equatable, Sendable {
        /// PyTorch's `grad_fn` name, e.g. `AddmmBackward0`.
        public var name: String
        /// How many times the op ran in forward (recorded or not).
        public var run: Int
        /// How many of those runs were recorded in the graph.
        public var recorded: Int
        /// How many of its nodes ran their local backward.
        public var backward: Int

        /// Creates a count.
        public init(name: String, run: Int, recorded: Int, backward: Int) {
            self.name = name
            self.run = run
            self.recorded = recorded
            self.backward = backward
        }
    }

    /// The ops, in the order each kind first ran.
    public var ops: [OpCount]
    /// Gradient tensors delivered per named parameter, in the parameters' order
    /// (only when the profile was given a model or named parameters).
    public var gradients: [(name: String, count: Int)]
    /// Gradient tensors delivered to leaves that are not among the named parameters.
    public var otherGradients: Int
    /// FLOPs of every op that ran outside backward.
    public var forwardFlops: Int
    /// FLOPs the kernels executed during backward.
    public var backwardFlops: Int
    /// Bytes of the distinct buffers recorded ops saved for backward.
    public var savedBytes: Int
    /// The part of ``savedBytes`` the step itself computed: the activations the graph keeps
    /// alive. It leaves out buffers the caller holds anyway, however often they are saved: the
    /// parameters (PyTorch saves a weight as a view, which costs nothing) and inputs made before
    /// the profile began.
    public var activationBytes = 0

    /// Ops that ran in forward, all kinds.
    public var opsRun: Int { ops.reduce(0) { $0 + $1.run } }
    /// Ops recorded in the graph, all kinds.
    public var opsRecorded: Int { ops.reduce(0) { $0 + $1.recorded } }
    /// Backward nodes executed, all kinds.
    public var backwardNodes: Int { ops.reduce(0) { $0 + $1.backward } }
    /// Gradient tensors delivered to leaves, named or not.
    public var gradientsDelivered: Int { gradients.reduce(otherGradients) { $0 + $1.count } }

    /// The count for one op kind (zeros when it never ran).
    public subscript(op name: String) -> OpCount {
        ops.first { $0.name == name } ?? OpCount(name: name, run: 0, recorded: 0, backward: 0)
    }

    /// Gradient tensors delivered to the parameter named `name` (`nil` if no such name).
    public func gradients(_ name: String) -> Int? {
        gradients.first { $0.name == name }?.count
    }

    /// Whether two profiles counted the same work: every op count, gradient count, FLOP and byte.
    ///
    /// Written out because tuples (``gradients``) do not conform to `Equatable`.
    public static func == (lhs: Profile, rhs: Profile) -> Bool {
        lhs.ops == rhs.ops && lhs.gradients.map(\.name) == rhs.gradients.map(\.name)
            && lhs.gradients.map(\.count) == rhs.gradients.map(\.count) && lhs.otherGradients == rhs.otherGradients
            && lhs.forwardFlops == rhs.forwardFlops && lhs.backwardFlops == rhs.backwardFlops
            && lhs.savedBytes == rhs.savedBytes
    }

    /// The report as three aligned tables: ops, gradients per parameter, totals.
    ///
    ///     op              run  recorded  backward
    ///     AddmmBackward0    2         1         1
    ///     ReluBackward0     1         0         0
    ///     MseLossBackward0  1         1         1
    ///
    ///     parameter  gradients
    ///     0.weight           0
    ///     …
    ///     forward FLOPs      280
    ///     backward FLOPs     100
    ///     saved bytes        320
    public var description: String {
        var lines = table([["op", "run", "recorded", "backward"]]
            + ops.map { [$0.name, "\($0.run)", "\($0.recorded)", "\($0.backward)"] }
            + [["total", "\(opsRun)", "\(opsRecorded)", "\(backwardNodes)"]])
        if !gradients.isEmpty {
            var rows = [["parameter", "gradients"]] + gradients.map { [$0.name, "\($0.count)"] }
            if otherGradients > 0 { rows.append(["other leaves", "\(otherGradients)"]) }
            lines += [""] + table(rows)
        } else {
            lines += ["", "gradients delivered to leaves: \(gradientsDelivered)"]
        }
        lines += [""] + table([["forward FLOPs", forwardFlops.withThousandsSeparators],
                               ["backward FLOPs", backwardFlops.withThousandsSeparators],
                               ["saved bytes", savedBytes.withThousandsSeparators]])
        return lines.joined(separator: "\n")
    }
}

/// Counts the floating-point operations a kernel pass executed (see ``profile(_:_:)``'s rules).
///
/// Called by ``gemm`` and the element-wise helpers; backward reads the total before and after.
@inline(__always)
func countFlops(_ n: Int) {
    ThreadState.current.kernelFlops &+= n
}

/// The live counters of one open ``profile(_:_:)`` scope (engine-internal).
final class ProfileCounter {
    private var ops: [Profile.OpCount] = []
    private var opIndex: [String: Int] = [:]
    /// Gradients per leaf; the leaves are kept so an identifier is not reused in the scope.
    private var gradientCounts: [ObjectIdentifier: (leaf: Tensor, count: Int)] = [:]
    private var forwardFlops = 0
    var backwardFlops = 0
    /// Saved buffers seen so far, by address; the tensors are kept so an address is not reused.
    private var savedBuffers: [UnsafeRawPointer: Tensor] = [:]
    private var savedBytes = 0
    private var activationBytes = 0
    /// Buffers ops produced in this scope, and buffers ops read that came from outside it.
    private var produced: Set<UnsafeRawPointer> = []
    private var external: Set<UnsafeRawPointer> = []

    private static func address(_ tensor: Tensor) -> UnsafeRawPointer? {
        tensor.storage.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }

    private func index(_ name: String) -> Int {
        if let i = opIndex[name] { return i }
        ops.append(Profile.OpCount(name: name, run: 0, recorded: 0, backward: 0))
        opIndex[name] = ops.count - 1
        return ops.count - 1
    }

    func opRan(_ name: String, flops: Int, recorded: Bool, saved: [Tensor], inputs: [Tensor] = [], output: Tensor? = nil) {
        let i = index(name)
        ops[i].run += 1
        forwardFlops += flops
        for input in inputs {
            if let address = Self.address(input), !produced.contains(address) { external.insert(address) }
        }
        if let output, let address = Self.address(output) { produced.insert(address) }
        guard recorded else { return }
        ops[i].recorded += 1
        for tensor in saved where tensor.count > 0 {
            let address = tensor.storage.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) }
            if savedBuffers[address] == nil {
                savedBuffers[address] = tensor
                savedBytes += 8 * tensor.count
                if !external.contains(address) { activationBytes += 8 * tensor.count }
            }
        }
    }

    func backwardRan(_ node: Node) {
        ops[index(node.name)].backward += 1
    }

    func gradientReached(_ leaf: Tensor) {
        gradientCounts[ObjectIdentifier(leaf), default: (leaf, 0)].count += 1
    }

    func report(parameters: [(name: String, tensor: Tensor)]) -> Profile {
        var other = gradientCounts
        let named = parameters.map { p in
            (name: p.name, count: other.removeValue(forKey: ObjectIdentifier(p.tensor))?.count ?? 0)
        }
        var profile = Profile(ops: ops, gradients: named, otherGradients: other.values.reduce(0) { $0 + $1.count },
                       forwardFlops: forwardFlops, backwardFlops: backwardFlops, savedBytes: savedBytes)
        profile.activationBytes = activationBytes
        return profile
    }
}
