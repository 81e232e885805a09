import Foundation

/// Gradient clipping, like `torch.nn.utils.clip_grad_norm_`.

/// Scales the gradients of `parameters` in place so that, taken together as one vector, their
/// `normType`-norm is at most `maxNorm`, and returns that norm as it was before clipping (a
/// 0-dim tensor, as PyTorch returns it).
///
/// PyTorch's steps: the norm of each gradient (parameters whose `grad` is `nil` are skipped),
/// the norm of those norms, then every gradient multiplied by `min(maxNorm / (total + 1e-6), 1)`.
/// Every gradient counts, so a frozen layer's stale gradient (left over because its `grad` was
/// never reset) inflates the total and shrinks the update of the layers that do train.
///
/// - Parameters:
///   - normType: the p of the p-norm; `.infinity` for the largest absolute value.
///   - errorIfNonfinite: stop with PyTorch's error when the total is `nan` or infinite, instead
///     of scaling by it.
@discardableResult
public func clipGradNorm(_ parameters: [Tensor], maxNorm: Double, normType: Double = 2, errorIfNonfinite: Bool = false) -> Tensor {
    let grads = parameters.compactMap(\.grad)
    guard !grads.isEmpty else { return Tensor(0.0) }
    let total = vectorNorm(grads.map { vectorNorm($0.storage, normType) }, normType)
    if errorIfNonfinite && !total.isFinite {
        fail("The total norm of order \(pythonFloat(normType)) for gradients from `parameters` is non-finite, so it cannot be clipped. "
             + "To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`")
    }
    let coefficient = Swift.min(maxNorm / (total + 1e-6), 1.0)
    for grad in grads {
        countFlops(grad.count)
        grad.storage.withUnsafeMutableBufferPointer { values in
            for i in values.indices { values[i] *= coefficient }
        }
        grad.version += 1  // PyTorch's `mul_`, even by 1
    }
    return Tensor(total)
}

/// The p-norm of `values`, as `torch.linalg.vector_norm` defines it.
func vectorNorm(_ values: [Double], _ p: Double) -> Double {
    switch p {
    case .infinity: return values.map(abs).max() ?? 0
    case -.infinity: return values.map(abs).min() ?? .infinity
    case 0: return Double(values.filter { $0 != 0 }.count)
    case 1: return values.reduce(0) { $0 + abs($1) }
    case 2: return values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    default: return Foundation.pow(values.reduce(0) { $0 + Foundation.pow(abs($1), p) }, 1 / p)
    }
}
