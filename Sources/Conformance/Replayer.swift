import Autograd

/// Replays a ``Trace`` in the engine and compares every expectation with what PyTorch recorded.
///
/// The replayer implements the schema's semantics (build the model, run each action, compare),
/// not any trace's numbers, so unseen traces in the same schema replay too.
public struct Replayer {
    let trace: Trace
    let model: Sequential
    /// Model tensors by PyTorch name (`0.weight`, `1.running_mean`).
    let parameters: [(name: String, tensor: Tensor)]
    let buffers: [(name: String, tensor: Tensor)]
    var optimizers: [String: Optimizer] = [:]
    /// Gradient hooks by the id a `hook` action gave them.
    var hooks: [String: RemovableHandle] = [:]
    /// State dicts saved by `save_state`, by id: the model's or an optimizer's.
    var savedModels: [String: StateDict] = [:]
    /// Losses kept by `forward_keep` for a later `backward_kept`.
    var kept: [String: Tensor] = [:]
    var savedOptimizers: [String: OptimizerStateDict] = [:]
    /// Learning-rate schedulers by id.
    var schedulers: [String: LRScheduler] = [:]

    /// Builds the trace's model with its recorded initial values, in train mode.
    public init(_ trace: Trace) throws {
        self.trace = trace
        var layers: [Module] = []
        for (index, layer) in trace.layers.enumerated() {
            func value(_ map: [String: NumberTree]?, _ key: String) throws -> Tensor {
                guard let tree = map?[key] else { throw TraceError.malformed("layer \(index) lacks \(key)") }
                return try tree.tensor()
            }
            switch layer.kind {
            case "linear":
                let bias = try layer.params?["bias"].map { try $0.tensor() }
                let linear = Linear(weight: try value(layer.params, "weight"), bias: bias)
                // The recorder's nn.Linear drew these in place once, so PyTorch has them at
                // version 1: one in-place op here too (times one, values unchanged).
                withNoGrad { for p in linear.parameters() { p.mul_(1.0) } }
                layers.append(linear)
            case "batchnorm1d":
                guard let features = layer.features else { throw TraceError.malformed("layer \(index) lacks features") }
                let momentum = layer.cumulativeAverage ? nil : layer.momentum ?? 0.1
                let bn = BatchNorm1d(features, eps: layer.eps ?? 1e-5, momentum: momentum,
                                     affine: layer.params?["weight"] != nil)
                // Only what differs from the layer as built is written, in place, as the recorder
                // does: each write is one more version, in PyTorch and here.
                func write(_ tensor: Tensor?, _ given: NumberTree?) throws {
                    guard let tensor, let given = try given?.tensor(), given.scalars != tensor.scalars else { return }
                    tensor.assign(given)
                }
                try write(bn.weight, layer.params?["weight"])
                try write(bn.bias, layer.params?["bias"])
                try write(bn.runningMean, layer.buffers?["running_mean"])
                try write(bn.runningVar, layer.buffers?["running_var"])
                layers.append(bn)
            case "relu": layers.append(ReLU())
            case "tanh": layers.append(Tanh())
            case "sigmoid": layers.append(Sigmoid())
            default: throw TraceError.unsupported("layer kind \"\(layer.kind)\"")
            }
        }
        model = Sequential(layers)
        parameters = model.namedParameters()
        // The schema's buffers are the running statistics (`num_batches_tracked` is not recorded).
        buffers = model.namedBuffers().filter { $0.name.hasSuffix("running_mean") || $0.name.hasSuffix("running_var") }
        if let loss = trace.loss, !["mse", "cross_entropy"].contains(loss) { throw TraceError.unsupported("loss \"\(loss)\"") }
        // Parity actions start from the trace's seed, as the recorder does.
        manualSeed(trace.seed ?? 0)
    }

    /// Runs every action in order; returns the first difference, or `nil` when all agree.
    public mutating func run() throws -> Difference? {
        for (index, action) in trace.actions.enumerated() {
            if let difference = try perform(action, index: index) { return difference }
        }
        return nil
    }

    func parameter(_ name: String) throws -> Tensor {
        guard let p = parameters.first(where: { $0.name == name })?.tensor else {
            throw TraceError.malformed("unknown parameter \"\(name)\"")
        }
        return p
    }

    func batch(_ action: Action) throws -> (x: Tensor, y: NumberTree) {
        guard let i = action.batch, trace.batches.indices.contains(i) else {
            throw TraceError.malformed("action needs a valid batch index")
        }
        return (try trace.batches[i].x.tensor(), trace.batches[i].y)
    }

