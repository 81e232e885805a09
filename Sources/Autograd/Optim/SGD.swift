/// Stochastic gradient descent with momentum, dampening, Nesterov, weight decay and maximize,
/// following `torch.optim.SGD`'s single-tensor update exactly.
///
/// For each parameter whose grad is not `nil`:
///
///     g = grad (negated when maximize)
///     g = g + weightDecay·p                            if weightDecay ≠ 0
///     buf = clone(g)                                   first step with momentum ≠ 0
///     buf = momentum·buf + (1 - dampening)·g           later steps
///     g = g + momentum·buf (nesterov)  or  g = buf
///     p = p - lr·g
public final class SGD: Optimizer {
    /// Creates SGD over one group of parameters.
    public init(_ params: [Tensor], lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
                weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false) {
        let defaults = Self.defaults(lr: lr, momentum: momentum, dampening: dampening,
                                     weightDecay: weightDecay, nesterov: nesterov, maximize: maximize)
        // One group cannot hold a parameter twice across groups, so this cannot throw.
        try! super.init(groups: [.group(params)], defaults: defaults)
    }

    /// Creates SGD over several groups; options a group does not set come from the arguments.
    /// - Throws: ``AutogradError/duplicateParameter`` if a parameter is in two groups.
    public init(groups: [ParamGroupSpec], lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
                weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false) throws {
        try super.init(groups: groups, defaults: Self.defaults(
            lr: lr, momentum: momentum, dampening: dampening, weightDecay: weightDecay,
            nesterov: nesterov, maximize: maximize))
    }

    private static func defaults(lr: Double, momentum: Double, dampening: Double, weightDecay: Double,
                                 nesterov: Bool, maximize: Bool) -> ParamGroup {
        precondition(!nesterov || (momentum > 0 && dampening == 0),
                     "Nesterov momentum requires a momentum and zero dampening")
        return ParamGroup(params: [], lr: lr, momentum: momentum, dampening: dampening,
                          nesterov: nesterov, weightDecay: weightDecay, maximize: maximize)
    }

    /// One update of every parameter that has a grad.
    override public func step() {
        for group in paramGroups {
            for p in group.params {
                guard let grad = p.grad else { continue }   // nil grad: skipped entirely
                var g = grad.storage
                let w = p.storage
                for i in g.indices {
                    if group.maximize { g[i] = -g[i] }
                    if group.weightDecay != 0 { g[i] += group.weightDecay * w[i] }
                }
                if group.momentum != 0 {
                    var entry = state[p] ?? ParameterState()
                    if let buf = entry.momentumBuffer {
                        for i in g.indices {
                            buf.storage[i] = buf.storage[i] * group.momentum + (1 - group.dampening) * g[i]
                        }
                    } else {
                        // The first buffer is the gradient itself: no dampening on step one.
                        entry.momentumBuffer = Tensor(shape: p.shape, storage: g)
                    }
                    let buf = entry.momentumBuffer!.storage
                    for i in g.indices {
                        g[i] = group.nesterov ? g[i] + group.momentum * buf[i] : buf[i]
                    }
                    state[p] = entry
                }
                for i in g.indices { p.storage[i] += -group.lr * g[i] }
            }
        }
    }
}
