/// One recorded operation in the autograd graph: PyTorch's `grad_fn`.
///
/// A node knows its PyTorch name (`MulBackward0`, `AddmmBackward0`, …), the tensors it consumed
/// (``inputs``, in the op's argument order) and how to turn the gradient of its output into
/// gradients for those inputs (its local backward, written next to the op's forward).
/// Walking `output.gradFn` → `inputs` → their `gradFn` … visits the whole graph, which is what
/// a DOT export or an op counter needs.
public final class Node {
    /// The local backward: from the gradient of the output and which inputs need a gradient,
    /// the gradients of the inputs (`nil` where none is needed).
    public typealias Backward = (_ gradOutput: Tensor, _ needsGrad: [Bool]) -> [Tensor?]

    /// How one of PyTorch's edges out of a node is made from the op's inputs.
    enum Edge {
        /// The input itself: its `grad_fn`, or its `AccumulateGrad` when it is a leaf.
        case input(Int)
        /// PyTorch's `TBackward0` over the input (`weight.t()` inside `F.linear`), which the
        /// engine's fused kernel does not run as a separate op.
        case transposed(Int)
    }

    /// What a node is.
    enum Role {
        /// A recorded op, with its local backward.
        case op
        /// PyTorch's `AccumulateGrad` for a leaf: where a gradient is added into `.grad`.
        case accumulateGrad
        /// A node PyTorch records whose work the engine does inside another node's backward.
        case fused
    }

    /// PyTorch's name for this node, as printed in `grad_fn=<…>`.
    public let name: String
    /// The op's inputs, in the engine's argument order. Leaves among them that require grad
    /// receive `.grad`.
    public let inputs: [Tensor]
    /// Which inputs required grad when the op ran (PyTorch's edges to `AccumulateGrad` or a `grad_fn`).
    public let needsGrad: [Bool]
    /// Floating-point operations of the forward computation, as reported by the op.
    public let flops: Int
    /// Whether the backward depends on values saved at forward time (those are freed after backward).
    public let savesTensors: Bool
    /// Bytes of the tensors the local backward keeps alive until it runs (8 per `Double`).
    public let savedBytes: Int
    /// For an `AccumulateGrad` node, the leaf it adds gradients into (PyTorch's `.variable`).
    public let variable: Tensor?
    /// Each input's `grad_fn` when the op ran: PyTorch's edges are fixed then, so an in-place op
    /// that later gives an input a new `grad_fn` does not reroute this node's gradient.
    let inputFunctions: [Node?]
    /// The tensor this op produced (weakly: it holds this node as its `gradFn`).
    weak var output: Tensor?
    /// The tensors the local backward reads, with their versions when they were saved (PyTorch's
    /// `SavedVariable`): one modified in place since makes backward fail, as in PyTorch.
    let savedVersions: [SavedVersion]

    /// A tensor saved for backward: which one, at which version, and the name of the op that
    /// made it (for PyTorch's "which is output 0 of Exp").
    struct SavedVersion {
        enum Slot { case input(Int), output }
        var slot: Slot
        var version: Int
        var madeBy: String?
        /// PyTorch saves a linear layer's weight as the view `weight.t()`: its error names the
        /// view, transposed, made by `AsStrided` (when the weight requires grad).
        var transposedView = false
    }
    let role: Role
    /// PyTorch's edges, when they are not simply one per input in order.
    private let edges: [Edge]?
    /// The local backward; set to `nil` once the saved tensors are freed.
    private var backwardFunction: Backward?

    init(name: String, inputs: [Tensor], flops: Int, savesTensors: Bool, savedBytes: Int, edges: [Edge]? = nil,
         savedVersions: [SavedVersion] = [], backward: @escaping Backward) {
        self.name = name
        self.inputs = inputs
        self.inputFunctions = inputs.map(\.gradFn)
        self.savedVersions = savedVersions
        self.needsGrad = inputs.map(\.requiresGrad)
        self.flops = flops
        self.savesTensors = savesTensors
        self.savedBytes = savedBytes
        self.edges = edges
        self.variable = nil
        self.role = .op
        self.backwardFunction = backward
    }

