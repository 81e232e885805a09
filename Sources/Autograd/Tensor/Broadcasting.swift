/// Broadcasting: how shapes combine in element-wise ops, and how gradients fold back.
///
/// The rules are NumPy's and PyTorch's: align shapes on the right; a dimension of size 1 (or a
/// missing one) stretches to match. A bias row `[features]` thus adds to every row of a
/// `[batch, features]` matrix. In backward, the gradient of a stretched input is the sum over
/// the stretched dimensions (``reduceGrad(_:to:)``).

/// The shape two broadcast operands produce, or a precondition failure with PyTorch's message.
func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
    let rank = max(a.count, b.count)
    var out = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
        let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
        let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
        ensure(da == db || da == 1 || db == 1,
                     "The size of tensor a (\(da)) must match the size of tensor b (\(db)) at non-singleton dimension \(i)")
        out[i] = da == 1 ? db : da
    }
    return out
}

/// Row-major strides of `shape` aligned to `rank` dimensions, 0 where the dimension broadcasts.
func broadcastStrides(_ shape: [Int], to outShape: [Int]) -> [Int] {
    let rank = outShape.count
    var strides = [Int](repeating: 0, count: rank)
    var step = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
        let outIndex = i + rank - shape.count
        strides[outIndex] = shape[i] == 1 && outShape[outIndex] != 1 ? 0 : step
        step *= shape[i]
    }
    return strides
}

/// For each element of `outShape` (row-major), the offset into a broadcast operand of `shape`.
func broadcastOffsets(_ shape: [Int], to outShape: [Int]) -> [Int] {
    let n = outShape.reduce(1, *)
    let strides = broadcastStrides(shape, to: outShape)
    var offsets = [Int](repeating: 0, count: n)
    var index = [Int](repeating: 0, count: outShape.count)
    var offset = 0
    for flat in 0..<n {
        offsets[flat] = offset
        // Odometer increment of the multi-index, keeping the offset in step.
        var d = outShape.count - 1
        while d >= 0 {
            index[d] += 1
            offset += strides[d]
            if index[d] < outShape[d] { break }
            offset -= strides[d] * index[d]
            index[d] = 0
            d -= 1
        }
    }
    return offsets
}

/// Applies `op` element-wise to `a` and `b` broadcast together.
@inline(__always)
func broadcastMap(_ a: Tensor, _ b: Tensor, _ op: (Double, Double) -> Double) -> Tensor {
    if a.shape == b.shape { return zipValues(a, b, op) }
    let shape = broadcastShape(a.shape, b.shape)
    let n = shape.reduce(1, *)
    countFlops(n)
    var out = [Double](repeating: 0, count: n)
    if b.count == 1 {
        let s = b.storage[0]
        a.storage.withUnsafeBufferPointer { ap in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<n { o[i] = op(ap[i % ap.count], s) }
            }
        }
        return Tensor(shape: shape, storage: out)
    }
    if a.count == 1 {
        let s = a.storage[0]
        b.storage.withUnsafeBufferPointer { bp in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<n { o[i] = op(s, bp[i % bp.count]) }
            }
        }
        return Tensor(shape: shape, storage: out)
    }
    let offA = broadcastOffsets(a.shape, to: shape)
    let offB = broadcastOffsets(b.shape, to: shape)
    a.storage.withUnsafeBufferPointer { ap in
        b.storage.withUnsafeBufferPointer { bp in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<n { o[i] = op(ap[offA[i]], bp[offB[i]]) }
            }
        }
    }
    return Tensor(shape: shape, storage: out)
}

/// Folds a gradient of a broadcast result back to an operand's `shape` by summing over the
/// dimensions that were stretched (PyTorch's `sum_to_size`).
func reduceGrad(_ grad: Tensor, to shape: [Int]) -> Tensor {
    if grad.shape == shape { return grad }
    countFlops(grad.count)
    let n = shape.reduce(1, *)
    var out = [Double](repeating: 0, count: n)
    if n == 1 {
        out[0] = grad.storage.reduce(0, +)
        return Tensor(shape: shape, storage: out)
    }
    if grad.shape.count >= shape.count, Array(grad.shape.suffix(shape.count)) == shape {
        // Only leading dimensions were stretched (a bias row over a batch): add up the rows.
        grad.storage.withUnsafeBufferPointer { g in
            out.withUnsafeMutableBufferPointer { o in
                for row in 0..<(g.count / o.count) {
                    for j in 0..<o.count { o[j] += g[row * o.count + j] }
                }
            }
        }
        return Tensor(shape: shape, storage: out)
    }
    let offsets = broadcastOffsets(shape, to: grad.shape)
    grad.storage.withUnsafeBufferPointer { g in
        out.withUnsafeMutableBufferPointer { o in
            for i in 0..<g.count { o[offsets[i]] += g[i] }
        }
    }
    return Tensor(shape: shape, storage: out)
}

/// Stretches `tensor` to `shape` (a copy), the forward of broadcasting on its own.
func expand(_ tensor: Tensor, to shape: [Int]) -> Tensor {
    if tensor.shape == shape { return tensor }
    let offsets = broadcastOffsets(tensor.shape, to: shape)
    let values = offsets.map { tensor.storage[$0] }
    return Tensor(shape: shape, storage: values)
}
