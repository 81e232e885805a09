/// Loss functions with mean reduction, like `torch.nn.functional`.

/// Mean squared error `mean((input - target)²)` (`MseLossBackward0`).
public func mseLoss(_ input: Tensor, _ target: Tensor) -> Tensor {
    precondition(input.shape == target.shape,
                 "mseLoss needs equal shapes, got \(input.shape) and \(target.shape)")
    let n = Double(input.count)
    var total = 0.0
    for i in 0..<input.count {
        let d = input.storage[i] - target.storage[i]
        total += d * d
    }
    let (x, y) = (input.detach(), target.detach())
    return record("MseLossBackward0", output: Tensor(total / n), inputs: [input, target],
                  flops: 3 * input.count, saved: [x, y]) { g, needs in
        // d/dx mean((x-y)²) = 2(x-y)/n; the target gets the negative.
        let s = 2 * g.storage[0] / n
        let dx = zipValues(x, y) { ($0 - $1) * s }
        return [needs[0] ? dx : nil, needs[1] ? dx.mapValues { -$0 } : nil]
    }
}

/// Negative log-likelihood of class indices, `mean(-logProbs[i, target[i]])` (`NllLossBackward0`).
///
/// - Parameters:
///   - logProbs: `[batch, classes]` log-probabilities (e.g. from ``Tensor/logSoftmax(dim:)``).
///   - target: the class index of each row.
public func nllLoss(_ logProbs: Tensor, _ target: [Int]) -> Tensor {
    precondition(logProbs.rank == 2 && logProbs.shape[0] == target.count,
                 "nllLoss needs [batch, classes] log-probabilities and one target per row")
    let (batch, classes) = (logProbs.shape[0], logProbs.shape[1])
    precondition(target.allSatisfy { $0 >= 0 && $0 < classes }, "Target out of bounds (classes: \(classes))")
    var total = 0.0
    for (i, c) in target.enumerated() { total -= logProbs.storage[i * classes + c] }
    let n = Double(batch)
    return record("NllLossBackward0", output: Tensor(total / n), inputs: [logProbs], flops: batch) { g, _ in
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