    func loss(_ output: Tensor, _ y: NumberTree) throws -> Tensor {
        let target = try y.tensor()
        switch trace.loss {
        case "mse": return mseLoss(output, target)
        case "cross_entropy": return crossEntropy(output, target)
        default: throw TraceError.malformed("an action needs a loss, and the trace names none")
        }
    }

    private func forward(_ x: Tensor, noGrad: Bool) -> Tensor {
        noGrad ? withNoGrad { model(x) } : model(x)
    }

    typealias Action = Trace.Action

    /// The engine's graph below `node`, walked through ``Node/nextFunctions`` as PyTorch's is.
    static func tree(_ node: Node) -> GraphTree {
        GraphTree(name: node.name, next: node.nextFunctions.compactMap { $0 }.map(tree))
    }

    private mutating func perform(_ action: Action, index: Int) throws -> Difference? {
        func differ(_ quantity: String, _ expected: String, _ actual: String) -> Difference {
            Difference(action: index, kind: action.do, quantity: quantity, expected: expected, actual: actual)
        }
        let expect = action.expect
        switch action.do {
        case "forward_backward":
            let (x, y) = try batch(action)
            let lossValue = try loss(model(x), y)
            do { try lossValue.backward() } catch {
                return differ("backward", "success", "error: \(error)")
            }
            if let expected = expect?.loss, !agrees(expected, lossValue.item) {
                return differ("loss", "\(expected)", "\(lossValue.item)")
            }
        case "forward":
            let (x, _) = try batch(action)
            let output = forward(x, noGrad: action.noGrad ?? false)
            if let expected = expect?.output, let (path, e, a) = try compare(expected, shape: output.shape, values: output.scalars) {
                return differ("output" + path, e, a)
            }
            if let expected = expect?.requiresGrad, expected != output.requiresGrad {
                return differ("requires_grad", "\(expected)", "\(output.requiresGrad)")
            }
        case "backward_error":
            let (x, y) = try batch(action)
            let lossValue = try loss(forward(x, noGrad: action.noGrad ?? false), y)
            do {
                try lossValue.backward()
                return differ("error", expect?.error ?? "an error", "backward succeeded")
            } catch let error as AutogradError {
                let code = Self.code(of: error)
                if let expected = expect?.error, expected != code { return differ("error", expected, code) }
            }
        case "optimizer":
            guard let id = action.id, let kind = action.kind, let groups = action.groups else {
                throw TraceError.malformed("optimizer action needs id, kind, groups")
            }
            optimizers[id] = try makeOptimizer(kind, groups: groups)
        case "add_param_group":
            guard let id = action.optimizer, let optimizer = optimizers[id], let group = action.group else {
                throw TraceError.malformed("add_param_group needs a known optimizer and a group")
            }
            try optimizer.addParamGroup(spec(group))
        case "step":
            guard let id = action.optimizer, let optimizer = optimizers[id] else {
                throw TraceError.malformed("step needs a known optimizer")
            }
            optimizer.step()
        case "zero_grad":
            let setToNone = action.setToNone ?? true
            if action.target == "model" {
                model.zeroGrad(setToNone: setToNone)
            } else if let id = action.target, let optimizer = optimizers[id] {
                optimizer.zeroGrad(setToNone: setToNone)
            } else {
                throw TraceError.malformed("zero_grad target \"\(action.target ?? "")\" is unknown")
            }
        case "requires_grad":
            guard let names = action.params, let value = action.value else {
                throw TraceError.malformed("requires_grad needs params and value")
            }
            for name in names { try parameter(name).requiresGrad = value }
        case "mode":
            model.train(action.train ?? true)
        case "check":
            break
        case "graph":
            let (x, y) = try batch(action)
            let lossValue = try loss(forward(x, noGrad: action.noGrad ?? false), y)
            let actual = lossValue.gradFn.map(Self.tree)
            if let expected = expect?.requiresGrad, expected != lossValue.requiresGrad {
                return differ("requires_grad", "\(expected)", "\(lossValue.requiresGrad)")
            }
            if let expected = expect?.graph, expected != actual {
                return differ("graph", expected.description, actual?.description ?? "no grad_fn")
            }
            return nil
        case "hook", "remove_hook", "clip_grad_norm", "save_state", "load_state", "probe", "scheduler", "scheduler_step",
             "versions", "forward_keep", "backward_kept":
            switch try performEngineAction(action, differ: differ) {
            case .finished(let difference): return difference
            case .compareState: break
            }
        case "seed", "draw", "init", "print", "print_module":
            return try ParityAction(action).check(differ: differ)
        default:
            throw TraceError.unsupported("action \"\(action.do)\"")
        }
        guard let expect else { return nil }
        return try compareState(expect, differ: differ)
    }

