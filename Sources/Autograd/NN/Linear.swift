/// A fully connected layer `y = x·Wᵀ + b`, like `torch.nn.Linear`.
public final class Linear: Module {
    /// The weight, `[outFeatures, inFeatures]`.
    public let weight: Tensor
    /// The bias, `[outFeatures]`, or `nil` when created with `bias: false`.
    public let bias: Tensor?
    /// The size of each input row.
    public let inFeatures: Int
    /// The size of each output row.
    public let outFeatures: Int

    /// Creates a layer initialized like PyTorch: `kaiming_uniform_(a: √5)` for the weight and
    /// `U(-1/√in, 1/√in)` for the bias, which makes both uniform on `[-1/√in, 1/√in)`, drawn
    /// from `generator` (the default generator, seeded by ``manualSeed(_:)``) weight first.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true,
                generator: Generator = defaultGenerator) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        let bound = inFeatures > 0 ? 1 / Double(inFeatures).squareRoot() : 0
        weight = .uniform([outFeatures, inFeatures], low: -bound, high: bound, generator: generator,
                          requiresGrad: true)
        self.bias = bias ? .uniform([outFeatures], low: -bound, high: bound, generator: generator,
                                    requiresGrad: true) : nil
        super.init()
    }

    /// Creates a layer with the given initial values (copied); both require grad.
    public init(weight: Tensor, bias: Tensor?) {
        precondition(weight.rank == 2, "weight must be a matrix [out, in]")
        inFeatures = weight.shape[1]
        outFeatures = weight.shape[0]
        self.weight = Tensor(shape: weight.shape, storage: weight.storage, requiresGrad: true)
        self.bias = bias.map { Tensor(shape: $0.shape, storage: $0.storage, requiresGrad: true) }
        super.init()
    }

    /// `weight`, then `bias` when the layer has one.
    override public var localParameters: [(name: String, tensor: Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    /// `x·Wᵀ + b` as one gemm plus a bias row (`AddmmBackward0`).
    override public func forward(_ input: Tensor) -> Tensor {
        input.linear(weight: weight, bias: bias)
    }

    /// PyTorch's text: `in_features=3, out_features=4, bias=True`.
    override public var extraDescription: String {
        "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(bias == nil ? "False" : "True")"
    }
}
