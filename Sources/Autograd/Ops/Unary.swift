import Foundation

/// Element-wise functions: activations (`relu`, `tanh`, `sigmoid`) and math (`exp`, `log`,
/// `pow`, `sqrt`, `abs`, `clamp`). Each backward is the function's derivative times the
/// incoming gradient.
extension Tensor {
    /// `max(x, 0)` (`ReluBackward0`).
    public func relu() -> Tensor {
        let out = mapValues { $0 > 0 ? $0 : 0 }
        let result = out.detach()
        return record("ReluBackward0", output: out, inputs: [self], flops: count, saved: [result], saving: [out]) { g, _ in
            // Slope 1 where the output is positive, 0 elsewhere (PyTorch uses the saved result).
            [zipValues(g, result) { $1 > 0 ? $0 : 0 }]
        }
    }

    /// Hyperbolic tangent (`TanhBackward0`).
    public func tanh() -> Tensor {
        let out = mapValues { Foundation.tanh($0) }
        let result = out.detach()
        return record("TanhBackward0", output: out, inputs: [self], flops: count, saved: [result], saving: [out]) { g, _ in
            [zipValues(g, result) { $0 * (1 - $1 * $1) }]
        }
    }

    /// Logistic sigmoid `1 / (1 + e^-x)` (`SigmoidBackward0`).
    public func sigmoid() -> Tensor {
        let out = mapValues { 1 / (1 + Foundation.exp(-$0)) }
        let result = out.detach()
        return record("SigmoidBackward0", output: out, inputs: [self], flops: count, saved: [result], saving: [out]) { g, _ in
            [zipValues(g, result) { $0 * $1 * (1 - $1) }]
        }
    }

    /// `e^x` (`ExpBackward0`).
    public func exp() -> Tensor {
        let out = mapValues { Foundation.exp($0) }
        let result = out.detach()
        return record("ExpBackward0", output: out, inputs: [self], flops: count, saved: [result], saving: [out]) { g, _ in
            [zipValues(g, result, *)]
        }
    }

    /// Natural logarithm (`LogBackward0`).
    public func log() -> Tensor {
        let out = mapValues { Foundation.log($0) }
        let input = detach()
        return record("LogBackward0", output: out, inputs: [self], flops: count, saved: [input], saving: [self]) { g, _ in
            [zipValues(g, input, /)]
        }
    }

    /// `x^exponent` for a constant exponent (`PowBackward0`).
    public func pow(_ exponent: Double) -> Tensor {
        let out = mapValues { Foundation.pow($0, exponent) }
        let input = detach()
        return record("PowBackward0", output: out, inputs: [self], flops: count, saved: [input], saving: [self]) { g, _ in
            [zipValues(g, input) { exponent == 0 ? 0 : $0 * exponent * Foundation.pow($1, exponent - 1) }]
        }
    }

    /// Square root (`SqrtBackward0`).
    public func sqrt() -> Tensor {
        let out = mapValues { $0.squareRoot() }
        let result = out.detach()
        return record("SqrtBackward0", output: out, inputs: [self], flops: count, saved: [result], saving: [out]) { g, _ in
            [zipValues(g, result) { $0 / (2 * $1) }]
        }
    }

    /// Absolute value (`AbsBackward0`); the gradient at 0 is 0, as in PyTorch.
    public func abs() -> Tensor {
        let out = mapValues { Swift.abs($0) }
        let input = detach()
        return record("AbsBackward0", output: out, inputs: [self], flops: count, saved: [input], saving: [self]) { g, _ in
            [zipValues(g, input) { $1 > 0 ? $0 : ($1 < 0 ? -$0 : 0) }]
        }
    }

    /// Limits values to `[min, max]` (`ClampBackward1`); the gradient flows where not clipped.
    public func clamp(min lower: Double = -.infinity, max upper: Double = .infinity) -> Tensor {
        let out = mapValues { Swift.min(Swift.max($0, lower), upper) }
        let input = detach()
        return record("ClampBackward1", output: out, inputs: [self], flops: count, saved: [input], saving: [self]) { g, _ in
            [zipValues(g, input) { $1 >= lower && $1 <= upper ? $0 : 0 }]
        }
    }
}

/// Combines two same-shaped tensors element by element (not recorded; used by backwards).
@inline(__always)
func zipValues(_ a: Tensor, _ b: Tensor, _ op: (Double, Double) -> Double) -> Tensor {
    ensure(a.shape == b.shape, "internal error: combining shapes \(a.shape) and \(b.shape)")
    countFlops(a.count)
    var out = [Double](repeating: 0, count: a.count)
    a.storage.withUnsafeBufferPointer { ap in
        b.storage.withUnsafeBufferPointer { bp in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<o.count { o[i] = op(ap[i], bp[i]) }
            }
        }
    }
    return Tensor(shape: a.shape, storage: out)
}
