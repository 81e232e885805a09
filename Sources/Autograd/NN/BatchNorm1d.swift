/// Batch normalization over the features of `[batch, features]` inputs, like `torch.nn.BatchNorm1d`.
///
/// In training mode each feature is normalized with the batch mean and the *biased* batch
/// variance, and the running statistics move toward the batch's:
/// `running = (1 - momentum)·running + momentum·batch`, with the *unbiased* variance for
/// `running_var`. This happens under no-grad, whatever `requiresGrad` says: freezing BatchNorm's
/// weight and bias does not freeze its statistics; only ``Module/eval()`` does. In evaluation
/// mode the running statistics normalize.
public final class BatchNorm1d: Module {
    /// The number of features (columns).
    public let numFeatures: Int
    /// Added to the variance before the square root.
    public let eps: Double
    /// The weight of the newest batch in the running statistics; `nil` means a cumulative average.
    public let momentum: Double?
    /// The scale γ (`[features]`, starts at 1), or `nil` without `affine`.
    public let weight: Tensor?
    /// The shift β (`[features]`, starts at 0), or `nil` without `affine`.
    public let bias: Tensor?
    /// The running mean (a buffer, starts at 0).
    @Buffer public var runningMean: Tensor
    /// The running variance (a buffer, starts at 1).
    @Buffer public var runningVar: Tensor
    /// How many training batches updated the running statistics: the `num_batches_tracked`
    /// buffer, an `int64` scalar as in PyTorch (it is in ``Module/namedBuffers()`` and a state
    /// dict, and a train-mode forward moves it even when the layer is frozen).
    @Buffer public var numBatchesTracked: Tensor

    /// Creates the layer with PyTorch's defaults.
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true) {
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        weight = affine ? .ones([numFeatures], requiresGrad: true) : nil
        bias = affine ? .zeros([numFeatures], requiresGrad: true) : nil
        runningMean = .zeros([numFeatures])
        runningVar = .ones([numFeatures])
        numBatchesTracked = Tensor(shape: [], integers: [0])
        super.init()
        // PyTorch fills each of these in place once (`reset_parameters`): version 1.
        for tensor in [weight, bias, runningMean, runningVar, numBatchesTracked].compactMap({ $0 }) { tensor.version = 1 }
    }

    /// Normalizes each feature, then scales and shifts (`NativeBatchNormBackward0`).
    override public func forward(_ input: Tensor) -> Tensor {
        // PyTorch's messages: its BatchNorm1d also takes 3D input, the engine's does not.
        ensure(input.rank == 2, input.rank == 3 ? "the engine's BatchNorm1d takes 2D input (got 3D input)"
               : "expected 2D or 3D input (got \(input.rank)D input)")
        ensure(input.shape[1] == numFeatures, "running_mean should contain \(input.shape[1]) elements not \(numFeatures)")
        var factor = momentum ?? 0
        if isTraining {
            numBatchesTracked.storage[0] += 1
            numBatchesTracked.version += 1  // PyTorch's `add_(1)`; the running stats change inside its kernel
            factor = momentum ?? 1 / numBatchesTracked.storage[0]
        }
        return input.batchNorm(runningMean: runningMean, runningVar: runningVar, weight: weight,
                               bias: bias, training: isTraining, momentum: factor, eps: eps)
    }

    /// PyTorch's text (2.13): `3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True`.
    override public var extraDescription: String {
        let m = momentum.map { "\($0)" } ?? "None"
        let affine = weight == nil ? "False" : "True"
        return "\(numFeatures), eps=\(eps), momentum=\(m), affine=\(affine), bias=\(bias == nil ? "False" : "True"), track_running_stats=True"
    }
}

