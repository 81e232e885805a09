/// Checks backward against finite differences, like `torch.autograd.gradcheck`.
///
/// The output of `f` is reduced to the scalar `L = Σ wᵢ·outᵢ` with fixed pseudo-random weights
/// (so every output element gets a different upstream gradient); the analytic gradient of `L`
/// from ``Tensor/backward(retainGraph:)`` is compared, element by element, with the central
/// difference `(L(x + ε) - L(x - ε)) / 2ε`.
public struct GradCheckResult: CustomStringConvertible {
    /// Whether every checked element agreed within `atol + rtol·|numeric|`.
    public let passed: Bool
    /// The number of input elements compared.
    public let checked: Int
    /// The largest `|analytic - numeric|` seen.
    public let maxAbsError: Double
    /// The first element that disagreed: which input, which flat index, both values.
    public let firstMismatch: (input: Int, index: Int, analytic: Double, numeric: Double)?

    /// `gradCheck passed (12 elements, max error 3.1e-11)` or where it failed.
    public var description: String {
        if let m = firstMismatch {
            return "gradCheck failed: input \(m.input) element \(m.index): analytic \(m.analytic), numeric \(m.numeric)"
        }
        return "gradCheck passed (\(checked) elements, max error \(maxAbsError))"
    }
}

/// Compares the gradients of `f` at `inputs` computed by backward with finite differences.
///
/// Only inputs with `requiresGrad == true` are checked; `f` must be deterministic (no dropout
/// in training mode, no BatchNorm statistics that change the next call's output).
/// - Parameters:
///   - f: the function under test, from fresh copies of `inputs` to a tensor.
///   - inputs: the point at which to check (not modified).
///   - eps: the finite-difference step.
///   - atol: absolute tolerance.
///   - rtol: relative tolerance.
public func gradCheck(_ f: ([Tensor]) throws -> Tensor, inputs: [Tensor], eps: Double = 1e-6,
                      atol: Double = 1e-5, rtol: Double = 1e-3) rethrows -> GradCheckResult {
    let leaves = inputs.map { Tensor(shape: $0.shape, storage: $0.storage, requiresGrad: $0.requiresGrad) }
    let output = try f(leaves)
    let weightGenerator = Generator(seed: 0x9E37)
    let weights = Tensor(shape: output.shape,
                         storage: (0..<output.count).map { _ in weightGenerator.uniform(from: 0.5, to: 1.5) })
    func objective(_ out: Tensor) -> Double {
        zip(out.storage, weights.storage).reduce(0) { $0 + $1.0 * $1.1 }
    }
    if output.requiresGrad {
        try? output.backward(gradient: weights)
    }

    var checked = 0
    var maxError = 0.0
    var mismatch: (Int, Int, Double, Double)?
    for (k, leaf) in leaves.enumerated() where leaf.requiresGrad {
        let analytic = leaf.grad?.storage ?? [Double](repeating: 0, count: leaf.count)
        for i in 0..<leaf.count {
            let original = leaf.storage[i]
            leaf.storage[i] = original + eps
            let plus = try withNoGrad { objective(try f(leaves)) }
            leaf.storage[i] = original - eps
            let minus = try withNoGrad { objective(try f(leaves)) }
            leaf.storage[i] = original
            let numeric = (plus - minus) / (2 * eps)
            let error = Swift.abs(analytic[i] - numeric)
            maxError = Swift.max(maxError, error)
            checked += 1
            if error > atol + rtol * Swift.abs(numeric), mismatch == nil {
                mismatch = (k, i, analytic[i], numeric)
            }
        }
    }
    return GradCheckResult(passed: mismatch == nil, checked: checked, maxAbsError: maxError,
                           firstMismatch: mismatch)
}
