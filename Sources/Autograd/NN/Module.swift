/// A layer or a model built from layers, like `torch.nn.Module`.
///
/// A module owns named parameters (tensors an optimizer trains), named buffers (state such as
/// BatchNorm's running statistics, never trained) and named child modules. Names are PyTorch's:
/// a child's parameters are prefixed with the child's name, so the first layer of a
/// ``Sequential`` owns `0.weight` and `0.bias`.
///
/// Parameters can be read by name on any module, so a lesson can write `model[0].weight`
/// even though `model[0]` is statically a `Module`.
@dynamicMemberLookup
open class Module: CustomStringConvertible {
    /// Whether the module is in training mode (``train(_:)``) or evaluation mode (``eval()``).
    public private(set) var isTraining = true

    /// Creates a module in training mode.
    public init() {}

    /// This module's own parameters, in registration order (not its children's).
    open var localParameters: [(name: String, tensor: Tensor)] { [] }

    /// This module's own buffers, in registration order (not its children's).
    open var localBuffers: [(name: String, tensor: Tensor)] { [] }

    /// The direct submodules with their names, in order.
    open var children: [(name: String, module: Module)] { [] }

    /// Computes the module's output.
    open func forward(_ input: Tensor) -> Tensor {
        preconditionFailure("\(typeName) does not implement forward(_:)")
    }

    /// Calls ``forward(_:)``: `model(x)`.
    public func callAsFunction(_ input: Tensor) -> Tensor { forward(input) }

    /// The extra text inside the parentheses of this module's description, e.g. `in_features=3, …`.
    open var extraDescription: String { "" }

    /// The module's type name, as PyTorch prints it (`Linear`, `ReLU`, …).
    open var typeName: String { String(describing: type(of: self)) }

    /// Every parameter with its PyTorch name (`0.weight`), this module's first, then each child's
    /// in order, like `named_parameters()`. A tensor shared by two modules is listed once.
    public func namedParameters() -> [(name: String, tensor: Tensor)] {
        collect(\.localParameters)
    }

    /// Every parameter, in the order of ``namedParameters()``.
    public func parameters() -> [Tensor] { namedParameters().map(\.tensor) }

    /// Every buffer with its PyTorch name (`1.running_mean`), like `named_buffers()`.
    public func namedBuffers() -> [(name: String, tensor: Tensor)] {
        collect(\.localBuffers)
    }

    /// Every buffer, in the order of ``namedBuffers()``.
    public func buffers() -> [Tensor] { namedBuffers().map(\.tensor) }

    /// Every module below this one with its dotted name, this one first with the name `""`.
    public func namedModules() -> [(name: String, module: Module)] {
        var result: [(String, Module)] = [("", self)]
        for (name, child) in children {
            result += child.namedModules().map { ($0.name.isEmpty ? name : "\(name).\($0.name)", $0.module) }
        }
        return result
    }

    private func collect(_ local: KeyPath<Module, [(name: String, tensor: Tensor)]>) -> [(name: String, tensor: Tensor)] {
        var seen: Set<ObjectIdentifier> = []
        var result: [(name: String, tensor: Tensor)] = []
        for (prefix, module) in namedModules() {
            for (name, tensor) in module[keyPath: local] where seen.insert(ObjectIdentifier(tensor)).inserted {
                result.append((prefix.isEmpty ? name : "\(prefix).\(name)", tensor))
            }
        }
        return result
    }

    /// The parameter or buffer of this module (or a descendant) with the given name, e.g.
    /// `"weight"`, `"0.bias"`, `"running_mean"`; `nil` when there is none.
    public func tensor(named name: String) -> Tensor? {
        namedParameters().first { $0.name == name }?.tensor ?? namedBuffers().first { $0.name == name }?.tensor
    }

    /// A parameter or buffer by its Swift-style name: `layer.weight`, `bn.runningMean`.
    ///
    /// Stops the program with a readable message when the module has no such tensor.
    public subscript(dynamicMember member: String) -> Tensor {
        let snake = member.reduce(into: "") { text, character in
            if character.isUppercase { text += "_" + character.lowercased() } else { text.append(character) }
        }
        guard let tensor = tensor(named: member) ?? tensor(named: snake) else {
            preconditionFailure("'\(typeName)' object has no attribute '\(snake)'")
        }
        return tensor
    }

    /// Sets `requiresGrad` on every parameter (freeze with `false`), like `requires_grad_()`.
    @discardableResult
    public func requiresGrad(_ flag: Bool = true) -> Self {
        for p in parameters() { p.requiresGradFlag = flag }
        return self
    }

    /// Puts this module and every descendant in training (`true`) or evaluation mode.
    @discardableResult
    public func train(_ mode: Bool = true) -> Self {
        for (_, module) in namedModules() { module.isTraining = mode }
        return self
    }

    /// Puts this module and every descendant in evaluation mode: `train(false)`.
    @discardableResult
    public func eval() -> Self { train(false) }

    /// Resets the gradients of every parameter: to `nil` (the default, as in PyTorch 2) or, with
    /// `setToNone: false`, to zeros in place.
    public func zeroGrad(setToNone: Bool = true) {
        for p in parameters() { p.resetGrad(setToNone: setToNone) }
    }

    /// The number of parameter values (scalars) in the module.
    public var numParameters: Int { parameters().reduce(0) { $0 + $1.count } }

    /// The number of parameter values that require grad: what training will change.
    public var numTrainable: Int { parameters().filter(\.requiresGrad).reduce(0) { $0 + $1.count } }

    /// PyTorch's module printout: `Linear(in_features=3, out_features=4, bias=True)`, or a
    /// container listing its children one per line.
    public var description: String {
        let kids = children
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

extension Tensor {
    /// Resets ``grad``: to `nil`, or to zeros in place (keeping the grad tensor's identity).
    public func resetGrad(setToNone: Bool = true) {
        if setToNone {
            grad = nil
        } else if let grad {
            grad.gradFn = nil
            grad.requiresGradFlag = false
            grad.zero()
        }
    }
}
