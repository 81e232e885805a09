/// Sums, means and maxima, over everything or along one dimension.
extension Tensor {
    /// Sum of all elements, a scalar (`SumBackward0`).
    public func sum() -> Tensor {
        let inShape = shape
        let out = Tensor(storage.reduce(0, +))
        return record("SumBackward0", output: out, inputs: [self], flops: count, savesTensors: false) { g, _ in
            // Every element contributed with weight 1.
            [Tensor.full(inShape, g.storage[0])]
        }
    }

    /// Sum along dimension `dim` (negative counts from the end), keeping it as size 1 when
    /// `keepDim` (`SumBackward1`).
    public func sum(dim: Int, keepDim: Bool = false) -> Tensor {
        let d = normalizedDim(dim)
        let inShape = shape
        let out = Tensor(shape: reducedShape(d, keepDim: keepDim), storage: sums(along: d))
        return record("SumBackward1", output: out, inputs: [self], flops: count, savesTensors: false) { g, _ in
            [expand(g.reshapedKeepingDim(d, of: inShape), to: inShape)]
        }
    }

    /// Mean of all elements, a scalar (`MeanBackward0`).
    public func mean() -> Tensor {
        let inShape = shape
        let n = Double(count)
        let out = Tensor(storage.reduce(0, +) / n)
        return record("MeanBackward0", output: out, inputs: [self], flops: count, savesTensors: false) { g, _ in
            [Tensor.full(inShape, g.storage[0] / n)]
        }
    }

    /// Mean along dimension `dim`, keeping it as size 1 when `keepDim` (`MeanBackward1`).
    public func mean(dim: Int, keepDim: Bool = false) -> Tensor {
        let d = normalizedDim(dim)
        let n = Double(shape[d])
        let summed = Tensor(shape: reducedShape(d, keepDim: keepDim), storage: sums(along: d)).mapValues { $0 / n }
        let inShape = shape
        return record("MeanBackward1", output: summed, inputs: [self], flops: count, savesTensors: false) { g, _ in
            [expand(g.reshapedKeepingDim(d, of: inShape), to: inShape).mapValues { $0 / n }]
        }
    }

    /// The largest element, a scalar (`MaxBackward1`); the gradient is shared evenly among ties.
    public func max() -> Tensor {
        ensure(count > 0, "max(): Expected reduction dim to be specified for input.numel() == 0.")
        let m = storage.max()!
        let input = detach()
        return record("MaxBackward1", output: Tensor(m), inputs: [self], flops: count, saved: [input], saving: [self]) { g, _ in
            let ties = Double(input.storage.filter { $0 == m }.count)
            return [input.mapValues { $0 == m ? g.storage[0] / ties : 0 }]
        }
    }

    /// The sums along dimension `d`, row-major over the other dimensions (not recorded).
    func sums(along d: Int) -> [Double] {
        let (outer, length, inner) = splitAround(d)
        var values = [Double](repeating: 0, count: outer * inner)
        storage.withUnsafeBufferPointer { s in
            values.withUnsafeMutableBufferPointer { o in
                for a in 0..<outer { for j in 0..<length { for b in 0..<inner {
                    o[a * inner + b] += s[(a * length + j) * inner + b]
                } } }
            }
        }
        return values
    }

    /// `dim` made non-negative and checked.
    func normalizedDim(_ dim: Int) -> Int {
        let d = dim < 0 ? dim + rank : dim
        ensure(d >= 0 && d < Swift.max(rank, 1),
                     "Dimension out of range (expected to be in range of [\(-rank), \(rank - 1)], but got \(dim))")
        return d
    }

    /// Sizes before, at and after dimension `d`, for loops over one axis of row-major storage.
    func splitAround(_ d: Int) -> (outer: Int, length: Int, inner: Int) {
        guard rank > 0 else { return (1, 1, 1) }
        return (shape[..<d].reduce(1, *), shape[d], shape[(d + 1)...].reduce(1, *))
    }

    /// The shape after reducing dimension `d`.
    func reducedShape(_ d: Int, keepDim: Bool) -> [Int] {
        guard rank > 0 else { return [] }
        var s = shape
        if keepDim { s[d] = 1 } else { s.remove(at: d) }
        return s
    }

    /// This reduced gradient viewed with dimension `d` of `shape` as size 1 (for broadcasting back).
    func reshapedKeepingDim(_ d: Int, of shape: [Int]) -> Tensor {
        guard !shape.isEmpty else { return self }
        var s = shape
        s[d] = 1
        return Tensor(shape: s, storage: storage)
    }
}
