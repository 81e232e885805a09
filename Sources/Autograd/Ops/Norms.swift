import Foundation

/// Norms and closeness: what lessons used to copy from one another.
extension Tensor {
    /// The p-norm of all values as a 0-dim tensor, like `t.norm(p)` (`LinalgVectorNormBackward0`):
    /// `p = 2` (the default) is the Euclidean length, `1` the sum of absolute values, `.infinity`
    /// the largest absolute value.
    ///
    /// Its gradient is PyTorch's: `x / ‖x‖` for p = 2 (zeros at a zero vector), `sign(x)` for
    /// p = 1, `sign(x)` shared evenly among the largest entries for ∞, and
    /// `sign(x)·|x|^(p−1) / ‖x‖^(p−1)` otherwise.
    public func norm(_ p: Double = 2) -> Tensor {
        let total = vectorNorm(storage, p)
        let input = detach()
        return record("LinalgVectorNormBackward0", output: Tensor(total), inputs: [self], flops: 2 * count, saved: [input], saving: [self]) { g, _ in
            let upstream = g.storage[0]
            let x = input.storage
            let grad: [Double]
            switch p {
            case 2: grad = x.map { total == 0 ? 0 : upstream * $0 / total }
            case 1: grad = x.map { upstream * ($0 > 0 ? 1 : $0 < 0 ? -1 : 0) }
            case .infinity:
                let ties = Double(x.filter { Swift.abs($0) == total }.count)
                grad = x.map { Swift.abs($0) == total && total != 0 ? upstream * ($0 > 0 ? 1 : -1) / ties : 0 }
            default:
                grad = x.map { total == 0 ? 0 : upstream * ($0 > 0 ? 1 : $0 < 0 ? -1 : 0) * Foundation.pow(Swift.abs($0), p - 1) / Foundation.pow(total, p - 1) }
            }
            countFlops(2 * x.count)
            return [Tensor(shape: input.shape, storage: grad)]
        }
    }

    /// Whether every value is within `atol + rtol·|other|` of `other`'s (broadcast), like
    /// `torch.allclose`; `nan` is never close.
    public func allClose(_ other: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8) -> Bool {
        // Not an op: no flops counted, nothing recorded.
        let shape = broadcastShape(self.shape, other.shape)
        let (a, b) = (broadcastOffsets(self.shape, to: shape), broadcastOffsets(other.shape, to: shape))
        return zip(a, b).allSatisfy { i, j in
            Swift.abs(storage[i] - other.storage[j]) <= atol + rtol * Swift.abs(other.storage[j])
        }
    }
}

/// The largest absolute difference between two tensors of the same shape, as a number: what
/// `(a - b).abs().max().item()` gives in PyTorch (0 for empty tensors).
public func maxAbsDiff(_ a: Tensor, _ b: Tensor) -> Double {
    ensure(a.shape == b.shape, "The size of tensor a (\(a.shape)) must match the size of tensor b (\(b.shape))")
    return zip(a.storage, b.storage).map { Swift.abs($0 - $1) }.max() ?? 0
}
