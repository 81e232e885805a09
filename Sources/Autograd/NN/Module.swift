/// A layer or a model built from layers, like `torch.nn.Module`.
///
/// A module owns named parameters (tensors an optimizer trains), named buffers (state such as
/// BatchNorm's running statistics, never trained) and named child modules. A subclass declares
/// them as stored properties, as a PyTorch module assigns them in `__init__`, and they register
/// themselves, in declaration order, under PyTorch's snake_case names:
///
/// ```swift
/// final class Net: Module {
///     let body = Sequential(Linear(3, 4), ReLU())   // child "body": parameters body.0.weight, …
///     let head = Linear(4, 2)                       // child "head"
///     let scale = Tensor.ones([2], requiresGrad: true)  // parameter "scale"
///     @Buffer var steps = Tensor.zeros([1])         // buffer "steps"
///     override func forward(_ x: Tensor) -> Tensor { head(body(x)) * scale }
/// }
/// ```
///
/// What registers (see ``localParameters``, ``localBuffers`` and ``localChildren``, which a
/// subclass may override to name things itself): a `Tensor` property is a parameter (like an
/// `nn.Parameter` attribute), a ``Buffer`` property a buffer, a `Module` property a child, an
/// array of modules a child holding them as `0`, `1`, … (a ``ModuleList``), an array of tensors a
/// child holding them as parameters `0`, `1`, … (a ``ParameterList``); an optional that is `nil` registers nothing
/// (as PyTorch skips a `None` parameter). Anything else (numbers, generators) is plain state.
/// A child's names are prefixed with its name, so the first layer of a ``Sequential`` owns
/// `0.weight` and `0.bias`.
///
/// Parameters and buffers can be read by name on any module (``subscript(dynamicMember:)``), so
/// a lesson can write `model[0].weight` though `model[0]` is statically a `Module`.
@dynamicMemberLookup
open class Module: CustomStringConvertible {
    /// Whether the module is in training mode (``train(_:)``) or evaluation mode (``eval()``).
    public internal(set) var isTraining = true

    /// The hooks ``registerForwardHook(_:)-(Module,Tensor,Tensor)->Tensor?`` registered, in order.
    var forwardHooks: [(handle: RemovableHandle, body: (Module, Tensor, Tensor) -> Tensor?)] = []

    /// Creates a module in training mode.
    public init() {}

    /// This module's own parameters, in declaration order (not its children's): its `Tensor`
    /// stored properties, found by reflection.
    open var localParameters: [(name: String, tensor: Tensor)] { Registration(of: self).parameters }

    /// This module's own buffers, in declaration order (not its children's): its ``Buffer``
    /// stored properties.
    open var localBuffers: [(name: String, tensor: Tensor)] { Registration(of: self).buffers }

    /// The names of this module's buffers a state dict leaves out (``Buffer`` with
    /// `persistent: false`).
    open var localNonPersistentBuffers: Set<String> { Registration(of: self).nonPersistent }

    /// The direct submodules with their names, in declaration order: its `Module` stored
    /// properties (and arrays of modules).
    open var localChildren: [(name: String, module: Module)] { Registration(of: self).children }

    /// Computes the module's output.
    open func forward(_ input: Tensor) -> Tensor {
        fail("Module [\(typeName)] is missing the required \"forward\" function")
    }

    /// Calls ``forward(_:)``, then the forward hooks: `model(x)`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        var output = forward(input)
        for (_, body) in forwardHooks { output = body(self, input, output) ?? output }
        return output
    }

    /// The extra text inside the parentheses of this module's description, e.g. `in_features=3, …`.
    open var extraDescription: String { "" }

    /// The module's type name, as PyTorch prints it (`Linear`, `ReLU`, …).
    open var typeName: String { String(describing: type(of: self)) }

    /// Puts this module and every descendant in training (`true`) or evaluation mode.
    @discardableResult
    public func train(_ mode: Bool = true) -> Self {
        for module in modules() { module.isTraining = mode }
        return self
    }

    /// Puts this module and every descendant in evaluation mode: `train(false)`.
    @discardableResult
    public func eval() -> Self { train(false) }

    /// PyTorch's module printout: `Linear(in_features=3, out_features=4, bias=True)`, or a
    /// container listing its children one per line.
    open var description: String {
        let kids = namedChildren()
        if kids.isEmpty { return "\(typeName)(\(extraDescription))" }
        var lines = ["\(typeName)(" + extraDescription]
        for (name, child) in kids {
            let text = child.description.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
            lines.append("  (\(name)): \(text)")
        }
        lines.append(")")
        return lines.joined(separator: "\n")
    }
}

/// Marks a module's stored tensor as a buffer: state that moves with the module and is saved with
/// it, never trained (`register_buffer` in PyTorch). `@Buffer(persistent: false) var …` is a
/// buffer left out of a state dict, as PyTorch's `persistent=False`.
@propertyWrapper
public final class Buffer {
    /// The tensor.
    public var wrappedValue: Tensor
    /// Whether a state dict holds it.
    public let persistent: Bool

    /// Wraps `wrappedValue`.
    public init(wrappedValue: Tensor, persistent: Bool = true) {
        self.wrappedValue = wrappedValue
        self.persistent = persistent
    }
}

/// What a module's stored properties register, read by reflection (`Mirror`), the base class's
/// properties first, as PyTorch registers attributes in the order `__init__` assigns them.
struct Registration {
    var parameters: [(name: String, tensor: Tensor)] = []
    var buffers: [(name: String, tensor: Tensor)] = []
    var children: [(name: String, module: Module)] = []
    var nonPersistent: Set<String> = []

    init(of module: Module) {
        var mirrors: [Mirror] = []
        var next: Mirror? = Mirror(reflecting: module)
        while let mirror = next, mirror.subjectType != Module.self {
            mirrors.append(mirror)
            next = mirror.superclassMirror
        }
        for mirror in mirrors.reversed() {
            for case let (label?, value) in mirror.children {
                add(value, named: label)
            }
        }
    }

    private mutating func add(_ value: Any, named label: String) {
        // A property wrapper's storage is `_name`.
        if let buffer = value as? Buffer {
            let name = snakeCase(String(label.drop { $0 == "_" }))
            buffers.append((name, buffer.wrappedValue))
            if !buffer.persistent { nonPersistent.insert(name) }
            return
        }
        let name = snakeCase(label)
        if let tensor = value as? Tensor {
            parameters.append((name, tensor))
        } else if let module = value as? Module {
            children.append((name, module))
        } else if let modules = value as? [Module] {
            children.append((name, ModuleList(modules)))
        } else if let tensors = value as? [Tensor] {
            children.append((name, ParameterList(tensors)))
        }
    }
}

/// PyTorch's spelling of a Swift name: `runningMean` → `running_mean`.
func snakeCase(_ name: String) -> String {
    name.reduce(into: "") { text, character in
        if character.isUppercase { text += "_" + character.lowercased() } else { text.append(character) }
    }
}
