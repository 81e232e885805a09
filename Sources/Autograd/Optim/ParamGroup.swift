/// Parameter groups: sets of parameters that share hyperparameters, like the dicts in
/// `optimizer.param_groups`.
///
/// One struct carries the options of every optimizer in the package; each optimizer reads the
/// ones it uses (SGD: `lr`, `momentum`, `dampening`, `nesterov`, `weightDecay`, `maximize`;
/// Adam/AdamW: `lr`, `betas`, `eps`, `weightDecay`, `amsgrad`, `maximize`).
public struct ParamGroup {
    /// The parameters updated with these options.
    public var params: [Tensor]
    /// The learning rate.
    public var lr: Double
    /// SGD momentum factor (0 keeps no momentum buffer).
    public var momentum: Double
    /// SGD dampening of the gradient added to the momentum buffer (from the second step on).
    public var dampening: Double
    /// SGD Nesterov momentum.
    public var nesterov: Bool
    /// L2 penalty (SGD, Adam: added to the gradient; AdamW: decoupled decay of the weights).
    public var weightDecay: Double
    /// Maximize the objective instead of minimizing (the gradient is negated).
    public var maximize: Bool
    /// Adam's decay rates of the first and second moment estimates.
    public var betas: (Double, Double)
    /// Adam's term added to the denominator for numerical stability.
    public var eps: Double
    /// Adam's AMSGrad variant (keeps the maximum of the second moment).
    public var amsgrad: Bool
    /// What learning-rate schedulers keep in a group, under PyTorch's keys: `initial_lr`, and
    /// ``OneCycleLR``'s `max_lr`, `min_lr`, `max_momentum`, `base_momentum`. A group added after a
    /// scheduler was made lacks them, which is why some schedulers then fail.
    public var schedule: [String: Double] = [:]

    /// Creates a group with every option given.
    public init(params: [Tensor], lr: Double, momentum: Double = 0, dampening: Double = 0,
                nesterov: Bool = false, weightDecay: Double = 0, maximize: Bool = false,
                betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, amsgrad: Bool = false) {
        self.params = params
        self.lr = lr
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        self.maximize = maximize
        self.betas = betas
        self.eps = eps
        self.amsgrad = amsgrad
    }
}

/// A parameter group as requested: parameters plus the options that differ from the
/// optimizer's defaults (`nil` means "use the default").
///
///     let opt = try SGD(groups: [.group(body.parameters(), lr: 1e-3),
///                                .group(head.parameters())], lr: 0.05, momentum: 0.9)
public struct ParamGroupSpec {
    /// The parameters of the group.
    public var params: [Tensor]
    /// Options overriding the optimizer's defaults.
    public var lr, momentum, dampening, weightDecay, eps: Double?
    /// Options overriding the optimizer's defaults.
    public var nesterov, maximize, amsgrad: Bool?
    /// Adam's betas, overriding the default.
    public var betas: (Double, Double)?

    /// A group of `params` with some options overridden.
    public static func group(_ params: [Tensor], lr: Double? = nil, momentum: Double? = nil,
                             dampening: Double? = nil, nesterov: Bool? = nil,
                             weightDecay: Double? = nil, maximize: Bool? = nil,
                             betas: (Double, Double)? = nil, eps: Double? = nil,
                             amsgrad: Bool? = nil) -> ParamGroupSpec {
        ParamGroupSpec(params: params, lr: lr, momentum: momentum, dampening: dampening,
                       weightDecay: weightDecay, eps: eps, nesterov: nesterov, maximize: maximize,
                       amsgrad: amsgrad, betas: betas)
    }

    /// The complete group: these overrides on top of `defaults`.
    func resolved(with defaults: ParamGroup) -> ParamGroup {
        ParamGroup(params: params, lr: lr ?? defaults.lr, momentum: momentum ?? defaults.momentum,
                   dampening: dampening ?? defaults.dampening, nesterov: nesterov ?? defaults.nesterov,
                   weightDecay: weightDecay ?? defaults.weightDecay, maximize: maximize ?? defaults.maximize,
                   betas: betas ?? defaults.betas, eps: eps ?? defaults.eps, amsgrad: amsgrad ?? defaults.amsgrad)
    }
}