    /// Compares params, grads, buffers and optimizer state, including `null` grads and which
    /// parameters have state at all.
    private func compareState(_ expect: Trace.Expectation,
                              differ: (String, String, String) -> Difference) throws -> Difference? {
        func quoted(_ s: String) -> String { "\"\(s)\"" }
        func checkKeys(_ label: String, expected: some Collection<String>, actual: [String]) -> Difference? {
            let (e, a) = (Set(expected), Set(actual))
            guard e != a else { return nil }
            return differ(label + " names", e.sorted().map(quoted).joined(separator: ", "),
                          a.sorted().map(quoted).joined(separator: ", "))
        }
        func checkValues(_ label: String, expected: [String: NumberTree],
                         actual: [(name: String, tensor: Tensor)]) throws -> Difference? {
            if let d = checkKeys(label, expected: expected.keys, actual: actual.map(\.name)) { return d }
            for (name, tensor) in actual {
                if let (path, e, a) = try compare(expected[name]!, shape: tensor.shape, values: tensor.scalars) {
                    return differ("\(label)[\(quoted(name))]" + path, e, a)
                }
            }
            return nil
        }
        if let params = expect.params, let d = try checkValues("params", expected: params, actual: parameters) {
            return d
        }
        if let grads = expect.grads {
            if let d = checkKeys("grads", expected: grads.keys, actual: parameters.map(\.name)) { return d }
            for (name, tensor) in parameters {
                switch (grads[name]!, tensor.grad) {
                case (nil, nil): continue
                case (nil, .some): return differ("grads[\(quoted(name))]", "None", "a tensor")
                case (.some, nil): return differ("grads[\(quoted(name))]", "a tensor", "None")
                case (.some(let expected), .some(let grad)):
                    if let (path, e, a) = try compare(expected, shape: grad.shape, values: grad.scalars) {
                        return differ("grads[\(quoted(name))]" + path, e, a)
                    }
                }
            }
        }
        if let expectedBuffers = expect.buffers,
           let d = try checkValues("buffers", expected: expectedBuffers, actual: buffers) {
            return d
        }
        if let states = expect.state {
            if let d = checkKeys("optimizers", expected: states.keys, actual: Array(optimizers.keys)) { return d }
            for id in states.keys.sorted() {
                let optimizer = optimizers[id]!
                let expectedStates = states[id]!
                let withState = parameters.filter { optimizer.state[$0.tensor] != nil }.map(\.name)
                if let d = checkKeys("state[\(quoted(id))] parameter", expected: expectedStates.keys, actual: withState) { return d }
                for name in withState {
                    let entries = optimizer.state[try parameter(name)]!.entries
                    let label = "state[\(quoted(id))][\(quoted(name))]"
                    if let d = checkKeys(label + " key", expected: expectedStates[name]!.keys, actual: entries.map(\.name)) { return d }
                    for (key, value) in entries {
                        if let (path, e, a) = try compare(expectedStates[name]![key]!, shape: value.shape, values: value.scalars) {
                            return differ(label + "[\(quoted(key))]" + path, e, a)
                        }
                    }
                }
            }
        }
        return nil
    }

    private func spec(_ group: Trace.Group) throws -> ParamGroupSpec {
        let betas = group.betas.map { b -> (Double, Double) in (b[0], b[1]) }
        return .group(try group.params.map(parameter), lr: group.lr, momentum: group.momentum,
                      dampening: group.dampening, nesterov: group.nesterov, weightDecay: group.weightDecay,
                      maximize: group.maximize, betas: betas, eps: group.eps, amsgrad: group.amsgrad)
    }

    private func makeOptimizer(_ kind: String, groups: [Trace.Group]) throws -> Optimizer {
        let specs = try groups.map(spec)
        switch kind {
        case "sgd": return try SGD(groups: specs)
        case "adam": return try Adam(groups: specs)
        case "adamw": return try AdamW(groups: specs)
        default: throw TraceError.unsupported("optimizer kind \"\(kind)\"")
        }
    }

    /// The schema's error code for an engine error.
    static func code(of error: AutogradError) -> String {
        switch error {
        case .noGradFn: "no_grad_fn"
        case .nonScalarImplicitGrad: "non_scalar_grad"
        case .backwardTwice: "backward_twice"
        case .nonLeafRequiresGrad: "non_leaf_requires_grad"
        case .duplicateParameter: "duplicate_parameter"
        case .gradientShapeMismatch: "gradient_shape_mismatch"
        case .loadStateDict: "load_state_dict"
        case .modifiedInPlace: "modified_in_place"
        case .inferenceTensorSaved: "inference_tensor_saved"
        case .leafInPlace: "leaf_in_place"
        case .inferenceInPlace: "inference_in_place"
        case .inferenceRequiresGrad: "inference_requires_grad"
        }
    }
}
