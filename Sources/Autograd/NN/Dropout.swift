/// Randomly zeroes values during training, like `torch.nn.Dropout`.
///
/// In training mode each value is kept with probability `1 - p` and scaled by `1 / (1 - p)` so
/// the expected output equals the input; in evaluation mode the layer is the identity.
public final class Dropout: Module {
    /// The probability of zeroing a value.
    public let p: Double
    /// Where the masks come from (the default generator unless given).
    public let generator: Generator

    /// Creates the layer; `p` must be in `[0, 1]`.
    public init(_ p: Double = 0.5, generator: Generator = defaultGenerator) {
        precondition(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(p)")
        self.p = p
        self.generator = generator
        super.init()
    }

    /// Applies a fresh random mask in training mode (`NativeDropoutBackward0`), nothing in eval.
    override public func forward(_ input: Tensor) -> Tensor {
        guard isTraining, p > 0 else { return input }
        let scale = p == 1 ? 0 : 1 / (1 - p)
        var mask = [Double](repeating: 0, count: input.count)
        for i in mask.indices { mask[i] = generator.uniform() < p ? 0 : scale }
        let maskTensor = Tensor(shape: input.shape, storage: mask)
        let out = zipValues(input, maskTensor, *)
        return record("NativeDropoutBackward0", output: out, inputs: [input], flops: input.count,
                      saved: [maskTensor]) { g, _ in
            // The same mask (with its scale) routes the gradient.
            [zipValues(g, maskTensor, *)]
        }
    }

    /// PyTorch's text: `p=0.5, inplace=False`.
    override public var extraDescription: String { "p=\(p), inplace=False" }
}
