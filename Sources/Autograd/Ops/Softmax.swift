import Foundation

/// Softmax and log-softmax along a dimension, computed stably (shifting by the maximum).
extension Tensor {
    /// `log(softmax(x))` along `dim` (`LogSoftmaxBackward0`).
    public func logSoftmax(dim: Int = -1) -> Tensor {
        let d = normalizedDim(dim)
        let (outer, length, inner) = splitAround(d)
        let out = Tensor(shape: shape, storage: logSoftmaxValues(along: d))
        let result = out.detach()
        return record("LogSoftmaxBackward0", output: out, inputs: [self], flops: 4 * count,
                      saved: [result], saving: [out]) { g, _ in
            // dx_j = g_j - softmax_j · Σ_k g_k, with softmax = exp(result). Two passes.
            countFlops(2 * g.count)
            var grad = g.storage
            grad.withUnsafeMutableBufferPointer { dx in
                result.storage.withUnsafeBufferPointer { r in
                    for a in 0..<outer {
                        for b in 0..<inner {
                            var total = 0.0
                            for j in 0..<length { total += dx[(a * length + j) * inner + b] }
                            for j in 0..<length {
                                let i = (a * length + j) * inner + b
                                dx[i] -= Foundation.exp(r[i]) * total
                            }
                        }
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
        var values = logSoftmaxValues(along: d)
        for i in values.indices { values[i] = Foundation.exp(values[i]) }
        let out = Tensor(shape: shape, storage: values)
        let result = out.detach()
        return record("SoftmaxBackward0", output: out, inputs: [self], flops: 4 * count,
                      saved: [result], saving: [out]) { g, _ in
            // dx_j = s_j · (g_j - Σ_k g_k s_k). Two passes.
            countFlops(2 * g.count)
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

    /// The values of `log(softmax(x))` along dimension `d` (not recorded).
    func logSoftmaxValues(along d: Int) -> [Double] {
        let (outer, length, inner) = splitAround(d)
        var values = storage
        values.withUnsafeMutableBufferPointer { v in
            for a in 0..<outer {
                for b in 0..<inner {
                    var m = -Double.infinity
                    for j in 0..<length { m = Swift.max(m, v[(a * length + j) * inner + b]) }
                    var total = 0.0
                    for j in 0..<length { total += Foundation.exp(v[(a * length + j) * inner + b] - m) }
                    let logTotal = Foundation.log(total) + m
                    for j in 0..<length { v[(a * length + j) * inner + b] -= logTotal }
                }
            }
        }
        return values
    }
}
