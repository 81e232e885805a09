/// Reshaping and indexing: views of the same values under another shape, rows and slices.
extension Tensor {
    /// The same values with another shape (`ViewBackward0`); one dimension may be `-1` (inferred).
    public func reshape(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let unknown = target.firstIndex(of: -1) {
            let known = target.filter { $0 != -1 }.reduce(1, *)
            target[unknown] = known == 0 ? 0 : count / known
        }
        ensure(target.reduce(1, *) == count, "shape '\(newShape)' is invalid for input of size \(count)")
        let inShape = shape
        let out = Tensor(shape: target, storage: storage)
        return record("ViewBackward0", output: out, inputs: [self], savesTensors: false) { g, _ in
            [Tensor(shape: inShape, storage: g.storage)]
        }
    }

    /// The same values with another shape: `x.reshape(2, 3)`.
    public func reshape(_ newShape: Int...) -> Tensor { reshape(newShape) }

    /// All values as a vector (`ViewBackward0`).
    public func flatten() -> Tensor { reshape([count]) }

    /// Row `index` of the first dimension, one dimension less (`SelectBackward0`): `x[0]`.
    /// Set, it assigns into that row in place (`x[0] = Tensor(7.0)`, see ``assign(_:intoRow:)``).
    public subscript(index: Int) -> Tensor {
        get {
            ensure(rank >= 1, "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
            let n = shape[0]
            let i = index < 0 ? index + n : index
            ensure(i >= 0 && i < n, "index \(index) is out of bounds for dimension 0 with size \(n)")
            let inner = count / Swift.max(n, 1)
            let inShape = shape
            let out = Tensor(shape: Array(shape.dropFirst()), storage: Array(storage[(i * inner)..<((i + 1) * inner)]))
            return record("SelectBackward0", output: out, inputs: [self], savesTensors: false) { g, _ in
                var grad = [Double](repeating: 0, count: inShape.reduce(1, *))
                for j in 0..<inner { grad[i * inner + j] = g.storage[j] }
                return [Tensor(shape: inShape, storage: grad)]
            }
        }
        set { assign(newValue, intoRow: index) }
    }

    /// The element at `row`, `column` of a matrix as a scalar tensor: `x[1, 2]`.
    public subscript(row: Int, column: Int) -> Tensor { self[row][column] }

    /// Rows `range` of the first dimension (`SliceBackward0`): `x[1..<3]`.
    public subscript(range: Range<Int>) -> Tensor {
        ensure(rank >= 1 && range.lowerBound >= 0 && range.upperBound <= shape[0],
                     "slice \(range) is out of bounds for dimension 0 with size \(shape.first ?? 0)")
        let inner = count / Swift.max(shape[0], 1)
        var outShape = shape
        outShape[0] = range.count
        let inShape = shape
        let out = Tensor(shape: outShape, storage: Array(storage[(range.lowerBound * inner)..<(range.upperBound * inner)]))
        return record("SliceBackward0", output: out, inputs: [self], savesTensors: false) { g, _ in
            var grad = [Double](repeating: 0, count: inShape.reduce(1, *))
            for j in 0..<g.count { grad[range.lowerBound * inner + j] = g.storage[j] }
            return [Tensor(shape: inShape, storage: grad)]
        }
    }
}
