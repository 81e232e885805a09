/// A lookup table of vectors, like `torch.nn.Embedding`: row `i` of ``weight`` is the vector of
/// index `i`.
///
/// The gradient of ``weight`` has a row for every index, looked up or not: rows never looked up
/// get zeros, not `nil`, so an optimizer with weight decay or momentum still moves them; the
/// `paddingIdx` row never gets a gradient (its rows of the gradient are zero).
public final class Embedding: Module {
    /// The table, `[numEmbeddings, embeddingDim]`.
    public let weight: Tensor
    /// The number of rows.
    public let numEmbeddings: Int
    /// The length of each vector.
    public let embeddingDim: Int
    /// The row that gets no gradient (and starts at zeros in a new table), if any.
    public let paddingIdx: Int?

    /// A new table drawn from N(0, 1) as PyTorch draws it (`normal_`), with the padding row
    /// zeroed; a negative `paddingIdx` counts from the end.
    public init(_ numEmbeddings: Int, _ embeddingDim: Int, paddingIdx: Int? = nil, generator: Generator = defaultGenerator) {
        let padding = Self.normalized(paddingIdx, numEmbeddings)
        let table = Tensor.normal([numEmbeddings, embeddingDim], generator: generator, requiresGrad: true)
        if let padding { for j in 0..<embeddingDim { table.storage[padding * embeddingDim + j] = 0 } }
        // PyTorch draws in place (`normal_`), then zeroes the padding row in place: versions 1, 2.
        table.version = padding == nil ? 1 : 2
        self.weight = table
        self.numEmbeddings = numEmbeddings
        self.embeddingDim = embeddingDim
        self.paddingIdx = padding
        super.init()
    }

    /// A table holding `embeddings` (not copied, not zeroed at `paddingIdx`), trainable only
    /// when `freeze` is false: like `nn.Embedding.from_pretrained`, which freezes by default.
    public static func fromPretrained(_ embeddings: Tensor, freeze: Bool = true, paddingIdx: Int? = nil) -> Embedding {
        ensure(embeddings.rank == 2, "Embeddings parameter is expected to be 2-dimensional")
        return Embedding(weight: embeddings, freeze: freeze, paddingIdx: paddingIdx)
    }

    private init(weight: Tensor, freeze: Bool, paddingIdx: Int?) {
        weight.requiresGradFlag = !freeze
        self.weight = weight
        numEmbeddings = weight.shape[0]
        embeddingDim = weight.shape[1]
        self.paddingIdx = Self.normalized(paddingIdx, weight.shape[0])
        super.init()
    }

    private static func normalized(_ index: Int?, _ count: Int) -> Int? {
        guard let index else { return nil }
        ensure(index < count && index >= -count, "Padding_idx must be within num_embeddings")
        return index < 0 ? index + count : index
    }

    /// The vectors of `input`'s indices (an `int64` tensor): shape `input.shape + [embeddingDim]`
    /// (`EmbeddingBackward0`).
    override public func forward(_ input: Tensor) -> Tensor {
        ensure(input.dtype == .int64, "Expected tensor for argument #1 'indices' to have one of the following scalar types: "
               + "Long, Int; but got torch.DoubleTensor instead (while checking arguments for embedding)")
        let indices = input.storage.map { Int($0) }
        ensure(indices.allSatisfy { $0 >= 0 && $0 < numEmbeddings }, "index out of range in self")
        let dim = embeddingDim, table = weight.storage
        var values = [Double](repeating: 0, count: indices.count * dim)
        for (row, index) in indices.enumerated() {
            for j in 0..<dim { values[row * dim + j] = table[index * dim + j] }
        }
        let (rows, padding) = (numEmbeddings, paddingIdx)
        return record("EmbeddingBackward0", output: Tensor(shape: input.shape + [dim], storage: values), inputs: [weight],
                      savesTensors: true) { g, _ in
            countFlops(indices.count * dim)
            var grad = [Double](repeating: 0, count: rows * dim)
            for (row, index) in indices.enumerated() where index != padding {
                for j in 0..<dim { grad[index * dim + j] += g.storage[row * dim + j] }
            }
            return [Tensor(shape: [rows, dim], storage: grad)]
        }
    }

    /// The vectors of `indices`: `embedding([0, 3, 3])`.
    public func callAsFunction(_ indices: [Int]) -> Tensor {
        self(Tensor(shape: [indices.count], integers: indices))
    }

    /// PyTorch's text: `5, 3, padding_idx=1`.
    override public var extraDescription: String {
        "\(numEmbeddings), \(embeddingDim)" + (paddingIdx.map { ", padding_idx=\($0)" } ?? "")
    }
}
