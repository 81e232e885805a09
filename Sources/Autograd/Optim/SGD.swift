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
        // With a single group only a parameter listed twice can throw: a programming error, so trap.
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
        ensure(!nesterov || (momentum > 0 && dampening == 0),
                     "Nesterov momentum requires a momentum and zero dampening")
        return ParamGroup(params: [], lr: lr, momentum: momentum, dampening: dampening,
                          nesterov: nesterov, weightDecay: weightDecay, maximize: maximize)
    }

    /// One update of every parameter that has a grad.
    override public func step() {
        for group in paramGroups {
            let (lr, momentum, dampening, nesterov) = (group.lr, group.momentum, group.dampening, group.nesterov)
            let (weightDecay, maximize) = (group.weightDecay, group.maximize)
            for p in group.params {
                guard let grad = p.grad else { continue }   // nil grad: skipped entirely
                var g = grad.storage                          // copied only if changed below
                if maximize || weightDecay != 0 {
                    p.storage.withUnsafeBufferPointer { w in
                        g.withUnsafeMutableBufferPointer { g in
                            for i in g.indices {
                                if maximize { g[i] = -g[i] }
                                if weightDecay != 0 { g[i] += weightDecay * w[i] }
                            }
                        }
                    }
                }
                if momentum != 0 {
                    var entry = state[p] ?? ParameterState()
                    if let buf = entry.momentumBuffer {
                        buf.storage.withUnsafeMutableBufferPointer { b in
                            g.withUnsafeBufferPointer { g in
                                for i in g.indices { b[i] = b[i] * momentum + (1 - dampening) * g[i] }
                            }
                        }
                    } else {
                        // The first buffer is the gradient itself: no dampening on step one.
                        entry.momentumBuffer = Tensor(shape: p.shape, storage: g)
                    }
                    if nesterov {
                        entry.momentumBuffer!.storage.withUnsafeBufferPointer { b in
                            g.withUnsafeMutableBufferPointer { g in
                                for i in g.indices { g[i] = g[i] + momentum * b[i] }
                            }
                        }
                    } else {
                        g = entry.momentumBuffer!.storage
                    }
                    state[p] = entry
                }
                // p -= lr·g, in place: the parameter keeps its identity (and its buffer), and,
                // like PyTorch's `add_`, its version goes up by one.
                p.storage.withUnsafeMutableBufferPointer { w in
                    g.withUnsafeBufferPointer { g in
                        for i in w.indices { w[i] += -lr * g[i] }
                    }
                }
                p.version += 1
            }
        }
    }
}
