/// Activation layers: stateless modules wrapping the element-wise ops.

/// `max(x, 0)` as a layer, like `torch.nn.ReLU`.
public final class ReLU: Module {
    /// Creates the layer.
    override public init() { super.init() }
    /// Applies ``Tensor/relu()``.
    override public func forward(_ input: Tensor) -> Tensor { input.relu() }
}

/// Hyperbolic tangent as a layer, like `torch.nn.Tanh`.
public final class Tanh: Module {
    /// Creates the layer.
    override public init() { super.init() }
    /// Applies ``Tensor/tanh()``.
    override public func forward(_ input: Tensor) -> Tensor { input.tanh() }
}

/// Logistic sigmoid as a layer, like `torch.nn.Sigmoid`.
public final class Sigmoid: Module {
    /// Creates the layer.
    override public init() { super.init() }
    /// Applies ``Tensor/sigmoid()``.
    override public func forward(_ input: Tensor) -> Tensor { input.sigmoid() }
}
