import Autograd

/// The actions FreezeLab adds to the trace schema (see `docs/traces.md`): gradient hooks,
/// gradient clipping, state dicts, learning-rate schedulers, and modules probed on their own.
extension Replayer {
    /// What an action left to do: nothing more (with its difference, if any), or the usual
    /// comparison of parameters, grads, buffers and optimizer state against `expect`.
    enum ActionResult {
        case finished(Difference?)
        case compareState
    }

    mutating func performEngineAction(_ action: Action, differ: (String, String, String) -> Difference) throws -> ActionResult {
        let expect = action.expect
        switch action.do {
        case "hook":
            guard let id = action.id, let name = action.param, let scale = action.scale else {
                throw TraceError.malformed("hook needs id, param and scale")
            }
            let target = try parameter(name)
            let mask = try Tensor(shape: target.shape, scalars: scale.flattened().values)
            hooks[id] = target.registerHook { grad in grad * mask }
        case "remove_hook":
            guard let id = action.id, let handle = hooks[id] else { throw TraceError.malformed("remove_hook needs a known id") }
            handle.remove()
        case "clip_grad_norm":
            guard let maxNorm = action.maxNorm else { throw TraceError.malformed("clip_grad_norm needs max_norm") }
            let normType = try action.normType.map { text -> Double in
                guard let value = Double(text) ?? (text == "inf" ? .infinity : nil) else { throw TraceError.malformed("norm_type \"\(text)\"") }
                return value
            } ?? 2
            let tensors = try action.params.map { try $0.map(parameter) } ?? model.parameters()
            let total = clipGradNorm(tensors, maxNorm: maxNorm, normType: normType).item
            if let expected = expect?.totalNorm, !agrees(expected, total) {
                return .finished(differ("total_norm", "\(expected)", "\(total)"))
            }
        case "save_state":
            guard let id = action.id, let target = action.target else { throw TraceError.malformed("save_state needs id and target") }
            if target == "model" {
                let saved = model.stateDict()
                savedModels[id] = saved
                if let expected = expect?.keys, expected != saved.keys {
                    return .finished(differ("keys", expected.joined(separator: ", "), saved.keys.joined(separator: ", ")))
                }
            } else {
                guard let optimizer = optimizers[target] else { throw TraceError.malformed("save_state of unknown \(target)") }
                savedOptimizers[id] = optimizer.stateDict()
            }
            return .finished(nil)
        case "load_state":
            guard let id = action.id, let target = action.target else { throw TraceError.malformed("load_state needs id and target") }
            do {
                if target == "model" {
                    guard var saved = savedModels[id] else { throw TraceError.malformed("load_state of unknown \(id)") }
                    for name in action.drop ?? [] { saved[name] = nil }
                    for (from, to) in action.rename ?? [:] { saved[to] = saved[from]; saved[from] = nil }
                    for (name, shape) in action.reshape ?? [:] { saved[name] = Tensor.zeros(shape) }
                    let keys = try model.loadStateDict(saved, strict: action.strict ?? true)
                    if let expected = expect?.missingKeys, expected != keys.missingKeys {
                        return .finished(differ("missing_keys", expected.joined(separator: ", "), keys.missingKeys.joined(separator: ", ")))
                    }
                    if let expected = expect?.unexpectedKeys, expected != keys.unexpectedKeys {
                        return .finished(differ("unexpected_keys", expected.joined(separator: ", "), keys.unexpectedKeys.joined(separator: ", ")))
                    }
                } else {
                    guard let optimizer = optimizers[target], let saved = savedOptimizers[id] else {
                        throw TraceError.malformed("load_state into unknown \(target) or of unknown \(id)")
                    }
                    try optimizer.loadStateDict(saved)
                }
                if let expected = expect?.message { return .finished(differ("error", expected, "none")) }
            } catch let error as AutogradError {
                guard let expected = expect?.message else { return .finished(differ("error", "none", error.description)) }
                if expected != error.description { return .finished(differ("error", expected, error.description)) }
                return .finished(nil)
            }
        case "probe":
            return .finished(try Self.probe(action, differ: differ))
        case "versions":
            guard let expected = expect?.versions else { throw TraceError.malformed("versions needs expect.versions") }
            let named = model.namedParameters() + model.namedBuffers()
            for (name, tensor) in named where expected[name] != tensor.version {
                return .finished(differ("version of \(name)", expected[name].map(String.init) ?? "absent", "\(tensor.version)"))
            }
            if let extra = expected.keys.sorted().first(where: { name in !named.contains { $0.0 == name } }) {
                return .finished(differ("version of \(extra)", "\(expected[extra]!)", "absent"))
            }
            return .finished(nil)
        case "forward_keep":
            guard let id = action.id else { throw TraceError.malformed("forward_keep needs id") }
            let (x, y) = try batch(action)
            // An input made under inference mode, as features precomputed by a frozen model would be.
            let input = action.inferenceInput == true ? withInferenceMode { x.copy() } : x
            let lossValue = try loss(model(input), y)
            kept[id] = lossValue
            if let expected = expect?.loss, !agrees(expected, lossValue.item) {
                return .finished(differ("loss", "\(expected)", "\(lossValue.item)"))
            }
            return .finished(nil)
        case "backward_kept":
            guard let id = action.id, let lossValue = kept.removeValue(forKey: id) else {
                throw TraceError.malformed("backward_kept needs the id of a kept loss")
            }
            do {
                try lossValue.backward()
                if let expected = expect?.message { return .finished(differ("error", expected, "backward succeeded")) }
                return .compareState
            } catch let error as AutogradError {
                guard let expected = expect?.message else { return .finished(differ("backward", "success", "error: \(error)")) }
                if let code = expect?.error, code != Replayer.code(of: error) { return .finished(differ("error", code, Replayer.code(of: error))) }
                return .finished(expected == error.description ? nil : differ("error", expected, error.description))
            }
        case "scheduler":
            guard let id = action.id, let name = action.optimizer, let optimizer = optimizers[name], let spec = action.scheduler else {
                throw TraceError.malformed("scheduler needs id, a known optimizer and a scheduler")
            }
            schedulers[id] = try Self.makeScheduler(spec, on: optimizer)
            return .finished(compareSchedule(optimizer, expect, differ: differ))
        case "scheduler_step":
            guard let id = action.id, let scheduler = schedulers[id] else { throw TraceError.malformed("scheduler_step needs a known id") }
            do {
                try scheduler.stepOrThrow()
                if let expected = expect?.message { return .finished(differ("error", expected, "none")) }
            } catch let error as SchedulerError {
                if expect?.message != error.description { return .finished(differ("error", expect?.message ?? "none", error.description)) }
            }
            return .finished(compareSchedule(scheduler.optimizer, expect, differ: differ))
        default:
            throw TraceError.unsupported("action \"\(action.do)\"")
        }
        return .compareState
    }

