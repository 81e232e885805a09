/// Hooks: code that runs when a gradient reaches a tensor (`Tensor.register_hook`) or when a
/// module computes its output (`Module.register_forward_hook`). They are how PyTorch code masks
/// part of a gradient, logs one, or watches activations; each returns a handle that removes it.

/// Removes the hook it was returned for, like PyTorch's `RemovableHandle`.
public final class RemovableHandle {
    private var removal: (() -> Void)?

    init(_ removal: @escaping (RemovableHandle) -> Void) {
        self.removal = nil
        self.removal = { [unowned self] in removal(self) }
    }

    /// Removes the hook; removing it again does nothing.
    public func remove() {
        let removal = self.removal
        self.removal = nil
        removal?()
    }
}

extension Tensor {
    /// Registers `body` to run each time the gradient of this tensor is computed in a backward
    /// pass, like `tensor.register_hook(hook)`: it receives the gradient and returns the gradient
    /// to use instead, or `nil` to keep it.
    ///
    /// On a leaf (a parameter) the hooks run before the gradient is added into ``grad``, so a
    /// hook that multiplies by a mask keeps the masked entries' `.grad` at zero: the usual way to
    /// freeze part of a tensor. On a non-leaf they run before the gradient flows on to the inputs,
    /// and before ``retainGrad()`` keeps it. Hooks run in the order they were registered.
    ///
    /// Stops the program, as PyTorch raises, on a tensor that does not require grad.
    @discardableResult
    public func registerHook(_ body: @escaping (Tensor) -> Tensor?) -> RemovableHandle {
        ensure(requiresGrad, "cannot register a hook on a tensor that doesn't require gradient")
        let handle = RemovableHandle { [weak self] handle in self?.hooks.removeAll { $0.handle === handle } }
        hooks.append((handle, body))
        return handle
    }

    /// Registers a hook that only looks at the gradient (prints it, records it): `{ grad in … }`.
    @discardableResult
    public func registerHook(_ body: @escaping (Tensor) -> Void) -> RemovableHandle {
        registerHook { grad -> Tensor? in body(grad); return nil }
    }

    /// The gradient after this tensor's hooks, each fed the previous one's result.
    func runHooks(_ gradient: Tensor) -> Tensor {
        var current = gradient
        for (_, body) in hooks {
            guard let replaced = body(current) else { continue }
            // PyTorch's check: a hook may change the values, not the shape.
            ensure(replaced.shape == current.shape,
                   "hook 'hook' has changed the size of value: expected \(torchSize(current.shape)) got \(torchSize(replaced.shape))")
            current = replaced.detach()
        }
        return current
    }
}

extension Module {
    /// Registers `body` to run after every ``forward(_:)`` of this module, like
    /// `register_forward_hook`: it receives the module, the input and the output, and returns an
    /// output to use instead, or `nil` to keep it.
    @discardableResult
    public func registerForwardHook(_ body: @escaping (Module, Tensor, Tensor) -> Tensor?) -> RemovableHandle {
        let handle = RemovableHandle { [weak self] handle in self?.forwardHooks.removeAll { $0.handle === handle } }
        forwardHooks.append((handle, body))
        return handle
    }

    /// Registers a forward hook that only looks (records an activation, prints a shape).
    @discardableResult
    public func registerForwardHook(_ body: @escaping (Module, Tensor, Tensor) -> Void) -> RemovableHandle {
        registerForwardHook { module, input, output -> Tensor? in body(module, input, output); return nil }
    }
}
