/// Walking a module tree, PyTorch's way: `named_parameters()`, `modules()`, `apply(fn)`, and the
/// freezing switches that act on every parameter below a module.
extension Module {
    /// The direct submodules with their names, like `named_children()`.
    public func namedChildren() -> [(name: String, module: Module)] { localChildren }

    /// The direct submodules, like `children()`.
    public func children() -> [Module] { localChildren.map(\.module) }

    /// Every module below this one with its dotted name, this one first with the name `""`, like
    /// `named_modules()`. A module reached twice is listed once.
    public func namedModules() -> [(name: String, module: Module)] {
        var seen: Set<ObjectIdentifier> = []
        var result: [(name: String, module: Module)] = []
        func visit(_ module: Module, _ name: String) {
            guard seen.insert(ObjectIdentifier(module)).inserted else { return }
            result.append((name, module))
            for (childName, child) in module.localChildren {
                visit(child, name.isEmpty ? childName : "\(name).\(childName)")
            }
        }
        visit(self, "")
        return result
    }

    /// Every module below this one, this one first, like `modules()`.
    public func modules() -> [Module] { namedModules().map(\.module) }

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

    /// Calls `body` on every submodule, then on this one (children first, as PyTorch's
    /// `apply(fn)` does), and returns this module: `model.apply { ($0 as? Linear)?.weight… }`.
    @discardableResult
    public func apply(_ body: (Module) -> Void) -> Self {
        for child in children() { child.apply(body) }
        body(self)
        return self
    }

    /// The parameter or buffer of this module (or a descendant) with the given name, e.g.
    /// `"weight"`, `"0.bias"`, `"running_mean"`; `nil` when there is none.
    public func tensor(named name: String) -> Tensor? {
        namedParameters().first { $0.name == name }?.tensor ?? namedBuffers().first { $0.name == name }?.tensor
    }

    /// A parameter or buffer of this module by its Swift-style name: `layer.weight`,
    /// `bn.runningMean`.
    ///
    /// A misspelt name stops the program with Python's words, as a traceback prints them:
    /// `'Linear' object has no attribute 'wieght'. Did you mean: 'weight'?`, or the names there
    /// are when none is close.
    public subscript(dynamicMember member: String) -> Tensor {
        let snake = snakeCase(member)
        if let found = (localParameters + localBuffers).first(where: { $0.name == member || $0.name == snake }) { return found.tensor }
        fail(missingAttribute(member))
    }

    /// What a misspelt name stops the program with: Python's `AttributeError` text, then a
    /// close name (`. Did you mean: 'weight'?`, as a Python 3.12 traceback adds it) or the
    /// names there are.
    func missingAttribute(_ member: String) -> String {
        let snake = snakeCase(member)
        let message = "'\(typeName)' object has no attribute '\(snake)'"
        let names = (localParameters + localBuffers).map(\.name)
        if let close = names.min(by: { editDistance($0, snake) < editDistance($1, snake) }),
           editDistance(close, snake) <= max(2, snake.count / 3) {
            return message + ". Did you mean: '\(close)'?"
        }
        return message + (names.isEmpty ? " (it has no parameters or buffers)" : " (it has: \(names.joined(separator: ", ")))")
    }

    /// Sets `requiresGrad` on every parameter (freeze with `false`), like `requires_grad_()`.
    @discardableResult
    public func requiresGrad(_ flag: Bool = true) -> Self {
        for p in parameters() { p.requiresGradFlag = flag }
        return self
    }

    /// PyTorch's spelling of ``requiresGrad(_:)``: `model.requiresGrad_(false)`.
    @discardableResult
    public func requiresGrad_(_ flag: Bool = true) -> Self { requiresGrad(flag) }

    /// Resets the gradients of every parameter: to `nil` (the default, as in PyTorch 2) or, with
    /// `setToNone: false`, to zeros in place.
    public func zeroGrad(setToNone: Bool = true) {
        for p in parameters() { p.resetGrad(setToNone: setToNone) }
    }

    /// The number of parameter values (scalars) in the module; with `trainableOnly`, only those of
    /// parameters that require grad (what training will change).
    public func numParameters(trainableOnly: Bool = false) -> Int {
        parameters().filter { !trainableOnly || $0.requiresGrad }.reduce(0) { $0 + $1.count }
    }
}

/// The number of single-character edits between two names, for "did you mean".
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
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
