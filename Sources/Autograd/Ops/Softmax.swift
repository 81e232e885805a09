import Foundation

/// Softmax and log-softmax along a dimension, computed stably (shifting by the maximum).
extension Tensor {
    /// `log(softmax(x))` along `dim` (`LogSoftmaxBackward0`).
    public func logSoftmax(dim: Int = -1) -> Tensor {
        let d = normalizedDim(dim)
        let (outer, length, inner) = splitAround(d)
        var values = storage
        for a in 0..<outer {
            for b in 0..<inner {
                var m = -Double.infinity
                for j in 0..<length { m = Swift.max(m, storage[(a * length + j) * inner + b]) }
                var total = 0.0
                for j in 0..<length { total += Foundation.exp(storage[(a * length + j) * inner + b] - m) }
                let logTotal = Foundation.log(total) + m
                for j in 0..<length { values[(a * length + j) * inner + b] -= logTotal }
            }
        }
        let out = Tensor(shape: shape, storage: values)
        let result = out.detach()
        return record("LogSoftmaxBackward0", output: out, inputs: [self], flops: 4 * count) { g, _ in
            // dx_j = g_j - softmax_j · Σ_k g_k, with softmax = exp(result).
            var grad = g.storage
            for a in 0..<outer {
                for b in 0..<inner {
                    var total = 0.0
                    for j in 0..<length { total += g.storage[(a * length + j) * inner + b] }
                    for j in 0..<length {
                        let i = (a * length + j) * inner + b
                        grad[i] -= Foundation.exp(result.storage[i]) * total
                    }
                }
            }
            return [Tensor(shape: result.shape, storage: grad)]
        }
    }

    /// Softmax along `dim` (`SoftmaxBackward0`): positive values summing to 1.
    public func softmax(dim: Int = -1) -> Tensor {
        let d = normalizedDim(dim)
        let (outer, length, inner) = splitAround(d)
        let logProbs = withNoGrad { logSoftmax(dim: d) }
        let out = logProbs.mapValues { Foundation.exp($0) }
        let result = out.detach()
        return record("SoftmaxBackward0", output: out, inputs: [self], flops: 4 * count) { g, _ in
            // dx_j = s_j · (g_j - Σ_k g_k s_k).
            var grad = g.storage
            for a in 0..<outer {
                for b in 0..<inner {
                    var dotGS = 0.0
                    for j in 0..<length {
                        let i = (a * length + j) * inner + b
                        dotGS += g.storage[i] * result.storage[i]
                    }
                    for j in 0..<length {
                        let i = (a * length + j) * inner + b
                        grad[i] = result.storage[i] * (g.storage[i] - dotGS)
                    }
                }
            }
            return [Tensor(shape: result.shape, storage: grad)]
        }
    }
}
