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

    /// Creates a layer initialized as PyTorch's `reset_parameters` does, drawing from `generator`
    /// (the default generator, seeded by ``manualSeed(_:)``), weight first, row by row:
    /// `kaiming_uniform_(weight, a=√5)` — uniform on `±√3 · gain / √in` with
    /// `gain = √(2 / (1 + a²))` — then the bias uniform on `±1/√in`. Both bounds come to `1/√in`
    /// in exact arithmetic; they are computed in PyTorch's steps so the doubles are the same.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true,
                generator: Generator = defaultGenerator) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        let fanIn = Double(inFeatures)
        let a = 5.0.squareRoot()
        let gain = (2.0 / (1 + a * a)).squareRoot()
        let weightBound = inFeatures > 0 ? 3.0.squareRoot() * (gain / fanIn.squareRoot()) : 0
        let biasBound = inFeatures > 0 ? 1 / fanIn.squareRoot() : 0
        weight = .uniform([outFeatures, inFeatures], low: -weightBound, high: weightBound, generator: generator,
                          requiresGrad: true)
        self.bias = bias ? .uniform([outFeatures], low: -biasBound, high: biasBound, generator: generator,
                                    requiresGrad: true) : nil
        // PyTorch draws both in place (`kaiming_uniform_`, `uniform_`): version 1.
        weight.version = 1
        self.bias?.version = 1
        super.init()
    }

    /// Creates a layer with the given initial values (copied); both require grad.
    public init(weight: Tensor, bias: Tensor?) {
        ensure(weight.rank == 2, "weight must be a matrix [out, in]")
        inFeatures = weight.shape[1]
        outFeatures = weight.shape[0]
        self.weight = Tensor(shape: weight.shape, storage: weight.storage, requiresGrad: true)
        self.bias = bias.map { Tensor(shape: $0.shape, storage: $0.storage, requiresGrad: true) }
        super.init()
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
