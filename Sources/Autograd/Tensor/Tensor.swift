/// An n-dimensional array of `Double` that can record how it was computed, like `torch.Tensor`.
///
/// `Tensor` is a class on purpose: as in PyTorch, a module and an optimizer hold the *same*
/// parameter object, so an optimizer step is visible through the module, and setting
/// ``requiresGrad`` on `model[0].weight` freezes the parameter the optimizer sees.
///
/// Values are stored contiguously in row-major order (``scalars``) next to the ``shape``.
/// A tensor created by you is a *leaf*; a tensor computed by an op from inputs that require
/// grad is a *non-leaf* and keeps the op's node in ``gradFn`` so ``backward()`` can walk back.
public final class Tensor {
    /// The size of each dimension: `[]` for a scalar, `[n]` for a vector, `[rows, cols]` for a matrix.
    public internal(set) var shape: [Int]

    /// The values, row-major. Ops read and write this buffer directly in their loops.
    var storage: [Double]

    /// Backing store of ``requiresGrad``; ops set it on their outputs through ``record``.
    var requiresGradFlag: Bool

    /// The element type, as PyTorch would have it: `float64` for everything the engine computes,
    /// `int64` for integer tensors such as ``randint(_:_:_:generator:)`` and ``randperm(_:generator:)``
    /// returns. Values are stored as `Double` either way; the type decides how they print.
    public internal(set) var dtype: DType = .float64

    /// The node that produced this tensor (`nil` for leaves and for results computed without grad).
    ///
    /// Its ``Node/name`` is PyTorch's `grad_fn` name, e.g. `AddmmBackward0`.
    public internal(set) var gradFn: Node?

    /// The gradient accumulated by ``backward()``: `nil` until a backward pass reaches this leaf.
    ///
    /// `nil` is not the same as a tensor of zeros: optimizers skip a parameter whose grad is `nil`
    /// but update (with momentum and weight decay) one whose grad is zeros.
    public var grad: Tensor?

    /// This leaf's `AccumulateGrad` node while some graph holds it (PyTorch keeps it the same way:
    /// weakly, so a new graph after the old one is freed gets a new node).
    weak var gradAccumulator: Node?

    /// Whether ``retainGrad()`` asked this non-leaf to keep its gradient after backward.
    public internal(set) var retainsGrad = false

    /// How many times the values were changed in place: PyTorch's `_version`. In-place ops,
    /// optimizer steps, ``assign(_:)`` and loading a state dict add one; backward compares it
    /// with the version a saved tensor had (see ``add_(_:)-(Tensor)``).
    public internal(set) var version = 0

    /// Whether this tensor was made under ``withInferenceMode(_:)`` (PyTorch's `is_inference()`):
    /// it can never be saved for backward or changed in place outside inference mode.
    public internal(set) var isInference = false

    /// The gradient hooks registered with ``registerHook(_:)-(Tensor)->Tensor?``, in order.
    var hooks: [(handle: RemovableHandle, body: (Tensor) -> Tensor?)] = []

    /// Creates a tensor from a shape and row-major values (the designated initializer).
    init(shape: [Int], storage: [Double], requiresGrad: Bool = false, dtype: DType = .float64) {
        if let negative = shape.first(where: { $0 < 0 }) { fail("Trying to create tensor with negative dimension \(negative): \(shape)") }
        ensure(shape.reduce(1, *) == storage.count,
                     "shape \(shape) needs \(shape.reduce(1, *)) values, got \(storage.count)")
        self.shape = shape
        self.storage = storage
        self.requiresGradFlag = requiresGrad
        self.dtype = dtype
        self.isInference = ThreadState.current.inferenceMode
    }

    /// Creates a tensor with the given shape from row-major values.
    ///
    ///     let x = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
    public convenience init(shape: [Int], scalars: [Double], requiresGrad: Bool = false) {
        self.init(shape: shape, storage: scalars, requiresGrad: requiresGrad)
    }

    /// Creates a scalar (zero-dimensional) tensor: `Tensor(3.0)`.
    public convenience init(_ value: Double, requiresGrad: Bool = false) {
        self.init(shape: [], storage: [value], requiresGrad: requiresGrad)
    }

    /// Creates a vector: `Tensor([1.0, 2.0], requiresGrad: true)`.
    public convenience init(_ values: [Double], requiresGrad: Bool = false) {
        self.init(shape: [values.count], storage: values, requiresGrad: requiresGrad)
    }

    /// Creates a matrix from its rows: `Tensor([[1, 2], [3, 4]])`.
    public convenience init(_ rows: [[Double]], requiresGrad: Bool = false) {
        let cols = rows.first?.count ?? 0
        if let short = rows.first(where: { $0.count != cols }) { fail("expected sequence of length \(cols) at dim 1 (got \(short.count))") }
        self.init(shape: [rows.count, cols], storage: rows.flatMap { $0 }, requiresGrad: requiresGrad)
    }

