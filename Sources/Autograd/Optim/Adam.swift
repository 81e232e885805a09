import Foundation

/// Adam, following `torch.optim.Adam`'s single-tensor update exactly (and AdamW's, see ``AdamW``).
///
/// For each parameter whose grad is not `nil`, with `t` its step count after incrementing:
///
///     g = grad (negated when maximize)
///     p = p·(1 - lr·weightDecay)            AdamW (decoupled)
///     g = g + weightDecay·p                 Adam, if weightDecay ≠ 0
///     m = lerp(m, g, 1 - β1);  v = β2·v + (1 - β2)·g²
///     denom = √v / √(1 - β2ᵗ) + eps         (√max(v) with amsgrad)
///     p = p - lr / (1 - β1ᵗ) · m / denom
public class Adam: Optimizer {
    /// Whether weight decay is decoupled from the gradient (AdamW).
    let decoupledWeightDecay: Bool

    /// Creates Adam over one group of parameters.
    public convenience init(_ params: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                            eps: Double = 1e-8, weightDecay: Double = 0, amsgrad: Bool = false,
                            maximize: Bool = false) {
        try! self.init(groups: [.group(params)], lr: lr, betas: betas, eps: eps,
                       weightDecay: weightDecay, amsgrad: amsgrad, maximize: maximize)
    }

    /// Creates Adam over several groups; options a group does not set come from the arguments.
    /// - Throws: ``AutogradError/duplicateParameter`` if a parameter is in two groups.
    public convenience init(groups: [ParamGroupSpec], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                            eps: Double = 1e-8, weightDecay: Double = 0, amsgrad: Bool = false,
                            maximize: Bool = false) throws {
        try self.init(groups: groups, defaults: ParamGroup(
            params: [], lr: lr, weightDecay: weightDecay, maximize: maximize, betas: betas, eps: eps,
            amsgrad: amsgrad), decoupled: false)
    }

    init(groups: [ParamGroupSpec], defaults: ParamGroup, decoupled: Bool) throws {
        decoupledWeightDecay = decoupled
        try super.init(groups: groups, defaults: defaults)
    }

    /// One update of every parameter that has a grad.
    override public func step() {
        for group in paramGroups {
            let (beta1, beta2) = group.betas
            for p in group.params {
                guard let grad = p.grad else { continue }   // nil grad: skipped, no state created
                var entry = state[p] ?? ParameterState()
                if entry.step == nil {
                    entry.step = 0
                    entry.expAvg = .zeros(p.shape)
                    entry.expAvgSq = .zeros(p.shape)
                    if group.amsgrad { entry.maxExpAvgSq = .zeros(p.shape) }
                }
                let t = entry.step! + 1
                entry.step = t
                let (m, v) = (entry.expAvg!, entry.expAvgSq!)
                let biasCorrection1 = 1 - Foundation.pow(beta1, t)
                let biasCorrection2 = 1 - Foundation.pow(beta2, t)
                let stepSize = group.lr / biasCorrection1
                let biasCorrection2Sqrt = biasCorrection2.squareRoot()
                for i in 0..<p.count {
                    var g = group.maximize ? -grad.storage[i] : grad.storage[i]
                    if group.weightDecay != 0 {
                        if decoupledWeightDecay {
                            p.storage[i] *= 1 - group.lr * group.weightDecay
                        } else {
                            g += group.weightDecay * p.storage[i]
                        }
                    }
                    m.storage[i] = lerp(m.storage[i], g, 1 - beta1)
                    v.storage[i] = v.storage[i] * beta2 + (1 - beta2) * g * g
                    var second = v.storage[i]
                    if let maxV = entry.maxExpAvgSq {
                        maxV.storage[i] = Swift.max(maxV.storage[i], v.storage[i])
                        second = maxV.storage[i]
                    }
                    let denom = second.squareRoot() / biasCorrection2Sqrt + group.eps
                    p.storage[i] += -stepSize * (m.storage[i] / denom)
                }
                // In place, as PyTorch's `addcdiv_` (and AdamW's decay, a `mul_` of its own).
                p.version += decoupledWeightDecay && group.weightDecay != 0 ? 2 : 1
                state[p] = entry
            }
        }
    }
}

/// PyTorch's `lerp`, `start + weight·(end - start)`, computed from the nearer end as ATen does.
@inline(__always)
func lerp(_ start: Double, _ end: Double, _ weight: Double) -> Double {
    Swift.abs(weight) < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight)
}

/// Adam with decoupled weight decay, following `torch.optim.AdamW`: the weights shrink by
/// `1 - lr·weightDecay` before the Adam update, even when the gradient is zero.
public final class AdamW: Adam {
    /// Creates AdamW over one group of parameters (PyTorch's default weight decay is 0.01).
    public convenience init(_ params: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                            eps: Double = 1e-8, weightDecay: Double = 1e-2, amsgrad: Bool = false,
                            maximize: Bool = false) {
        try! self.init(groups: [.group(params)], lr: lr, betas: betas, eps: eps,
                       weightDecay: weightDecay, amsgrad: amsgrad, maximize: maximize)
    }

    /// Creates AdamW over several groups; options a group does not set come from the arguments.
    /// - Throws: ``AutogradError/duplicateParameter`` if a parameter is in two groups.
    public convenience init(groups: [ParamGroupSpec], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                            eps: Double = 1e-8, weightDecay: Double = 1e-2, amsgrad: Bool = false,
                            maximize: Bool = false) throws {
        try self.init(groups: groups, defaults: ParamGroup(
            params: [], lr: lr, weightDecay: weightDecay, maximize: maximize, betas: betas, eps: eps,
            amsgrad: amsgrad), decoupled: true)
    }
}
