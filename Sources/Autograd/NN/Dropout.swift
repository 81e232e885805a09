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
        ensure(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(p)")
        self.p = p
        self.generator = generator
        super.init()
    }

    /// Applies a fresh random mask in training mode (`MulBackward0`, as PyTorch's CPU dropout is
    /// `input * noise`), nothing in eval.
    ///
    /// The mask is drawn as PyTorch's CPU `dropout` draws it: `noise = bernoulli_(1 − p)` (one
    /// uniform per value, kept when below `1 − p`), then `noise / (1 − p)`, then `input · noise`.
    /// With `p == 1` nothing is drawn and the output is all zeros.
    override public func forward(_ input: Tensor) -> Tensor {
        guard isTraining, p > 0, input.count > 0 else { return input }
        let mask: [Double]
        if p == 1 {
            mask = [Double](repeating: 0, count: input.count)
        } else {
            mask = Tensor.bernoulli(input.shape, p: 1 - p, generator: generator).storage.map { $0 / (1 - p) }
        }
        let maskTensor = Tensor(shape: input.shape, storage: mask)
        let out = zipValues(input, maskTensor, *)
        return record("MulBackward0", output: out, inputs: [input], flops: input.count,
                      saved: [maskTensor]) { g, _ in
            // The same mask (with its scale) routes the gradient.
            [zipValues(g, maskTensor, *)]
        }
    }

    /// PyTorch's text: `p=0.5, inplace=False`.
    override public var extraDescription: String { "p=\(p), inplace=False" }
}
