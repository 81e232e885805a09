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

    /// PyTorch's name for this node, as printed in `grad_fn=<…>`.
    public let name: String
    /// The op's inputs, in argument order. Leaves among them that require grad receive `.grad`.
    public let inputs: [Tensor]
    /// Which inputs required grad when the op ran (PyTorch's edges to `AccumulateGrad` or a `grad_fn`).
    public let needsGrad: [Bool]
    /// Floating-point operations of the forward computation, as reported by the op.
    public let flops: Int
    /// Whether the backward depends on values saved at forward time (those are freed after backward).
    public let savesTensors: Bool
    /// Bytes of the tensors the local backward keeps alive until it runs (8 per `Double`).
    public let savedBytes: Int
    /// The local backward; set to `nil` once the saved tensors are freed.
    private var backwardFunction: Backward?

    init(name: String, inputs: [Tensor], flops: Int, savesTensors: Bool, savedBytes: Int,
         backward: @escaping Backward) {
        self.name = name
        self.inputs = inputs
        self.needsGrad = inputs.map(\.requiresGrad)
        self.flops = flops
        self.savesTensors = savesTensors
        self.savedBytes = savedBytes
        self.backwardFunction = backward
    }

    /// The nodes this one passes gradients to (PyTorch's `next_functions`, without `AccumulateGrad`):
    /// the `gradFn` of each input, `nil` for a leaf.
    public var nextFunctions: [Node?] { inputs.map(\.gradFn) }

    /// Whether the saved tensors have been freed by a backward pass without `retainGraph`.
    public var isReleased: Bool { backwardFunction == nil }

    /// Runs the local backward, or throws if its saved tensors were already freed.
    func apply(_ gradOutput: Tensor) throws -> [Tensor?] {
        guard let backwardFunction else { throw AutogradError.backwardTwice }
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
///   - backward: the op's local backward.
/// - Returns: `output`, for chaining.
@discardableResult
func record(_ name: String, output: Tensor, inputs: [Tensor], flops: Int = 0,
            savesTensors: Bool = true, saved: [Tensor] = [], backward: @escaping Node.Backward) -> Tensor {
    let state = ThreadState.current
    let recording = state.gradEnabled && inputs.contains(where: \.requiresGrad)
    // Instruments see every op that ran, recorded or not.
    for profiler in state.profilers { profiler.opRan(name, flops: flops, recorded: recording, saved: saved) }
    guard recording else { return output }
    let node = Node(name: name, inputs: inputs, flops: flops, savesTensors: savesTensors,
                    savedBytes: saved.reduce(0) { $0 + 8 * $1.count }, backward: backward)
    output.gradFn = node
    output.requiresGradFlag = true
    state.observer?(node)
    return output
}