    /// Compares every group's learning rate and momentum with `expect`.
    private func compareSchedule(_ optimizer: Optimizer, _ expect: Trace.Expectation?,
                                 differ: (String, String, String) -> Difference) -> Difference? {
        let lrs = optimizer.paramGroups.map(\.lr)
        let momentums = optimizer.paramGroups.map { optimizer is Adam ? $0.betas.0 : $0.momentum }
        func list(_ values: [Double]) -> String { values.map { "\($0)" }.joined(separator: ", ") }
        for (label, expected, actual) in [("lrs", expect?.lrs, lrs), ("momentums", expect?.momentums, momentums)] {
            guard let expected else { continue }
            if expected.count != actual.count || zip(expected, actual).contains(where: { !agrees($0, $1) }) {
                return differ(label, list(expected), list(actual))
            }
        }
        return nil
    }

    /// The engine's scheduler for a trace's spec.
    static func makeScheduler(_ spec: SchedulerSpec, on optimizer: Optimizer) throws -> LRScheduler {
        func need<T>(_ value: T?, _ name: String) throws -> T {
            guard let value else { throw TraceError.malformed("a \(spec.kind) scheduler needs \(name)") }
            return value
        }
        switch spec.kind {
        case "step": return StepLR(optimizer, stepSize: try need(spec.stepSize, "step_size"), gamma: spec.gamma ?? 0.1)
        case "exponential": return ExponentialLR(optimizer, gamma: try need(spec.gamma, "gamma"))
        case "cosine": return CosineAnnealingLR(optimizer, tMax: try need(spec.tMax, "T_max"), etaMin: spec.etaMin ?? 0)
        case "lambda":
            let factors = try need(spec.factors, "factors")
            return LambdaLR(optimizer) { epoch in factors[min(epoch, factors.count - 1)] }
        case "one_cycle":
            return OneCycleLR(optimizer, maxLr: try need(spec.maxLr, "max_lr"), totalSteps: try need(spec.totalSteps, "total_steps"),
                              pctStart: spec.pctStart ?? 0.3, anneal: OneCycleLR.Anneal(rawValue: spec.annealStrategy ?? "cos") ?? .cos,
                              cycleMomentum: spec.cycleMomentum ?? true, baseMomentum: spec.baseMomentum ?? 0.85,
                              maxMomentum: spec.maxMomentum ?? 0.95, divFactor: spec.divFactor ?? 25,
                              finalDivFactor: spec.finalDivFactor ?? 1e4, threePhase: spec.threePhase ?? false)
        default: throw TraceError.unsupported("scheduler kind \"\(spec.kind)\"")
        }
    }