extension Tensor {
    /// Batch normalization of a `[batch, features]` tensor, like `torch.nn.functional.batch_norm`
    /// (`NativeBatchNormBackward0`).
    ///
    /// With `training`, normalizes with the batch mean and biased variance and moves
    /// `runningMean`/`runningVar` (in place, unbiased variance) by `momentum`; otherwise
    /// normalizes with the running statistics and leaves them alone.
    public func batchNorm(runningMean: Tensor, runningVar: Tensor, weight: Tensor?, bias: Tensor?,
                          training: Bool, momentum: Double = 0.1, eps: Double = 1e-5) -> Tensor {
        ensure(rank == 2, "batchNorm expects [batch, features], got \(shape)")
        let (n, c) = (shape[0], shape[1])
        var mean = [Double](repeating: 0, count: c)
        var invStd = [Double](repeating: 0, count: c)
        let x = storage
        if training {
            ensure(n > 1, "Expected more than 1 value per channel when training, got input size \(torchSize(shape))")
            for j in 0..<c {
                var s = 0.0
                for i in 0..<n { s += x[i * c + j] }
                mean[j] = s / Double(n)
                var v = 0.0
                for i in 0..<n { let d = x[i * c + j] - mean[j]; v += d * d }
                let variance = v / Double(n)
                invStd[j] = 1 / (variance + eps).squareRoot()
                // Running statistics are plain state: updated outside the graph, whatever
                // requiresGrad says.
                let unbiased = v / Double(n - 1)
                runningMean.storage[j] = (1 - momentum) * runningMean.storage[j] + momentum * mean[j]
                runningVar.storage[j] = (1 - momentum) * runningVar.storage[j] + momentum * unbiased
            }
        } else {
            for j in 0..<c {
                mean[j] = runningMean.storage[j]
                invStd[j] = 1 / (runningVar.storage[j] + eps).squareRoot()
            }
        }
        let gamma = weight?.storage ?? [Double](repeating: 1, count: c)
        let beta = bias?.storage ?? [Double](repeating: 0, count: c)
        var xHat = [Double](repeating: 0, count: n * c)
        var out = [Double](repeating: 0, count: n * c)
        for i in 0..<n {
            for j in 0..<c {
                xHat[i * c + j] = (x[i * c + j] - mean[j]) * invStd[j]
                out[i * c + j] = xHat[i * c + j] * gamma[j] + beta[j]
            }
        }
        let affine = [weight, bias].compactMap { $0 }
        ensure(affine.count != 1, "batchNorm needs both weight and bias, or neither")
        return record("NativeBatchNormBackward0", output: Tensor(shape: [n, c], storage: out),
                      inputs: [self] + affine, flops: 8 * n * c,
                      saved: [Tensor(shape: [n, c], storage: xHat)],
                      saving: [self] + (weight.map { [$0] } ?? [])) { g, needs in
            // Two passes for the sums, one for dx if needed.
            countFlops((needs[0] ? 3 : 2) * n * c)
            let dy = g.storage
            var sumDy = [Double](repeating: 0, count: c)
            var sumDyXHat = [Double](repeating: 0, count: c)
            for i in 0..<n {
                for j in 0..<c {
                    sumDy[j] += dy[i * c + j]
                    sumDyXHat[j] += dy[i * c + j] * xHat[i * c + j]
                }
            }
            var grads: [Tensor?] = [nil]
            if needs[0] {
                var dx = [Double](repeating: 0, count: n * c)
                for i in 0..<n {
                    for j in 0..<c {
                        let k = i * c + j
                        if training {
                            // The batch statistics depend on x too: subtract the mean gradient and
                            // its projection on x̂.
                            dx[k] = gamma[j] * invStd[j] / Double(n)
                                * (Double(n) * dy[k] - sumDy[j] - xHat[k] * sumDyXHat[j])
                        } else {
                            dx[k] = dy[k] * gamma[j] * invStd[j]
                        }
                    }
                }
                grads[0] = Tensor(shape: [n, c], storage: dx)
            }
            if needs.count == 3 {
                grads.append(needs[1] ? Tensor(shape: [c], storage: sumDyXHat) : nil)
                grads.append(needs[2] ? Tensor(shape: [c], storage: sumDy) : nil)
            }
            return grads
        }
    }
}
