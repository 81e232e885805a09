import Autograd

/// The parity actions of a trace (schema 2): seeding, drawing, layer initialisation, dropout
/// masks and printing. Unlike a training step, which must agree within 1e-9, each of these must
/// equal PyTorch exactly: the same bits for every value, the same characters for every text.
struct ParityAction {
    let action: Trace.Action

    init(_ action: Trace.Action) {
        self.action = action
    }

    func check(differ: (String, String, String) -> Difference) throws -> Difference? {
        let expect = action.expect
        switch action.do {
        case "seed":
            guard let seed = action.seed else { throw TraceError.malformed("seed needs a seed") }
            manualSeed(seed)
            return nil
        case "draw":
            let tensor = try draw()
            return same(expect?.values, tensor.scalars, "values", differ) ?? same(expect?.text, tensor.description, differ)
        case "init":
            guard let layer = action.layer else { throw TraceError.malformed("init needs a layer") }
            switch layer.kind {
            case "linear":
                guard let input = layer.in, let output = layer.out else { throw TraceError.malformed("a linear layer needs in and out") }
                let linear = Linear(input, output, bias: layer.bias ?? true)
                for (name, tensor) in linear.namedParameters() {
                    let expected = try expect?.params?[name].map { try $0.flattened().values }
                    if let d = same(expected, tensor.scalars, "params[\"\(name)\"]", differ) { return d }
                }
                return same(expect?.text, linear.description, differ)
            case "dropout":
                guard let p = layer.p, let shape = layer.shape else { throw TraceError.malformed("a dropout layer needs p and shape") }
                let count = shape.reduce(1, *)
                let input = Tensor(shape: shape, scalars: (1...max(count, 1)).prefix(count).map(Double.init))
                let dropout = Dropout(p)
                let output = dropout(input)
                return same(expect?.values, output.scalars, "values", differ) ?? same(expect?.text, dropout.description, differ)
            default:
                throw TraceError.unsupported("init of layer kind \"\(layer.kind)\"")
            }
        case "print_module":
            guard let specs = action.modules else { throw TraceError.malformed("print_module needs modules") }
            let model = Sequential(try specs.map(Self.module))
            return same(expect?.text, model.description, differ)
        case "print":
            guard let texts = action.values, let shape = action.shape else { throw TraceError.malformed("print needs values and shape") }
            let values = try texts.map { text -> Double in
                guard let value = Double(text) else { throw TraceError.malformed("print value \"\(text)\" is not a number") }
                return value
            }
            let tensor: Tensor
            switch action.dtype ?? "float64" {
            case "float64": tensor = Tensor(shape: shape, scalars: values, requiresGrad: action.requiresGrad ?? false)
            case "int64": tensor = Tensor(shape: shape, integers: values.map { Int($0) })
            default: throw TraceError.unsupported("dtype \"\(action.dtype ?? "")\"")
            }
            return same(expect?.text, tensor.description, differ)
        default:
            throw TraceError.unsupported("action \"\(action.do)\"")
        }
    }

    /// The module a `print_module` spec names.
    static func module(_ spec: Trace.Layer) throws -> Module {
        switch spec.kind {
        case "linear":
            guard let input = spec.in, let output = spec.out else { throw TraceError.malformed("a linear module needs in and out") }
            return Linear(input, output, bias: spec.bias ?? true)
        case "batchnorm1d":
            guard let features = spec.features else { throw TraceError.malformed("a batchnorm1d module needs features") }
            return BatchNorm1d(features, eps: spec.eps ?? 1e-5, momentum: spec.cumulativeAverage ? nil : spec.momentum ?? 0.1,
                               affine: spec.affine ?? true)
        case "dropout": return Dropout(spec.p ?? 0.5)
        case "relu": return ReLU()
        case "tanh": return Tanh()
        case "sigmoid": return Sigmoid()
        default: throw TraceError.unsupported("module kind \"\(spec.kind)\"")
        }
    }

    /// The tensor a `draw` action asks for, from the default generator.
    private func draw() throws -> Tensor {
        let shape = action.shape ?? []
        func need<T>(_ value: T?, _ name: String) throws -> T {
            guard let value else { throw TraceError.malformed("\(action.sampler ?? "draw") needs \(name)") }
            return value
        }
        switch action.sampler {
        case "randn": return .normal(shape)
        case "rand": return .uniform(shape)
        case "normal": return .normal(shape, mean: try need(action.mean, "mean"), std: try need(action.std, "std"))
        case "uniform": return .uniform(shape, low: try need(action.low, "low"), high: try need(action.high, "high"))
        case "randint": return .randint(Int(try need(action.low, "low")), Int(try need(action.high, "high")), shape)
        case "randperm": return .randperm(try need(action.n, "n"))
        case "bernoulli": return .bernoulli(shape, p: try need(action.p, "p"))
        default: throw TraceError.unsupported("sampler \"\(action.sampler ?? "")\"")
        }
    }

    /// The first value that is not the same double, bit for bit.
    private func same(_ expected: [Double]?, _ actual: [Double], _ label: String,
                      _ differ: (String, String, String) -> Difference) -> Difference? {
        guard let expected else { return nil }
        guard expected.count == actual.count else { return differ(label + ".count", "\(expected.count)", "\(actual.count)") }
        for (i, (e, a)) in zip(expected, actual).enumerated() where e.bitPattern != a.bitPattern {
            return differ("\(label)[\(i)]", "\(e)", "\(a)")
        }
        return nil
    }

    /// The printed text, character for character.
    private func same(_ expected: String?, _ actual: String, _ differ: (String, String, String) -> Difference) -> Difference? {
        guard let expected, expected != actual else { return nil }
        return differ("text", "\n" + expected, "\n" + actual)
    }
}
