/// The backward pass: a topological sort of the graph and a reverse walk, as in micrograd.
extension Tensor {
    /// Computes the gradient of this scalar with respect to every leaf that requires grad and
    /// **adds** it to the leaf's ``grad`` (like `loss.backward()`).
    ///
    /// - Parameter retainGraph: keep the saved values so a second backward can run.
    /// - Throws: ``AutogradError/noGradFn`` when this tensor is not attached to a graph,
    ///   ``AutogradError/nonScalarImplicitGrad`` when it has more than one element,
    ///   ``AutogradError/backwardTwice`` when the graph was already freed.
    public func backward(retainGraph: Bool = false) throws {
        guard requiresGrad else { throw AutogradError.noGradFn }
        guard count == 1 else { throw AutogradError.nonScalarImplicitGrad }
        try backward(gradient: Tensor(shape: shape, storage: [1]), retainGraph: retainGraph)
    }

    /// Backpropagates `gradient` (the gradient of some scalar with respect to this tensor),
    /// like `y.backward(gradient)`.
    public func backward(gradient: Tensor, retainGraph: Bool = false) throws {
        guard requiresGrad else { throw AutogradError.noGradFn }
        guard gradient.shape == shape else {
            throw AutogradError.gradientShapeMismatch(expected: shape, got: gradient.shape)
        }
        try withNoGrad {
            try runBackward(seed: gradient.detach(), retainGraph: retainGraph)
        }
    }

    /// What the backward walk visits: a recorded op, or a leaf that requires grad (its
    /// `AccumulateGrad`).
    private enum Step {
        case node(Node)
        case leaf(Tensor)

        var key: ObjectIdentifier {
            switch self {
            case .node(let node): ObjectIdentifier(node)
            case .leaf(let leaf): ObjectIdentifier(leaf)
            }
        }
    }

    private func runBackward(seed: Tensor, retainGraph: Bool) throws {
        // Every op and leaf reachable through the edges recorded when each op ran, outputs
        // before inputs. (Edges, not the inputs' current `gradFn`: an in-place op may have given
        // an input a new one since.)
        var order: [Step] = []
        var visited: Set<ObjectIdentifier> = []
        func visit(_ step: Step) {
            guard visited.insert(step.key).inserted else { return }
            if case .node(let node) = step {
                for i in node.inputs.indices where node.needsGrad[i] {
                    visit(node.inputFunctions[i].map(Step.node) ?? .leaf(node.inputs[i]))
                }
            }
            order.append(step)
        }
        let root: Step = gradFn.map(Step.node) ?? .leaf(self)
        visit(root)

        let state = ThreadState.current
        let flopsBefore = state.kernelFlops
        var pending: [ObjectIdentifier: Tensor] = [root.key: seed]
        var ran: [Node] = []
        for step in order.reversed() {
            guard var gradOutput = pending.removeValue(forKey: step.key) else { continue }
            switch step {
            case .leaf(let leaf):
                // Its gradient is complete: its hooks may replace it before AccumulateGrad.
                if !leaf.hooks.isEmpty { gradOutput = leaf.runHooks(gradOutput) }
                if leaf.requiresGrad {
                    leaf.accumulateGrad(gradOutput)
                    for profiler in state.profilers { profiler.gradientReached(leaf) }
                }
            case .node(let node):
                // The op's output: its hooks, then retainGrad, then the op's backward, as in PyTorch.
                if let output = node.output, output.gradFn === node {
                    if !output.hooks.isEmpty { gradOutput = output.runHooks(gradOutput) }
                    if output.retainsGrad { output.accumulateGrad(gradOutput) }
                }
                let inputGrads = try node.apply(gradOutput)
                ran.append(node)
                if !state.profilers.isEmpty {
                    for ran in [node] + node.fusedNodes { for profiler in state.profilers { profiler.backwardRan(ran) } }
                }
                for (i, grad) in inputGrads.enumerated() {
                    guard let grad else { continue }
                    let key = node.inputFunctions[i].map(ObjectIdentifier.init) ?? ObjectIdentifier(node.inputs[i])
                    if let existing = pending[key] {
                        pending[key] = Tensor(shape: existing.shape, storage: addArrays(existing.storage, grad.storage))
                    } else {
                        pending[key] = grad
                    }
                }
            }
        }
        if !retainGraph { ran.forEach { $0.release() } }
        for profiler in state.profilers { profiler.backwardFlops += state.kernelFlops - flopsBefore }
    }

    /// Adds `incoming` to ``grad`` in place, or stores a copy if there is none yet
    /// (PyTorch's `AccumulateGrad`: the `.grad` tensor keeps its identity across backwards).
    func accumulateGrad(_ incoming: Tensor) {
        ensure(incoming.shape == shape, "gradient shape \(incoming.shape) does not match \(shape)")
        if let grad {
            // In place: no new buffer for a gradient that is accumulated step after step.
            countFlops(count)
            grad.storage.withUnsafeMutableBufferPointer { o in
                incoming.storage.withUnsafeBufferPointer { b in
                    for i in o.indices { o[i] += b[i] }
                }
            }
        } else {
            grad = Tensor(shape: shape, storage: incoming.storage)
        }
    }
}

/// Element-wise sum of two arrays of equal length.
func addArrays(_ a: [Double], _ b: [Double]) -> [Double] {
    ensure(a.count == b.count, "internal error: adding arrays of \(a.count) and \(b.count) values")
    countFlops(a.count)
    var out = a
    out.withUnsafeMutableBufferPointer { o in
        b.withUnsafeBufferPointer { bp in
            for i in 0..<o.count { o[i] += bp[i] }
        }
    }
    return out
}
