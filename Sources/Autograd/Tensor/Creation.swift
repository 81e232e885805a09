/// Factory functions: constant-filled tensors.
extension Tensor {
    /// A tensor of the given shape filled with `value`.
    public static func full(_ shape: [Int], _ value: Double, requiresGrad: Bool = false) -> Tensor {
        Tensor(shape: shape, storage: [Double](repeating: value, count: shape.reduce(1, *)),
               requiresGrad: requiresGrad)
    }

    /// A tensor of zeros: `Tensor.zeros([2, 3])`.
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 0, requiresGrad: requiresGrad)
    }

    /// A tensor of zeros: `Tensor.zeros(2, 3)`.
    public static func zeros(_ shape: Int..., requiresGrad: Bool = false) -> Tensor {
        full(shape, 0, requiresGrad: requiresGrad)
    }

    /// A tensor of ones: `Tensor.ones([2, 3])`.
    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 1, requiresGrad: requiresGrad)
    }

    /// A tensor of ones: `Tensor.ones(2, 3)`.
    public static func ones(_ shape: Int..., requiresGrad: Bool = false) -> Tensor {
        full(shape, 1, requiresGrad: requiresGrad)
    }

    /// Zeros with this tensor's shape (like `torch.zeros_like`).
    public func zerosLike() -> Tensor { .zeros(shape) }

    /// Ones with this tensor's shape (like `torch.ones_like`).
    public func onesLike() -> Tensor { .ones(shape) }

    /// The vector `[start, start + 1, …, end - 1]` (like `torch.arange`).
    public static func arange(_ start: Int, _ end: Int) -> Tensor {
        Tensor((start..<end).map(Double.init))
    }
}

extension Tensor {
    /// An `int64` tensor with the given shape from row-major integers, like
    /// `torch.tensor([[1, 2], [3, 4]])`: it prints without decimals (`tensor([3, 1, 2])`).
    public convenience init(shape: [Int], integers: [Int]) {
        self.init(shape: shape, storage: integers.map(Double.init), dtype: .int64)
    }

    /// An `int64` vector: `Tensor(integers: [3, 1, 2])`.
    public convenience init(integers: [Int]) {
        self.init(shape: [integers.count], integers: integers)
    }
}