    /// A node of PyTorch's graph that the engine does not run on its own: `AccumulateGrad` for
    /// `variable`, or a fused node whose edges lead to `next`.
    private init(structural name: String, role: Role, variable: Tensor?, next: [Node?]) {
        self.name = name
        self.inputs = []
        self.inputFunctions = []
        self.savedVersions = []
        self.needsGrad = []
        self.flops = 0
        self.savesTensors = false
        self.savedBytes = 0
        self.edges = nil
        self.variable = variable
        self.role = role
        self.backwardFunction = nil
        self.fixedNext = next
    }

    private var fixedNext: [Node?]?

    /// The nodes this one passes gradients to, as PyTorch's `next_functions` lists them (without
    /// the input numbers): an input's `grad_fn`, the `AccumulateGrad` of a leaf that requires
    /// grad, `nil` for an input that needs no gradient; and PyTorch's `TBackward0` between
    /// `AddmmBackward0` and a `Linear`'s weight. An `AccumulateGrad` node has none.
    ///
    /// Computed once, on first use, so the same node objects come back on every walk.
    public private(set) lazy var nextFunctions: [Node?] = fixedNext ?? (edges ?? inputs.indices.map(Edge.input)).map { edge in
        switch edge {
        case .input(let i):
            return Node.edge(to: inputs[i], function: inputFunctions[i], needsGrad: needsGrad[i])
        case .transposed(let i):
            guard needsGrad[i] else { return nil }
            return Node(structural: "TBackward0", role: .fused, variable: nil,
                        next: [Node.edge(to: inputs[i], function: inputFunctions[i], needsGrad: true)])
        }
    }

    /// The `TBackward0` nodes PyTorch records around this op, which run when its backward runs.
    var fusedNodes: [Node] {
        guard edges != nil else { return [] }
        return nextFunctions.compactMap { $0 }.filter { $0.role == .fused }
    }

    /// Where a gradient for `tensor` goes: its `grad_fn` when the op ran, its `AccumulateGrad`,
    /// or nowhere.
    private static func edge(to tensor: Tensor, function: Node?, needsGrad: Bool) -> Node? {
        guard needsGrad else { return nil }
        if let function { return function }
        // One AccumulateGrad per leaf while any graph holds it, as PyTorch keeps it.
        if let existing = tensor.gradAccumulator { return existing }
        let node = Node(structural: "AccumulateGrad", role: .accumulateGrad, variable: tensor, next: [])
        tensor.gradAccumulator = node
        return node
    }

    /// Whether the saved tensors have been freed by a backward pass without `retainGraph`.
    public var isReleased: Bool { role == .op && backwardFunction == nil }

    /// Runs the local backward, or throws if its saved tensors were already freed or one of
    /// them was modified in place after it was saved.
    func apply(_ gradOutput: Tensor) throws -> [Tensor?] {
        guard let backwardFunction else { throw AutogradError.backwardTwice }
        for saved in savedVersions {
            let tensor: Tensor?
            switch saved.slot {
            case .input(let i): tensor = inputs[i]
            case .output: tensor = output
            }
            if let tensor, tensor.version != saved.version {
                throw AutogradError.modifiedInPlace(shape: saved.transposedView ? tensor.shape.reversed() : tensor.shape,
                                                    madeBy: saved.transposedView ? (tensor.requiresGrad ? "AsStridedBackward0" : nil) : saved.madeBy,
                                                    version: tensor.version, expected: saved.version)
            }
        }
        return backwardFunction(gradOutput, needsGrad)
    }

    /// Frees the values saved for backward (ops that saved none can run again, as in PyTorch).
    func release() {
        if savesTensors { backwardFunction = nil }
    }
}

