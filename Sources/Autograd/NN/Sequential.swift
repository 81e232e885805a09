/// Modules applied one after another, like `torch.nn.Sequential`; children are named `0`, `1`, ….
public final class Sequential: Module {
    /// The layers, in order.
    public private(set) var layers: [Module]

    /// Creates a pipeline: `Sequential(Linear(3, 4), ReLU(), Linear(4, 2))`.
    public init(_ layers: Module...) {
        self.layers = layers
        super.init()
    }

    /// Creates a pipeline from an array of layers.
    public init(_ layers: [Module]) {
        self.layers = layers
        super.init()
    }

    /// The layers, named by their position (`0`, `1`, …) as in PyTorch.
    override public var children: [(name: String, module: Module)] {
        layers.enumerated().map { (String($0.offset), $0.element) }
    }

    /// The layer at `index`: `model[0]` (read its parameters as `model[0].weight`).
    public subscript(index: Int) -> Module { layers[index] }

    /// The layer at `index` as its concrete type: `model[0, as: Linear.self].inFeatures`.
    public subscript<M: Module>(index: Int, as type: M.Type) -> M {
        guard let layer = layers[index] as? M else {
            preconditionFailure("layer \(index) is \(layers[index].typeName), not \(M.self)")
        }
        return layer
    }

    /// The number of layers.
    public var count: Int { layers.count }

    /// Adds a layer at the end (its name is its index).
    public func append(_ layer: Module) { layers.append(layer) }

    /// Feeds the input through every layer in order.
    override public func forward(_ input: Tensor) -> Tensor {
        layers.reduce(input) { x, layer in layer(x) }
    }
}
