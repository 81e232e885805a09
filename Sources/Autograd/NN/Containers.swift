/// Modules that hold modules or parameters: ``Sequential``, ``ModuleList``, ``ParameterList``,
/// ``ModuleDict``. Their children are
/// named by position (`0`, `1`, …) or by key, as in PyTorch.

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
    override public var localChildren: [(name: String, module: Module)] {
        layers.enumerated().map { (String($0.offset), $0.element) }
    }

    /// The layer at `index` (from the end when negative, as in Python): `model[0]` (read its
    /// parameters as `model[0].weight`).
    public subscript(index: Int) -> Module { layers[position(index)] }

    /// The layer at `index` as its concrete type: `model[0, as: Linear.self].inFeatures`.
    public subscript<M: Module>(index: Int, as type: M.Type) -> M {
        let layer = layers[position(index)]
        guard let typed = layer as? M else { fail("layer \(index) is \(layer.typeName), not \(M.self)") }
        return typed
    }

    private func position(_ index: Int) -> Int {
        let i = index < 0 ? index + layers.count : index
        ensure(i >= 0 && i < layers.count, "index \(index) is out of range")
        return i
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

/// A list of modules, like `torch.nn.ModuleList`: registered (their parameters are the
/// container's, named `0.weight`, `1.weight`, …), but with no `forward` of its own.
public final class ModuleList: Module, RandomAccessCollection {
    /// The modules, in order.
    public private(set) var modules: [Module]

    /// Creates a list.
    public init(_ modules: [Module] = []) {
        self.modules = modules
        super.init()
    }

    /// The modules, named by position.
    override public var localChildren: [(name: String, module: Module)] {
        modules.enumerated().map { (String($0.offset), $0.element) }
    }

    /// Adds a module at the end.
    public func append(_ module: Module) { modules.append(module) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { modules.count }

    /// The module at `index`.
    public subscript(index: Int) -> Module { modules[index] }

    /// PyTorch's printout, which folds a run of modules that print alike into one line:
    /// `(0-2): 3 x Linear(in_features=4, out_features=4, bias=True)`.
    override public var description: String {
        guard !modules.isEmpty else { return "\(typeName)()" }
        var runs: [(start: Int, end: Int, text: String)] = []
        for (index, module) in modules.enumerated() {
            let text = module.description
            if let last = runs.last, last.text == text { runs[runs.count - 1].end = index } else { runs.append((index, index, text)) }
        }
        let lines = runs.map { run -> String in
            let head = run.start == run.end ? "(\(run.start)): " : "(\(run.start)-\(run.end)): \(run.end - run.start + 1) x "
            return (head + run.text).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
        }
        return "\(typeName)(\n  " + lines.joined(separator: "\n  ") + "\n)"
    }
}

/// A list of parameters, like `torch.nn.ParameterList`: a module whose parameters are named `0`,
/// `1`, ….
public final class ParameterList: Module {
    /// The parameters, in order.
    public private(set) var tensors: [Tensor]

    /// Creates a list.
    public init(_ tensors: [Tensor] = []) {
        self.tensors = tensors
        super.init()
    }

    /// The parameters, named by position.
    override public var localParameters: [(name: String, tensor: Tensor)] {
        tensors.enumerated().map { (String($0.offset), $0.element) }
    }

    /// None: its array of tensors is its parameters (reflection would make it a child list).
    override public var localChildren: [(name: String, module: Module)] { [] }

    /// Adds a parameter at the end.
    public func append(_ tensor: Tensor) { tensors.append(tensor) }

    /// The parameter at `index`.
    public subscript(index: Int) -> Tensor { tensors[index] }
}

/// Modules by name, in insertion order, like `torch.nn.ModuleDict`.
public final class ModuleDict: Module {
    /// The names and modules, in insertion order.
    public private(set) var entries: [(name: String, module: Module)]

    /// Creates a dictionary from ordered pairs: `ModuleDict([("encoder", …), ("head", …)])`.
    public init(_ entries: [(String, Module)] = []) {
        self.entries = entries.map { (name: $0.0, module: $0.1) }
        super.init()
    }

    /// The modules, named by their keys.
    override public var localChildren: [(name: String, module: Module)] { entries }

    /// The keys, in order.
    public var keys: [String] { entries.map(\.name) }

    /// The module with `key`; setting a new key appends it, an existing one replaces it in place.
    public subscript(key: String) -> Module? {
        get { entries.first { $0.name == key }?.module }
        set {
            if let index = entries.firstIndex(where: { $0.name == key }) {
                if let newValue { entries[index].module = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }
}