/// Observes every recorded op: the hook for instruments such as a profiler or op counter.
///
/// Set ``Recorder/observer`` to receive each new node right after it is recorded.
public enum Recorder {
    /// Called with every node recorded on this thread (a lesson program has one thread).
    public static var observer: ((Node) -> Void)? {
        get { ThreadState.current.observer }
        set { ThreadState.current.observer = newValue }
    }
}

/// Records an op: THE one place every op passes through.
///
/// If grad mode is on and some input requires grad, `output` becomes a non-leaf that requires
/// grad and keeps a ``Node`` with the op's local `backward`; otherwise nothing is recorded and
/// `output` stays a leaf with `requiresGrad == false`, exactly PyTorch's rule.
/// - Parameters:
///   - name: PyTorch's `grad_fn` name, e.g. `MulBackward0`.
///   - output: the freshly computed result.
///   - inputs: the tensor arguments of the op, in order.
///   - flops: the forward cost (counting rules in ``profile(_:_:)``), for a profiler.
///   - savesTensors: whether `backward` captured values that are freed after backward.
///   - saved: the tensors `backward` captured, for a profiler's bytes kept alive.
///   - edges: PyTorch's edges, when its node lists them in another order or through nodes the
///     engine fuses (`AddmmBackward0`'s `bias, input, TBackward0(weight)`).
///   - saving: the inputs (or `output`) whose values `backward` reads, as PyTorch saves them:
///     their versions are checked when backward runs (a tensor modified in place since fails it),
///     and an inference tensor among them cannot be saved.
///   - savingTransposed: an input PyTorch saves as its transposed view (a linear layer's weight).
///   - backward: the op's local backward.
/// - Returns: `output`, for chaining.
@discardableResult
func record(_ name: String, output: Tensor, inputs: [Tensor], flops: Int = 0,
            savesTensors: Bool = true, saved: [Tensor] = [], edges: [Node.Edge]? = nil,
            saving: [Tensor] = [], savingTransposed: Tensor? = nil, backward: @escaping Node.Backward) -> Tensor {
    let state = ThreadState.current
    let recording = state.gradEnabled && inputs.contains(where: \.requiresGrad)
    // Instruments see every op that ran, recorded or not, and the ops PyTorch runs that the
    // engine fuses into this one (the `weight.t()` of a Linear).
    for profiler in state.profilers {
        for case .transposed(let i) in edges ?? [] {
            profiler.opRan("TBackward0", flops: 0, recorded: state.gradEnabled && inputs[i].requiresGrad, saved: [])
        }
        profiler.opRan(name, flops: flops, recorded: recording, saved: saved, inputs: inputs, output: output)
    }
    guard recording else { return output }
    var versions = saving.map { tensor -> Node.SavedVersion in
        if tensor.isInference { fail(AutogradError.inferenceTensorSaved.description) }
        if tensor === output { return Node.SavedVersion(slot: .output, version: tensor.version, madeBy: name) }
        guard let i = inputs.firstIndex(where: { $0 === tensor }) else {
            fail("internal error: \(name) saves a tensor that is neither an input nor its output")
        }
        return Node.SavedVersion(slot: .input(i), version: tensor.version, madeBy: tensor.gradFn?.name)
    }
    if let view = savingTransposed, let i = inputs.firstIndex(where: { $0 === view }) {
        if view.isInference { fail(AutogradError.inferenceTensorSaved.description) }
        versions.append(Node.SavedVersion(slot: .input(i), version: view.version, madeBy: nil, transposedView: true))
    }
    let node = Node(name: name, inputs: inputs, flops: flops, savesTensors: savesTensors,
                    savedBytes: saved.reduce(0) { $0 + 8 * $1.count }, edges: edges, savedVersions: versions, backward: backward)
    node.output = output
    output.gradFn = node
    output.requiresGradFlag = true
    state.observer?(node)
    return output
}
