/// Matrix multiply, transpose and the fused linear map, all through the ``gemm`` kernel.
extension Tensor {
    /// Matrix product (`MmBackward0` for two matrices, `MvBackward0` for matrix·vector,
    /// `DotBackward0` for two vectors).
    public func matmul(_ other: Tensor) -> Tensor {
        switch (rank, other.rank) {
        case (2, 2): return mm(other)
        case (2, 1): return mv(other)
        case (1, 1): return dot(other)
        case (1, 2): return reshape([1, count]).mm(other).reshape([other.shape[1]])
        default: fail("matmul supports vectors and matrices, got shapes \(shape) and \(other.shape)")
        }
    }

    /// Matrix times matrix (`MmBackward0`).
    public func mm(_ other: Tensor) -> Tensor {
        ensure(rank == 2 && other.rank == 2 && shape[1] == other.shape[0],
                     "mat1 and mat2 shapes cannot be multiplied (\(shape[0])x\(shape[1]) and \(other.shape[0])x\(other.shape[1]))")
        let (m, k, n) = (shape[0], shape[1], other.shape[1])
        let out = Tensor(shape: [m, n], storage: matmulArrays(storage, other.storage, m: m, n: n, k: k))
        // A is saved only if B needs a gradient, and B only if A does (as in PyTorch).
        let a = other.requiresGrad ? detach() : nil
        let b = requiresGrad ? other.detach() : nil
        return record("MmBackward0", output: out, inputs: [self, other], flops: 2 * m * n * k,
                      saved: [a, b].compactMap { $0 }, saving: savedOperands(self, other)) { g, needs in
            // C = A·B: dA = dC·Bᵀ, dB = Aᵀ·dC. Each gemm runs only if that input needs a gradient.
            [needs[0] ? Tensor(shape: [m, k], storage: matmulArrays(g.storage, b!.storage, transB: true, m: m, n: k, k: n)) : nil,
             needs[1] ? Tensor(shape: [k, n], storage: matmulArrays(a!.storage, g.storage, transA: true, m: k, n: n, k: m)) : nil]
        }
    }

    /// Matrix times vector (`MvBackward0`).
    func mv(_ vector: Tensor) -> Tensor {
        ensure(shape[1] == vector.shape[0], "size mismatch, got input (\(shape[0])), mat (\(shape[0])x\(shape[1])), vec (\(vector.shape[0]))")
        let (m, k) = (shape[0], shape[1])
        let out = Tensor(shape: [m], storage: matmulArrays(storage, vector.storage, m: m, n: 1, k: k))
        let a = vector.requiresGrad ? detach() : nil
        let v = requiresGrad ? vector.detach() : nil
        return record("MvBackward0", output: out, inputs: [self, vector], flops: 2 * m * k,
                      saved: [a, v].compactMap { $0 }, saving: savedOperands(self, vector)) { g, needs in
            // y = A·v: dA = g·vᵀ (outer product), dv = Aᵀ·g.
            [needs[0] ? Tensor(shape: [m, k], storage: matmulArrays(g.storage, v!.storage, m: m, n: k, k: 1)) : nil,
             needs[1] ? Tensor(shape: [k], storage: matmulArrays(a!.storage, g.storage, transA: true, m: k, n: 1, k: m)) : nil]
        }
    }

    /// Dot product of two vectors (`DotBackward0`).
    func dot(_ other: Tensor) -> Tensor {
        ensure(count == other.count, "inconsistent tensor size, expected tensor [\(count)] and src [\(other.count)] to have the same number of elements, but got \(count) and \(other.count) elements respectively")
        var sum = 0.0
        for i in 0..<count { sum += storage[i] * other.storage[i] }
        let a = other.requiresGrad ? detach() : nil
        let b = requiresGrad ? other.detach() : nil
        return record("DotBackward0", output: Tensor(sum), inputs: [self, other], flops: 2 * count,
                      saved: [a, b].compactMap { $0 }, saving: savedOperands(self, other)) { g, needs in
            let s = g.storage[0]
            return [needs[0] ? b!.mapValues { $0 * s } : nil, needs[1] ? a!.mapValues { $0 * s } : nil]
        }
    }

    /// The transpose of a matrix (`TBackward0`), like `x.t()`.
    public func t() -> Tensor {
        ensure(rank <= 2, "t() expects a tensor with <= 2 dimensions, but self is \(rank)D")
        guard rank == 2 else { return record("TBackward0", output: detach(), inputs: [self], savesTensors: false) { g, _ in [g] } }
        let out = Tensor(shape: [shape[1], shape[0]], storage: transposed(storage, rows: shape[0], cols: shape[1]))
        let (rows, cols) = (shape[0], shape[1])
        return record("TBackward0", output: out, inputs: [self], savesTensors: false) { g, _ in
            [Tensor(shape: [rows, cols], storage: transposed(g.storage, rows: cols, cols: rows))]
        }
    }

