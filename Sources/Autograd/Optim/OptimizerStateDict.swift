/// Saving and loading an optimizer, like `optimizer.state_dict()` and `load_state_dict()`.

/// An optimizer's state as PyTorch saves it: parameters are not stored, only their positions
/// (numbered across the groups in order), so the dict can be loaded into an optimizer over other
/// tensors of the same layout: a fresh model being resumed.
public struct OptimizerStateDict {
    /// One group: its options, and the positions of its parameters.
    public struct Group {
        /// The options (its `params` are empty: only positions are saved).
        public var options: ParamGroup
        /// The positions of its parameters.
        public var params: [Int]
    }

    /// The state of each parameter that has one, by position (copies).
    public var state: [Int: ParameterState]
    /// The groups, in order.
    public var groups: [Group]
}

extension ParameterState {
    /// A copy whose tensors are copies, so a saved state does not move with training.
    func copied() -> ParameterState {
        var copy = self
        copy.momentumBuffer = momentumBuffer?.copy()
        copy.expAvg = expAvg?.copy()
        copy.expAvgSq = expAvgSq?.copy()
        copy.maxExpAvgSq = maxExpAvgSq?.copy()
        return copy
    }
}

extension Optimizer {
    /// The state and the groups' options, with parameters as positions, like `state_dict()`.
    public func stateDict() -> OptimizerStateDict {
        var next = 0, saved: [Int: ParameterState] = [:]
        let groups = paramGroups.map { group -> OptimizerStateDict.Group in
            var options = group
            options.params = []
            let positions = group.params.map { p -> Int in
                defer { next += 1 }
                if let entry = state[p] { saved[next] = entry.copied() }
                return next
            }
            return .init(options: options, params: positions)
        }
        return OptimizerStateDict(state: saved, groups: groups)
    }

    /// Replaces this optimizer's state and its groups' options (learning rates included) with
    /// `saved`'s, matching parameters by position, like `load_state_dict()`.
    ///
    /// - Throws: ``AutogradError/loadStateDict(_:)`` with PyTorch's message when the layouts
    ///   differ (another number of groups, or a group of another size); nothing is changed then.
    public func loadStateDict(_ saved: OptimizerStateDict) throws {
        guard saved.groups.count == paramGroups.count else {
            throw AutogradError.loadStateDict("loaded state dict has a different number of parameter groups")
        }
        for (group, savedGroup) in zip(paramGroups, saved.groups) where group.params.count != savedGroup.params.count {
            throw AutogradError.loadStateDict("loaded state dict contains a parameter group that doesn't match the size of optimizer's group")
        }
        var fresh = OptimizerState()
        for index in paramGroups.indices {
            let params = paramGroups[index].params
            for (p, position) in zip(params, saved.groups[index].params) {
                if let entry = saved.state[position] { fresh[p] = entry.copied() }
            }
            var options = saved.groups[index].options
            options.params = params
            paramGroups[index] = options
        }
        state = fresh
    }
}
