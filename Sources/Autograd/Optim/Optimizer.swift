/// The common part of every optimizer: parameter groups, state, `zeroGrad`, like `torch.optim.Optimizer`.
///
/// Subclasses implement ``step()``. As in PyTorch, `step()` looks only at `.grad`: a parameter
/// whose grad is `nil` is skipped, one whose grad is zeros is updated (momentum and weight decay
/// still move it), and `requiresGrad` is never consulted.
open class Optimizer {
    /// The groups of parameters with their options; change `lr` here to schedule it.
    public var paramGroups: [ParamGroup]
    /// The options a new group gets unless it overrides them.
    public let defaults: ParamGroup
    /// The per-parameter state (momentum buffers, Adam moments), created lazily.
    public internal(set) var state = OptimizerState()

    /// Creates an optimizer over parameter groups.
    /// - Throws: ``AutogradError/duplicateParameter`` if a parameter is in two groups.
    public init(groups: [ParamGroupSpec], defaults: ParamGroup) throws {
        self.defaults = defaults
        self.paramGroups = []
        ensure(!groups.isEmpty, "optimizer got an empty parameter list")
        for group in groups { try addParamGroup(group) }
    }

    /// Adds a group (options not given come from ``defaults``), like `add_param_group`.
    /// - Throws: ``AutogradError/duplicateParameter`` if one of its parameters is already in a group.
    public func addParamGroup(_ group: ParamGroupSpec) throws {
        var seen = Set(paramGroups.flatMap { $0.params.map(ObjectIdentifier.init) })
        for p in group.params {
            guard seen.insert(ObjectIdentifier(p)).inserted else { throw AutogradError.duplicateParameter }
        }
        paramGroups.append(group.resolved(with: defaults))
    }

    /// Adds a group of `params` with some options overridden: `try opt.addParamGroup(body.parameters(), lr: 1e-4)`.
    public func addParamGroup(_ params: [Tensor], lr: Double? = nil, momentum: Double? = nil,
                              dampening: Double? = nil, nesterov: Bool? = nil, weightDecay: Double? = nil,
                              maximize: Bool? = nil, betas: (Double, Double)? = nil, eps: Double? = nil,
                              amsgrad: Bool? = nil) throws {
        try addParamGroup(.group(params, lr: lr, momentum: momentum, dampening: dampening,
                                 nesterov: nesterov, weightDecay: weightDecay, maximize: maximize,
                                 betas: betas, eps: eps, amsgrad: amsgrad))
    }

    /// Every parameter of every group, in order.
    public var parameters: [Tensor] { paramGroups.flatMap(\.params) }

    /// Resets the grads of this optimizer's parameters (only these!): to `nil` by default, or to
    /// zeros in place with `setToNone: false`.
    public func zeroGrad(setToNone: Bool = true) {
        for p in parameters { p.resetGrad(setToNone: setToNone) }
    }

    /// Updates the parameters from their grads.
    open func step() {
        fail("\(type(of: self)) does not implement step()")
    }
}
