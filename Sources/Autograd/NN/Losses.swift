/// Loss functions with mean reduction, like `torch.nn.functional`.

/// Mean squared error `mean((input - target)²)` (`MseLossBackward0`).
///
/// Shapes that differ broadcast against each other first, as in PyTorch (which warns): an
/// `[n, 1]` output against an `[n]` target averages an `[n, n]` matrix of differences.
public func mseLoss(_ input: Tensor, _ target: Tensor) -> Tensor {
    let shape = broadcastShape(input.shape, target.shape)
    let (x, y) = (expand(input.detach(), to: shape), expand(target.detach(), to: shape))
    let n = Double(x.count)
    var total = 0.0
    for i in 0..<x.count {
        let d = x.storage[i] - y.storage[i]
        total += d * d
    }
    let (inputShape, targetShape) = (input.shape, target.shape)
    return record("MseLossBackward0", output: Tensor(total / n), inputs: [input, target],
                  flops: 3 * x.count, saved: [x, y], saving: [input, target]) { g, needs in
        // d/dx mean((x-y)²) = 2(x-y)/n; the target gets the negative. A broadcast operand sums
        // its gradient back to its own shape.
        let s = 2 * g.storage[0] / n
        let dx = zipValues(x, y) { ($0 - $1) * s }
        return [needs[0] ? reduceGrad(dx, to: inputShape) : nil,
                needs[1] ? reduceGrad(dx.mapValues { -$0 }, to: targetShape) : nil]
    }
}

/// Negative log-likelihood of class indices, `mean(-logProbs[i, target[i]])` (`NllLossBackward0`).
///
/// - Parameters:
///   - logProbs: `[batch, classes]` log-probabilities (e.g. from ``Tensor/logSoftmax(dim:)``).
///   - target: the class index of each row.
public func nllLoss(_ logProbs: Tensor, _ target: [Int]) -> Tensor {
    ensure(logProbs.rank == 2, "the engine's nllLoss takes [batch, classes] log-probabilities, got shape \(logProbs.shape)")
    ensure(logProbs.shape[0] == target.count, "Expected input batch_size (\(logProbs.shape[0])) to match target batch_size (\(target.count)).")
    let (batch, classes) = (logProbs.shape[0], logProbs.shape[1])
    if let bad = target.first(where: { $0 < 0 || $0 >= classes }) { fail("Target \(bad) is out of bounds.") }
    var total = 0.0
    for (i, c) in target.enumerated() { total -= logProbs.storage[i * classes + c] }
    let n = Double(batch)
    // PyTorch saves the log-probabilities (and the target), so changing them in place breaks backward.
    return record("NllLossBackward0", output: Tensor(total / n), inputs: [logProbs], flops: batch, saving: [logProbs]) { g, _ in
        // Only the picked entries matter: each gets -1/n (one value per row).
        countFlops(batch)
        var grad = [Double](repeating: 0, count: batch * classes)
        for (i, c) in target.enumerated() { grad[i * classes + c] = -g.storage[0] / n }
        return [Tensor(shape: [batch, classes], storage: grad)]
    }
}

/// Cross-entropy of logits and class indices: `nllLoss(logits.logSoftmax(dim: 1), target)`.
public func crossEntropy(_ logits: Tensor, _ target: [Int]) -> Tensor {
    nllLoss(logits.logSoftmax(dim: 1), target)
}

/// Cross-entropy with the class indices held in a tensor (whole numbers), as in PyTorch.
public func crossEntropy(_ logits: Tensor, _ target: Tensor) -> Tensor {
    crossEntropy(logits, target.storage.map { Int($0) })
}