    /// The transpose of a matrix, `x.T` (same as ``t()``).
    public var T: Tensor { t() }

    /// The transpose of a matrix (same as ``t()``).
    public func transpose() -> Tensor { t() }

    /// The affine map of a `Linear` layer, `x·Wᵀ + b`, as ONE gemm plus a bias row
    /// (`AddmmBackward0`, or `MmBackward0` without bias, as in PyTorch).
    ///
    /// Backward is two gemms, and each is skipped when its input does not need a gradient:
    /// a frozen weight costs no weight-gradient gemm, an input that needs no grad (the first
    /// layer, or everything after a frozen body) costs no input-gradient gemm.
    /// - Parameters:
    ///   - weight: `[out, in]`.
    ///   - bias: `[out]`, or `nil`.
    public func linear(weight: Tensor, bias: Tensor?) -> Tensor {
        if rank == 1 { return reshape([1, count]).linear(weight: weight, bias: bias).reshape([weight.shape[0]]) }
        ensure(rank == 2 && weight.rank == 2 && shape[1] == weight.shape[1],
                     "mat1 and mat2 shapes cannot be multiplied (\(shape[0])x\(shape.last ?? 0) and \(weight.shape.last ?? 0)x\(weight.shape[0]))")
        let (batch, inF, outF) = (shape[0], shape[1], weight.shape[0])
        var values = [Double](repeating: 0, count: batch * outF)
        if let bias {
            ensure(bias.shape == [outF], "bias must have shape [\(outF)], got \(bias.shape)")
            // Start from the bias in every row, then accumulate x·Wᵀ on top (beta = 1), like addmm.
            values.withUnsafeMutableBufferPointer { o in
                bias.storage.withUnsafeBufferPointer { b in
                    for r in 0..<batch { for c in 0..<outF { o[r * outF + c] = b[c] } }
                }
            }
        }
        storage.withUnsafeBufferPointer { x in
            weight.storage.withUnsafeBufferPointer { w in
                values.withUnsafeMutableBufferPointer { o in
                    if batch > 0, outF > 0, inF > 0 {
                        gemm(transA: false, transB: true, m: batch, n: outF, k: inF,
                             a: x.baseAddress!, lda: inF, b: w.baseAddress!, ldb: inF,
                             beta: bias == nil ? 0 : 1, c: o.baseAddress!, ldc: outF)
                    }
                }
            }
        }
        let out = Tensor(shape: [batch, outF], storage: values)
        // Saved for backward, as in PyTorch: x only if the weight needs a gradient (dW = gᵀ·x),
        // W only if x needs one (dx = g·W). A trainable first layer keeps x but not W.
        let x = weight.requiresGrad ? detach() : nil
        let w = requiresGrad ? weight.detach() : nil
        let inputs = bias.map { [self, weight, $0] } ?? [self, weight]
        // PyTorch's graph for `F.linear` is `addmm(bias, input, weight.t())`: its edges run bias,
        // input, then a TBackward0 node over the weight. One gemm here does all of that.
        let edges: [Node.Edge] = bias == nil ? [.input(0), .transposed(1)] : [.input(2), .input(0), .transposed(1)]
        return record(bias == nil ? "MmBackward0" : "AddmmBackward0", output: out, inputs: inputs,
                      flops: 2 * batch * inF * outF + (bias == nil ? 0 : batch * outF),
                      saved: [x, w].compactMap { $0 }, edges: edges,
                      saving: weight.requiresGrad ? [self] : [], savingTransposed: requiresGrad ? weight : nil) { g, needs in
            // y = x·Wᵀ + b: dx = g·W, dW = gᵀ·x, db = column sums of g.
            var grads: [Tensor?] = [
                needs[0] ? Tensor(shape: [batch, inF], storage: matmulArrays(g.storage, w!.storage, m: batch, n: inF, k: outF)) : nil,
                needs[1] ? Tensor(shape: [outF, inF], storage: matmulArrays(g.storage, x!.storage, transA: true, m: outF, n: inF, k: batch)) : nil,
            ]
            if needs.count == 3 {
                grads.append(needs[2] ? reduceGrad(g, to: [outF]) : nil)
            }
            return grads
        }
    }
}

/// The transpose of a row-major `rows×cols` matrix.
func transposed(_ values: [Double], rows: Int, cols: Int) -> [Double] {
    var out = [Double](repeating: 0, count: values.count)
    values.withUnsafeBufferPointer { v in
        out.withUnsafeMutableBufferPointer { o in
            for r in 0..<rows { for c in 0..<cols { o[c * rows + r] = v[r * cols + c] } }
        }
    }
    return out
}
