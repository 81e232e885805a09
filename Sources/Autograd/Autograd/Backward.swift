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

    private func runBackward(seed: Tensor, retainGraph: Bool) throws {
        // Every tensor reachable through gradFn, outputs before inputs.
        var order: [Tensor] = []
        var visited: Set<ObjectIdentifier> = []
        func visit(_ tensor: Tensor) {
            guard visited.insert(ObjectIdentifier(tensor)).inserted else { return }
            if let node = tensor.gradFn {
                for (input, needs) in zip(node.inputs, node.needsGrad) where needs { visit(input) }
            }
            order.append(tensor)
        }
        visit(self)

        let state = ThreadState.current
        let flopsBefore = state.kernelFlops
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): seed]
        var ran: [Node] = []
        for tensor in order.reversed() {
            guard var gradOutput = pending.removeValue(forKey: ObjectIdentifier(tensor)) else { continue }
            // Its gradient is complete: the tensor's hooks may replace it (before AccumulateGrad
            // on a leaf, before retainGrad and the node on a non-leaf, as in PyTorch).
            if !tensor.hooks.isEmpty { gradOutput = tensor.runHooks(gradOutput) }
            guard let node = tensor.gradFn else {
                // A leaf: AccumulateGrad.
                if tensor.requiresGrad {
                    tensor.accumulateGrad(gradOutput)
                    for profiler in state.profilers { profiler.gradientReached(tensor) }
                }
                continue
            }
            if tensor.retainsGrad { tensor.accumulateGrad(gradOutput) }
            let inputGrads = try node.apply(gradOutput)
            ran.append(node)
            if !state.profilers.isEmpty {
                for ran in [node] + node.fusedNodes { for profiler in state.profilers { profiler.backwardRan(ran) } }
            }
            for (input, grad) in zip(node.inputs, inputGrads) {
                guard let grad else { continue }
                let key = ObjectIdentifier(input)
                if let existing = pending[key] {
                    pending[key] = Tensor(shape: existing.shape, storage: addArrays(existing.storage, grad.storage))
                } else {
                    pending[key] = grad
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