    /// Creates a three-dimensional tensor from nested arrays.
    public convenience init(_ blocks: [[[Double]]], requiresGrad: Bool = false) {
        let rows = blocks.first?.count ?? 0
        let cols = blocks.first?.first?.count ?? 0
        ensure(blocks.allSatisfy { $0.count == rows && $0.allSatisfy { $0.count == cols } },
                     "nested arrays must be rectangular")
        self.init(shape: [blocks.count, rows, cols], storage: blocks.flatMap { $0.flatMap { $0 } },
                  requiresGrad: requiresGrad)
    }

    /// The values in row-major order (a copy; the tensor is not affected by changes to it).
    public var scalars: [Double] { storage }

    /// The number of elements (the product of ``shape``).
    public var count: Int { storage.count }

    /// The number of dimensions (`0` for a scalar).
    public var rank: Int { shape.count }

    /// The value of a one-element tensor, like `tensor.item()`.
    public var item: Double {
        ensure(storage.count == 1,
                     "a Tensor with \(storage.count) elements cannot be converted to Scalar")
        return storage[0]
    }

    /// The rows of a matrix as nested arrays (handy for printing or comparing).
    public var rows: [[Double]] {
        ensure(shape.count == 2, "rows needs a matrix, this tensor has shape \(shape)")
        let cols = shape[1]
        return (0..<shape[0]).map { Array(storage[($0 * cols)..<(($0 + 1) * cols)]) }
    }

    /// Whether operations on this tensor are recorded so gradients can flow back to it.
    ///
    /// Set it on leaves (parameters, inputs) to freeze or unfreeze them:
    /// `model[0].weight.requiresGrad = false`. Changing it on a non-leaf is a programming error in
    /// PyTorch and stops the program here; use ``setRequiresGrad(_:)`` to get a catchable error.
    public var requiresGrad: Bool {
        get { requiresGradFlag }
        set {
            do { try setRequiresGrad(newValue) } catch { fail("\(error)") }
        }
    }

    /// Sets ``requiresGrad``, throwing ``AutogradError/nonLeafRequiresGrad(_:)`` on a non-leaf
    /// exactly where PyTorch raises.
    public func setRequiresGrad(_ flag: Bool) throws {
        guard isLeaf else { throw AutogradError.nonLeafRequiresGrad(requested: flag) }
        if flag, isInference, !ThreadState.current.inferenceMode { throw AutogradError.inferenceRequiresGrad }
        requiresGradFlag = flag
    }

    /// Whether this tensor is a leaf of the graph: it was not produced by a recorded op.
    ///
    /// Parameters and inputs are leaves; `backward()` accumulates into a leaf's ``grad`` only
    /// when it requires grad. A tensor that does not require grad is always a leaf.
    public var isLeaf: Bool { gradFn == nil }

    /// Asks a non-leaf to keep its ``grad`` after backward (leaves always do).
    public func retainGrad() {
        if !isLeaf { retainsGrad = true }
    }

    /// A new leaf with the same values that is cut from the graph and does not require grad.
    public func detach() -> Tensor {
        let detached = Tensor(shape: shape, storage: storage, dtype: dtype)
        detached.isInference = isInference
        return detached
    }

    /// A copy of the values as a new leaf (not recorded, like `x.detach().clone()`).
    public func copy() -> Tensor {
        Tensor(shape: shape, storage: storage, dtype: dtype)
    }

    /// Overwrites the values in place with `source`'s (same shape), outside the graph.
    ///
    /// Like `with torch.no_grad(): p.copy_(source)`: the identity of the tensor (and so every
    /// module and optimizer holding it) is kept, and its ``version`` goes up by one.
    public func assign(_ source: Tensor) {
        ensure(source.shape == shape, "cannot assign shape \(source.shape) to shape \(shape)")
        storage = source.storage
        version += 1
    }

    /// Fills the tensor with zeros in place, outside the graph (like `with torch.no_grad():
    /// t.zero_()`), keeping its identity; its ``version`` goes up by one.
    public func zero() {
        for i in storage.indices { storage[i] = 0 }
        version += 1
    }
}

/// A tensor's element type, named as PyTorch names it.
public enum DType: String, Sendable, CustomStringConvertible {
    /// 64-bit floating point, PyTorch's `torch.float64` (the default dtype lessons assume).
    case float64
    /// 64-bit integers, `torch.int64` (`torch.long`).
    case int64

    /// `torch.float64`, as PyTorch prints it.
    public var description: String { "torch.\(rawValue)" }

    /// Whether values have a fractional part.
    public var isFloatingPoint: Bool { self == .float64 }
}
