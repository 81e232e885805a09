/// Saving and loading a module's values, like `state_dict()` and `load_state_dict()`.

/// A module's values by PyTorch name, in PyTorch's order: for each module (this one first, then
/// its children depth first), its parameters, then its persistent buffers.
///
/// The values are copies, taken when the dict was made. (PyTorch's `state_dict()` returns
/// tensors that share storage with the parameters, so a later optimizer step changes a dict kept
/// in memory; `copy.deepcopy` or `torch.save` gives what this gives.) `requiresGrad` is not part
/// of a state: loading one never freezes or unfreezes anything.
public struct StateDict: CustomStringConvertible {
    /// The names and values, in order.
    public var entries: [(name: String, tensor: Tensor)]

    /// Creates a dict from ordered entries.
    public init(_ entries: [(name: String, tensor: Tensor)] = []) {
        self.entries = entries
    }

    /// The names, in order.
    public var keys: [String] { entries.map(\.name) }

    /// The value named `name`; setting `nil` removes it, a new name is appended.
    public subscript(name: String) -> Tensor? {
        get { entries.first { $0.name == name }?.tensor }
        set {
            if let index = entries.firstIndex(where: { $0.name == name }) {
                if let newValue { entries[index].tensor = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((name, newValue))
            }
        }
    }

    /// The names, one per line, with each value's shape.
    public var description: String {
        entries.map { "\($0.name): \($0.tensor.shape)" }.joined(separator: "\n")
    }
}

/// The names ``Module/loadStateDict(_:strict:)`` could not match, like PyTorch's
/// `_IncompatibleKeys`.
public struct IncompatibleKeys: Equatable, CustomStringConvertible {
    /// Names the module has and the dict lacks.
    public var missingKeys: [String]
    /// Names the dict has and the module lacks.
    public var unexpectedKeys: [String]

    /// PyTorch's text: `<All keys matched successfully>`, or
    /// `_IncompatibleKeys(missing_keys=['0.bias'], unexpected_keys=[])`.
    public var description: String {
        if missingKeys.isEmpty && unexpectedKeys.isEmpty { return "<All keys matched successfully>" }
        func list(_ names: [String]) -> String { "[" + names.map { "'\($0)'" }.joined(separator: ", ") + "]" }
        return "_IncompatibleKeys(missing_keys=\(list(missingKeys)), unexpected_keys=\(list(unexpectedKeys)))"
    }
}

extension Module {
    /// This module's own entries: parameters, then persistent buffers.
    private var localState: [(name: String, tensor: Tensor)] {
        let skipped = localNonPersistentBuffers
        return localParameters + localBuffers.filter { !skipped.contains($0.name) }
    }

    /// Copies of every parameter and persistent buffer, by name, like `state_dict()`.
    public func stateDict() -> StateDict {
        var entries: [(name: String, tensor: Tensor)] = []
        func visit(_ module: Module, _ prefix: String) {
            entries += module.localState.map { (prefix + $0.name, $0.tensor.copy()) }
            for (name, child) in module.localChildren { visit(child, prefix + name + ".") }
        }
        visit(self, "")
        return StateDict(entries)
    }

    /// Copies the values of `state` into this module's parameters and buffers, in place (every
    /// optimizer holding them sees the new values; `requiresGrad` is unchanged), like
    /// `load_state_dict()`, and returns the names that did not match.
    ///
    /// - Throws: ``AutogradError/loadStateDict(_:)`` with PyTorch's message, with `strict` (the
    ///   default) when a name is missing or unexpected, and strict or not when a value's shape
    ///   differs. As in PyTorch, the values that did match are copied first.
    @discardableResult
    public func loadStateDict(_ state: StateDict, strict: Bool = true) throws -> IncompatibleKeys {
        var missing: [String] = [], unexpected: [String] = [], errors: [String] = []
        func visit(_ module: Module, _ prefix: String) {
            let local = module.localState
            let children = Set(module.localChildren.map(\.name))
            for (name, tensor) in local {
                guard let given = state[prefix + name] else { missing.append(prefix + name); continue }
                guard given.shape == tensor.shape else {
                    errors.append("size mismatch for \(prefix + name): copying a param with shape \(torchSize(given.shape)) "
                                  + "from checkpoint, the shape in current model is \(torchSize(tensor.shape)).")
                    continue
                }
                tensor.assign(given)
            }
            // PyTorch's rule: a name under this prefix is this module's if it has no dot, else a
            // child's; either must exist.
            let names = Set(local.map(\.name))
            for key in state.keys where key.hasPrefix(prefix) {
                let rest = key.dropFirst(prefix.count)
                let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
                if parts.count > 1 ? !children.contains(String(parts[0])) : !names.contains(String(rest)) {
                    unexpected.append(key)
                }
            }
            for (name, child) in module.localChildren { visit(child, prefix + name + ".") }
        }
        visit(self, "")
        if strict {
            if !unexpected.isEmpty {
                errors.insert("Unexpected key(s) in state_dict: " + unexpected.map { "\"\($0)\"" }.joined(separator: ", ") + ". ", at: 0)
            }
            if !missing.isEmpty {
                errors.insert("Missing key(s) in state_dict: " + missing.map { "\"\($0)\"" }.joined(separator: ", ") + ". ", at: 0)
            }
        }
        if !errors.isEmpty {
            throw AutogradError.loadStateDict("Error(s) in loading state_dict for \(typeName):\n\t" + errors.joined(separator: "\n\t"))
        }
        return IncompatibleKeys(missingKeys: missing, unexpectedKeys: unexpected)
    }
}
