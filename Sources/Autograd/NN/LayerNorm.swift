/// Layer normalization over the last dimensions of the input, like `torch.nn.LayerNorm`: each
/// sample is normalized with its own mean and (biased) variance, then scaled and shifted.
///
/// Unlike ``BatchNorm1d`` it keeps no running statistics and behaves the same in training and
/// evaluation mode, so freezing it is only a matter of its weight and bias.
public final class LayerNorm: Module {
    /// The trailing dimensions normalized over.
    public let normalizedShape: [Int]
    /// Added to the variance before the square root.
    public let eps: Double
    /// The scale (starts at ones), or `nil` without `elementwiseAffine`.
    public let weight: Tensor?
    /// The shift (starts at zeros), or `nil` without affine or without `bias`.
    public let bias: Tensor?

    /// Creates the layer with PyTorch's defaults.
    public init(_ normalizedShape: [Int], eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) {
        self.normalizedShape = normalizedShape
        self.eps = eps
        weight = elementwiseAffine ? .ones(normalizedShape, requiresGrad: true) : nil
        self.bias = elementwiseAffine && bias ? .zeros(normalizedShape, requiresGrad: true) : nil
        // PyTorch fills them in place (`ones_`, `zeros_`): version 1.
        [weight, self.bias].compactMap { $0 }.forEach { $0.version = 1 }
        super.init()
    }

    /// Normalizes over the last dimension, of size `features`.
    public convenience init(_ features: Int, eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) {
        self.init([features], eps: eps, elementwiseAffine: elementwiseAffine, bias: bias)
    }

    /// `NativeLayerNormBackward0`.
    override public func forward(_ input: Tensor) -> Tensor {
        input.layerNorm(normalizedShape, weight: weight, bias: bias, eps: eps)
    }

    /// PyTorch's text: `(4,), eps=1e-05, elementwise_affine=True, bias=True`.
    override public var extraDescription: String {
        let shape = normalizedShape.count == 1 ? "(\(normalizedShape[0]),)" : "(" + normalizedShape.map(String.init).joined(separator: ", ") + ")"
        return "\(shape), eps=\(pythonFloat(eps)), elementwise_affine=\(weight == nil ? "False" : "True"), bias=\(bias == nil ? "False" : "True")"
    }
}

extension Tensor {
    /// Layer normalization over the trailing `normalizedShape` dimensions, like
    /// `torch.nn.functional.layer_norm` (`NativeLayerNormBackward0`).
    public func layerNorm(_ normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5) -> Tensor {
        ensure(shape.count >= normalizedShape.count && Array(shape.suffix(normalizedShape.count)) == normalizedShape,
               "Given normalized_shape=\(normalizedShape), expected input with shape [*, \(normalizedShape.map(String.init).joined(separator: ", "))], "
               + "but got input of size\(shape)")
        let n = normalizedShape.reduce(1, *), rows = count / Swift.max(n, 1)
        let x = storage
        let gamma = weight?.storage, beta = bias?.storage
        var xHat = [Double](repeating: 0, count: count), rstd = [Double](repeating: 0, count: rows)
        var out = [Double](repeating: 0, count: count)
        for r in 0..<rows {
            var sum = 0.0
            for k in 0..<n { sum += x[r * n + k] }
            let mean = sum / Double(n)
            var squares = 0.0
            for k in 0..<n { let d = x[r * n + k] - mean; squares += d * d }
            rstd[r] = 1 / (squares / Double(n) + eps).squareRoot()
            for k in 0..<n {
                let i = r * n + k
                xHat[i] = (x[i] - mean) * rstd[r]
                out[i] = xHat[i] * (gamma?[k] ?? 1) + (beta?[k] ?? 0)
            }
        }
        let affine = [weight, bias].compactMap { $0 }
        let hasWeight = weight != nil
        return record("NativeLayerNormBackward0", output: Tensor(shape: shape, storage: out), inputs: [self] + affine,
                      flops: 8 * count, saved: [Tensor(shape: shape, storage: xHat)],
                      saving: [self] + affine) { g, needs in
            countFlops(4 * g.count)
            let dy = g.storage
            var grads: [Tensor?] = []
            if needs[0] {
                var dx = [Double](repeating: 0, count: dy.count)
                for r in 0..<rows {
                    // dŷ = dy·γ; dx = rstd/N · (N·dŷ − Σdŷ − x̂·Σ(dŷ·x̂)).
                    var sumDy = 0.0, sumDyXHat = 0.0
                    for k in 0..<n {
                        let dyHat = dy[r * n + k] * (gamma?[k] ?? 1)
                        sumDy += dyHat
                        sumDyXHat += dyHat * xHat[r * n + k]
                    }
                    for k in 0..<n {
                        let i = r * n + k
                        let dyHat = dy[i] * (gamma?[k] ?? 1)
                        dx[i] = rstd[r] / Double(n) * (Double(n) * dyHat - sumDy - xHat[i] * sumDyXHat)
                    }
                }
                grads.append(Tensor(shape: g.shape, storage: dx))
            } else {
                grads.append(nil)
            }
            if hasWeight {
                var dw = [Double](repeating: 0, count: n)
                for r in 0..<rows { for k in 0..<n { dw[k] += dy[r * n + k] * xHat[r * n + k] } }
                grads.append(Tensor(shape: normalizedShape, storage: dw))
            }
            if affine.count == 2 {
                var db = [Double](repeating: 0, count: n)
                for r in 0..<rows { for k in 0..<n { db[k] += dy[r * n + k] } }
                grads.append(Tensor(shape: normalizedShape, storage: db))
            }
            return grads
        }
    }
}
