/// What an optimizer remembers about one parameter, created lazily on its first update
/// (PyTorch's `optimizer.state[p]`).
public struct ParameterState: CustomStringConvertible {
    /// SGD's momentum buffer (`momentum_buffer`); `nil` without momentum.
    public var momentumBuffer: Tensor?
    /// Adam's step count (`step`).
    public var step: Double?
    /// Adam's first moment estimate (`exp_avg`).
    public var expAvg: Tensor?
    /// Adam's second moment estimate (`exp_avg_sq`).
    public var expAvgSq: Tensor?
    /// AMSGrad's running maximum of `exp_avg_sq` (`max_exp_avg_sq`).
    public var maxExpAvgSq: Tensor?

    /// Creates an empty state.
    public init() {}

    /// The entries under PyTorch's names, in PyTorch's order.
    public var entries: [(name: String, value: Tensor)] {
        var result: [(String, Tensor)] = []
        if let momentumBuffer { result.append(("momentum_buffer", momentumBuffer)) }
        if let step { result.append(("step", Tensor(step))) }
        if let expAvg { result.append(("exp_avg", expAvg)) }
        if let expAvgSq { result.append(("exp_avg_sq", expAvgSq)) }
        if let maxExpAvgSq { result.append(("max_exp_avg_sq", maxExpAvgSq)) }
        return result
    }

    /// The entries as PyTorch prints a state dict: `{'momentum_buffer': tensor(…)}`.
    public var description: String {
        "{" + entries.map { "'\($0.name)': \($0.value)" }.joined(separator: ", ") + "}"
    }
}

/// The per-parameter states of an optimizer, looked up by parameter: `opt.state[model[0].weight]`.
///
/// A parameter the optimizer has never updated has no entry (`nil`), as in PyTorch.
public struct OptimizerState {
    private var states: [ObjectIdentifier: ParameterState] = [:]
    /// The parameters that have a state, in the order they first got one.
    public private(set) var parameters: [Tensor] = []

    /// The state of `parameter`, or `nil` if it has none.
    public subscript(parameter: Tensor) -> ParameterState? {
        get { states[ObjectIdentifier(parameter)] }
        set {
            let key = ObjectIdentifier(parameter)
            if states[key] == nil, newValue != nil { parameters.append(parameter) }
            if newValue == nil { parameters.removeAll { $0 === parameter } }
            states[key] = newValue
        }
    }

    /// The number of parameters with a state.
    public var count: Int { parameters.count }

    /// Whether no parameter has a state.
    public var isEmpty: Bool { parameters.isEmpty }
}
