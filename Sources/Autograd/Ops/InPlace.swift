/// In-place ops, PyTorch's trailing-underscore methods: `add_`, `mul_`, `zero_`, `fill_`,
/// `copy_`, `maskedFill_`, and assigning into a row with `x[i] = …`.
///
/// Each one changes the values of this tensor object (every module and optimizer holding it sees
/// the change) and adds one to its ``version``, PyTorch's `_version`. That counter is what makes
/// an in-place op safe to use: every op recorded for backward notes the versions of the tensors it
/// saved, and backward fails with PyTorch's message ("one of the variables needed for gradient
/// computation has been modified by an inplace operation…") when one changed since. An optimizer
/// step is an in-place op on every parameter it moves, which is how a second backward through a
/// graph made before `step()` meets that error.
///
/// With grad mode on and an operand that requires grad, the op is recorded as PyTorch records it
/// (`AddBackward0`, `MulBackward0`, `ZeroBackward0`, `CopyBackwards`, …): the tensor's history is
/// *rebased* onto the new node, whose input is the tensor as it was before. The one thing not
/// allowed is PyTorch's too: an in-place op on a leaf that requires grad ("a leaf Variable that
/// requires grad is being used in an in-place operation."), which would overwrite a parameter
/// without autograd seeing it. Do those under ``withNoGrad(_:)``, as optimizers do.
extension Tensor {
    /// `self += other` in place, broadcasting `other` (`add_`).
    @discardableResult
    public func add_(_ other: Tensor) -> Tensor {
        inPlace { $0.add(other) }
    }

    /// Adds a number to every element in place (`add_`).
    @discardableResult
    public func add_(_ value: Double) -> Tensor {
        inPlace { $0.add(Tensor(value)) }
    }

    /// `self -= other` in place, broadcasting `other` (`sub_`).
    @discardableResult
    public func sub_(_ other: Tensor) -> Tensor {
        inPlace { $0.sub(other) }
    }

    /// `self *= other` in place, broadcasting `other` (`mul_`).
    @discardableResult
    public func mul_(_ other: Tensor) -> Tensor {
        inPlace { $0.mul(other) }
    }

    /// Multiplies every element by a number in place (`mul_`).
    @discardableResult
    public func mul_(_ value: Double) -> Tensor {
        inPlace { $0.mul(Tensor(value)) }
    }

    /// Sets every element to zero (`zero_`; recorded as `ZeroBackward0`, whose gradient is zero).
    @discardableResult
    public func zero_() -> Tensor {
        fill_(0, name: "ZeroBackward0")
    }

    /// Sets every element to `value` (`fill_`; recorded as `FillBackward2`).
    @discardableResult
    public func fill_(_ value: Double) -> Tensor {
        fill_(value, name: "FillBackward2")
    }

    private func fill_(_ value: Double, name: String) -> Tensor {
        inPlace { previous in
            let out = Tensor(shape: previous.shape, storage: [Double](repeating: value, count: previous.count))
            let shape = previous.shape
            return record(name, output: out, inputs: [previous], savesTensors: false) { _, _ in
                [Tensor(shape: shape, storage: [Double](repeating: 0, count: shape.reduce(1, *)))]
            }
        }
    }

    /// Copies `source`'s values in (`copy_`, broadcasting `source`; recorded as `CopyBackwards`:
    /// the old values get no gradient, `source` gets all of it).
    @discardableResult
    public func copy_(_ source: Tensor) -> Tensor {
        inPlace { previous in
            let out = broadcastMap(previous, source) { _, b in b }
            let (shape, sourceShape) = (previous.shape, source.shape)
            return record("CopyBackwards", output: out, inputs: [previous, source], savesTensors: false) { g, needs in
                [needs[0] ? Tensor(shape: shape, storage: [Double](repeating: 0, count: g.count)) : nil,
                 needs[1] ? reduceGrad(g, to: sourceShape) : nil]
            }
        }
    }

    /// Sets the elements where `mask` is non-zero to `value` (`masked_fill_`, `mask`
    /// broadcasting; recorded as `MaskedFillBackward0`: no gradient where it filled).
    @discardableResult
    public func maskedFill_(_ mask: Tensor, _ value: Double) -> Tensor {
        inPlace { previous in
            let out = broadcastMap(previous, mask) { x, m in m != 0 ? value : x }
            let where_ = broadcastMap(previous, mask) { _, m in m != 0 ? 0 : 1 }
            return record("MaskedFillBackward0", output: out, inputs: [previous], savesTensors: false) { g, _ in
                [zipValues(g, where_) { $0 * $1 }]
            }
        }
    }

    /// Assigns `value` into row `index` of the first dimension, in place (`x[i] = value`,
    /// broadcasting `value`). Not recorded for backward: into a tensor that requires grad (or
    /// from a value that does) it stops the program, as PyTorch's `CopySlices` is not modelled;
    /// assign under ``withNoGrad(_:)``.
    public func assign(_ value: Tensor, intoRow index: Int) {
        checkInPlace()
        let state = ThreadState.current
        if state.gradEnabled && (requiresGrad || value.requiresGrad) {
            fail("indexed assignment into a tensor that requires grad, or of a value that does, is not recorded by this engine "
                 + "(PyTorch records it as CopySlices); assign under withNoGrad { }, or build the tensor out of place")
        }
        ensure(rank >= 1, "invalid index of a 0-dim tensor")
        let n = shape[0]
        let i = index < 0 ? index + n : index
        ensure(i >= 0 && i < n, "index \(index) is out of bounds for dimension 0 with size \(n)")
        let row = Array(shape.dropFirst())
        let inner = count / Swift.max(n, 1)
        let values = broadcastMap(Tensor(shape: row, storage: [Double](repeating: 0, count: inner)), value) { _, b in b }
        ensure(values.shape == row, "output with shape \(row) doesn't match the broadcast shape \(values.shape)")
        for j in 0..<inner { storage[i * inner + j] = values.storage[j] }
        version += 1
    }

    /// PyTorch's checks before any in-place op.
    private func checkInPlace() {
        let state = ThreadState.current
        if isInference && !state.inferenceMode { fail(AutogradError.inferenceInPlace.description) }
        if state.gradEnabled && isLeaf && requiresGrad { fail(AutogradError.leafInPlace.description) }
    }

    /// Runs the out-of-place form of an op on this tensor as it is now, then takes over the
    /// result: its values, one more version, and (when the op was recorded) its `grad_fn`,
    /// whose input is a stand-in for this tensor before the op.
    private func inPlace(_ op: (Tensor) -> Tensor) -> Tensor {
        checkInPlace()
        let previous = Tensor(shape: shape, storage: storage, dtype: dtype)
        previous.gradFn = gradFn
        previous.requiresGradFlag = requiresGradFlag
        previous.version = version
        let result = op(previous)
        ensure(result.shape == shape, "output with shape \(shape) doesn't match the broadcast shape \(result.shape)")
        storage = result.storage
        version += 1
        if let node = result.gradFn {
            gradFn = node
            requiresGradFlag = true
            node.output = self
        }
        return self
    }
}