    /// A `probe`: the module made from the generator, its text and initial parameters, its output
    /// on the input, and the gradients of `sum(output * upstream)`.
    static func probe(_ action: Action, differ: (String, String, String) -> Difference) throws -> Difference? {
        guard let spec = action.module, let input = action.input else { throw TraceError.malformed("probe needs module and input") }
        let module: Module
        switch spec.kind {
        case "embedding":
            if let pretrained = spec.pretrained {
                module = Embedding.fromPretrained(try pretrained.tensor(), freeze: spec.freeze ?? true, paddingIdx: spec.paddingIdx)
            } else {
                guard let num = spec.num, let dim = spec.dim else { throw TraceError.malformed("an embedding needs num and dim") }
                module = Embedding(num, dim, paddingIdx: spec.paddingIdx)
            }
        case "layernorm":
            guard let shape = spec.shape else { throw TraceError.malformed("a layernorm needs shape") }
            module = LayerNorm(shape, eps: spec.eps ?? 1e-5, elementwiseAffine: spec.affine ?? true, bias: spec.bias ?? true)
        default:
            throw TraceError.unsupported("probe module \"\(spec.kind)\"")
        }
        let expect = action.expect
        for (name, tensor) in module.namedParameters() {
            if let expected = expect?.params?[name], let (path, e, a) = try compare(expected, shape: tensor.shape, values: tensor.scalars) {
                return differ("params[\"\(name)\"]" + path, e, a)
            }
        }
        if let expected = expect?.text, expected != module.description { return differ("text", expected, module.description) }
        let (shape, values) = try input.flattened()
        let x = action.inputDtype == "int64" ? Tensor(shape: shape, integers: values.map { Int($0) })
            : Tensor(shape: shape, scalars: values, requiresGrad: true)
        let output = module(x)
        if let expected = expect?.output, let (path, e, a) = try compare(expected, shape: output.shape, values: output.scalars) {
            return differ("output" + path, e, a)
        }
        if let expected = expect?.requiresGrad, expected != output.requiresGrad {
            return differ("requires_grad", "\(expected)", "\(output.requiresGrad)")
        }
        if output.requiresGrad, let upstream = action.upstream {
            try (output * upstream.tensor()).sum().backward()
        }
        for (name, tensor) in module.namedParameters() {
            guard let expected = expect?.grads?[name] else { continue }
            switch (expected, tensor.grad) {
            case (nil, nil): continue
            case (let e?, let g?):
                if let (path, ev, av) = try compare(e, shape: g.shape, values: g.scalars) { return differ("grads[\"\(name)\"]" + path, ev, av) }
            default:
                return differ("grads[\"\(name)\"]", expected == nil ? "None" : "a gradient", tensor.grad == nil ? "None" : "a gradient")
            }
        }
        if let expected = expect?.inputGrad {
            guard let grad = x.grad else { return differ("input_grad", "a gradient", "None") }
            if let (path, e, a) = try compare(expected, shape: grad.shape, values: grad.scalars) { return differ("input_grad" + path, e, a) }
        }
        return nil
    }
}
