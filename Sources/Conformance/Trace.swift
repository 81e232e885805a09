import Foundation
import Autograd

/// A PyTorch reference trace (`freezelab-trace/1`): a small model, batches, and actions with
/// what PyTorch produced after each. See `SCHEMA.md` in the shared conformance folder.
public struct Trace: Decodable, Sendable {
    /// `freezelab-trace/1`, or `freezelab-trace/2` for a trace with parity actions.
    public let schema: String
    /// The experiment's name.
    public let name: String
    /// What the experiment shows.
    public let summary: String?
    /// The `nn.Sequential`, in order.
    public let layers: [Layer]
    /// `mse` or `cross_entropy` (mean reduction); none in a parity trace.
    public let loss: String?
    /// Inputs and targets, referenced by index from actions.
    public let batches: [Batch]
    /// The steps, run in order on one model.
    public let actions: [Action]

    /// The schemas this replayer understands.
    public static let supportedSchemas = ["freezelab-trace/1", "freezelab-trace/2"]

    /// The seed the recorder gave `torch.manual_seed` before the first action (schema 2).
    public let seed: UInt64?

    enum CodingKeys: String, CodingKey { case schema, name, summary, layers, loss, batches, actions, seed }

    /// Reads a trace; a parity trace (schema 2) may have no model, loss or batches.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        name = try c.decode(String.self, forKey: .name)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        layers = try c.decodeIfPresent([Layer].self, forKey: .layers) ?? []
        loss = try c.decodeIfPresent(String.self, forKey: .loss)
        batches = try c.decodeIfPresent([Batch].self, forKey: .batches) ?? []
        actions = try c.decode([Action].self, forKey: .actions)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
    }

    /// Decodes a trace from JSON bytes, checking the schema.
    public static func decode(_ data: Data) throws -> Trace {
        let trace = try JSONDecoder().decode(Trace.self, from: data)
        guard supportedSchemas.contains(trace.schema) else {
            throw TraceError.unsupported("schema \"\(trace.schema)\", expected one of \(supportedSchemas.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        return trace
    }

    /// One layer of the model.
    public struct Layer: Decodable, Sendable {
        /// `linear`, `batchnorm1d`, `relu`, `tanh` or `sigmoid`.
        public let kind: String
        /// Linear sizes.
        public let `in`: Int?, out: Int?
        /// BatchNorm options.
        public let features: Int?, eps: Double?, momentum: Double?
        /// `print_module` only: a linear layer's `bias`, a BatchNorm layer's `affine`, a dropout's `p`.
        public let bias: Bool?, affine: Bool?, p: Double?
        /// Whether `momentum` is `null`: PyTorch's `momentum=None`, a cumulative average of the
        /// batch statistics (an absent `momentum` is the default 0.1).
        public let cumulativeAverage: Bool
        /// Initial parameters by local name (`weight`, `bias`).
        public let params: [String: NumberTree]?
        /// Initial buffers by local name (`running_mean`, `running_var`).
        public let buffers: [String: NumberTree]?

        enum CodingKeys: String, CodingKey {
            case kind, `in`, out, features, eps, momentum, params, buffers, bias, affine, p
        }

        /// Decodes a layer, telling a `null` momentum from an absent one.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kind = try c.decode(String.self, forKey: .kind)
            `in` = try c.decodeIfPresent(Int.self, forKey: .in)
            out = try c.decodeIfPresent(Int.self, forKey: .out)
            features = try c.decodeIfPresent(Int.self, forKey: .features)
            eps = try c.decodeIfPresent(Double.self, forKey: .eps)
            momentum = try c.decodeIfPresent(Double.self, forKey: .momentum)
            cumulativeAverage = try c.contains(.momentum) && c.decodeNil(forKey: .momentum)
            params = try c.decodeIfPresent([String: NumberTree].self, forKey: .params)
            buffers = try c.decodeIfPresent([String: NumberTree].self, forKey: .buffers)
            bias = try c.decodeIfPresent(Bool.self, forKey: .bias)
            affine = try c.decodeIfPresent(Bool.self, forKey: .affine)
            p = try c.decodeIfPresent(Double.self, forKey: .p)
        }
    }

    /// An input batch and its target (values for `mse`, class indices for `cross_entropy`).
    public struct Batch: Decodable, Sendable {
        /// The input rows.
        public let x: NumberTree
        /// The target.
        public let y: NumberTree
    }

    /// One action; which fields are present depends on `do`.
    public struct Action: Decodable, Sendable {
        /// The kind of action (`forward_backward`, `step`, …).
        public let `do`: String
        /// The batch index (`forward_backward`, `forward`, `backward_error`).
        public let batch: Int?
        /// Run the forward inside no-grad (`forward`, `backward_error`).
        public let noGrad: Bool?
        /// The new optimizer's id (`optimizer`).
        public let id: String?
        /// `sgd`, `adam` or `adamw` (`optimizer`).
        public let kind: String?
        /// The optimizer's parameter groups (`optimizer`).
        public let groups: [Group]?
        /// The optimizer acted on (`step`, `add_param_group`).
        public let optimizer: String?
        /// The group to add (`add_param_group`).
        public let group: Group?
        /// An optimizer id or `model` (`zero_grad`).
        public let target: String?
        /// Reset to None rather than zeros (`zero_grad`).
        public let setToNone: Bool?
        /// Parameter names (`requires_grad`).
        public let params: [String]?
        /// The new `requires_grad` (`requires_grad`).
        public let value: Bool?
        /// Train (`true`) or eval (`mode`).
        public let train: Bool?
        /// What PyTorch produced, compared after the action.
        public let expect: Expectation?
        /// `seed`: the seed for `torch.manual_seed`.
        public let seed: UInt64?
        /// `draw`: the sampler (`randn`, `rand`, `normal`, `uniform`, `randint`, `randperm`,
        /// `bernoulli`) and its arguments.
        public let sampler: String?
        /// `draw` and `print`: the tensor's shape.
        public let shape: [Int]?
        /// `draw`: `normal`'s mean and standard deviation, `bernoulli`'s probability.
        public let mean: Double?, std: Double?, p: Double?
        /// `draw`: `uniform`'s and `randint`'s range.
        public let low: Double?, high: Double?
        /// `draw`: `randperm`'s count.
        public let n: Int?
        /// `init`: the layer to create from the generator (`linear`) or apply (`dropout`).
        public let layer: ParityLayer?
        /// `print`: the tensor's values as Python float reprs (so `nan` and `inf` fit).
        public let values: [String]?
        /// `print`: `float64` (the default) or `int64`.
        public let dtype: String?
        /// `print`: whether the tensor requires grad.
        public let requiresGrad: Bool?
        /// `print_module`: the layers of an `nn.Sequential` to print (as in ``Trace/layers``, plus
        /// `bias` and `affine` flags and a dropout's `p`).
        public let modules: [Layer]?
        /// `hook`: the parameter whose gradient the hook multiplies by `scale` (its shape); the
        /// hook's name is `id` (`hook`, `remove_hook`).
        public let param: String?
        public let scale: NumberTree?
        /// `clip_grad_norm`: the largest total norm, and the norm's order (`"2"`, `"1"`, `"inf"`).
        public let maxNorm: Double?
        public let normType: String?
        /// `load_state`: strict loading (default true), and edits made to the saved model dict
        /// first: names dropped, names renamed (old → new), values replaced by zeros of a shape.
        public let strict: Bool?
        /// `scheduler`: the learning-rate scheduler to make (on `optimizer`, named `id`).
        public let scheduler: SchedulerSpec?
        /// `probe`: the module to make and run on `input` (`input_dtype` `int64` for indices),
        /// backpropagating `sum(output * upstream)`.
        public let module: ProbeModule?
        public let input: NumberTree?
        public let inputDtype: String?
        public let upstream: NumberTree?
        public let drop: [String]?
        public let rename: [String: String]?
        public let reshape: [String: [Int]]?
        /// `forward_keep`: make the batch's input under inference mode.
        public let inferenceInput: Bool?

        enum CodingKeys: String, CodingKey {
            case `do`, batch, noGrad = "no_grad", id, kind, groups, optimizer, group, target
            case setToNone = "set_to_none", params, value, train, expect
            case seed, sampler, shape, mean, std, p, low, high, n, layer, values, dtype, requiresGrad = "requires_grad", modules
            case param, scale, maxNorm = "max_norm", normType = "norm_type", strict, drop, rename, reshape, scheduler
            case module, input, inputDtype = "input_dtype", upstream, inferenceInput = "inference_input"
        }
    }

    /// A layer a parity `init` action makes: `linear` (`in`, `out`, `bias`) or `dropout` (`p`,
    /// applied in train mode to 1, 2, …, n shaped as `shape`).
    public struct ParityLayer: Decodable, Sendable {
        /// `linear` or `dropout`.
        public let kind: String
        /// A linear layer's sizes.
        public let `in`: Int?, out: Int?
        /// Whether a linear layer has a bias (default true).
        public let bias: Bool?
        /// A dropout layer's probability.
        public let p: Double?
        /// The shape of the input a dropout layer is applied to.
        public let shape: [Int]?
    }

    /// An optimizer parameter group: every hyperparameter of its optimizer kind, and parameter names.
    public struct Group: Decodable, Sendable {
        /// Parameter names.
        public let params: [String]
        /// The learning rate.
        public let lr: Double
        /// SGD and Adam options (absent ones take the optimizer's defaults).
        public let momentum: Double?, dampening: Double?, weightDecay: Double?, eps: Double?
        /// SGD and Adam switches (absent ones take the optimizer's defaults).
        public let nesterov: Bool?, maximize: Bool?, amsgrad: Bool?
        /// Adam's `[beta1, beta2]`.
        public let betas: [Double]?

        enum CodingKeys: String, CodingKey {
            case params, lr, momentum, dampening, weightDecay = "weight_decay", eps, nesterov, maximize, amsgrad, betas
        }
    }

    /// Recorded results; absent keys are not compared.
    public struct Expectation: Decodable, Sendable {
        /// The loss value (`forward_backward`).
        public let loss: Double?
        /// The model output (`forward`).
        public let output: NumberTree?
        /// Whether the output is attached to a graph (`forward`).
        public let requiresGrad: Bool?
        /// The error code, e.g. `no_grad_fn` (`backward_error`).
        public let error: String?
        /// PyTorch's message, for reference.
        public let torchMessage: String?
        /// Parameter values by name.
        public let params: [String: NumberTree]?
        /// `null` means the grad is `None`.
        public let grads: [String: NumberTree?]?
        /// Buffer values by name (`1.running_mean`).
        public let buffers: [String: NumberTree]?
        /// optimizer id → parameter name → state key → value.
        public let state: [String: [String: [String: NumberTree]]]?
        /// Parity actions: the exact values drawn (flat), and the text PyTorch printed.
        public let values: [Double]?
        public let text: String?
        /// `graph`: the nodes reachable from the loss's `grad_fn`, or `nil` (JSON `null`) for none.
        public let graph: GraphTree?
        /// `clip_grad_norm`: the total norm it returned (before clipping).
        public let totalNorm: Double?
        /// `save_state` of the model: the state dict's names, in order.
        public let keys: [String]?
        /// `load_state`: PyTorch's error message (`str(error)`), or the names that did not match.
        public let message: String?
        public let missingKeys: [String]?
        public let unexpectedKeys: [String]?
        /// `scheduler`, `scheduler_step`: every group's learning rate, and its momentum (SGD's
        /// `momentum`, Adam's first beta) after the action.
        public let lrs: [Double]?
        public let momentums: [Double]?
        /// `probe`: the gradient of the (floating-point) input.
        public let inputGrad: NumberTree?
        /// `versions`: each parameter's and buffer's `_version`.
        public let versions: [String: Int]?

        enum CodingKeys: String, CodingKey {
            case loss, output, requiresGrad = "requires_grad", error, torchMessage = "torch_message"
            case params, grads, buffers, state, values, text, graph, totalNorm = "total_norm"
            case keys, message, missingKeys = "missing_keys", unexpectedKeys = "unexpected_keys", lrs, momentums, inputGrad = "input_grad", versions
        }
    }
}

/// A number or a nested array of numbers, of any depth.
/// A node of an autograd graph and the nodes after it: `["AddmmBackward0", [[…], …]]` in JSON.
public struct GraphTree: Decodable, Sendable, Equatable, CustomStringConvertible {
    /// The node's name (`AddmmBackward0`, `AccumulateGrad`, …).
    public let name: String
    /// Its `next_functions` that are nodes, in order.
    public let next: [GraphTree]

    /// Creates a tree.
    public init(name: String, next: [GraphTree]) {
        self.name = name
        self.next = next
    }

    /// Reads `[name, [children]]`.
    public init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        name = try c.decode(String.self)
        next = try c.decode([GraphTree].self)
    }

    /// `Name(child, child)`, one line.
    public var description: String {
        next.isEmpty ? name : "\(name)(\(next.map(\.description).joined(separator: ", ")))"
    }
}

public indirect enum NumberTree: Decodable, Sendable, Equatable {
    /// A single number.
    case number(Double)
    /// A JSON array of numbers or arrays.
    case array([NumberTree])

    /// Decodes a number or a nested array.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .array(try container.decode([NumberTree].self))
        }
    }

    /// The shape (`[]` for a number) and the values in row-major order.
    public func flattened() throws -> (shape: [Int], values: [Double]) {
        switch self {
        case .number(let value):
            return ([], [value])
        case .array(let items):
            let parts = try items.map { try $0.flattened() }
            let inner = parts.first?.shape ?? []
            guard parts.allSatisfy({ $0.shape == inner }) else { throw TraceError.malformed("ragged nested array") }
            return ([items.count] + inner, parts.flatMap(\.values))
        }
    }

    /// The values as a tensor.
    func tensor() throws -> Tensor {
        let (shape, values) = try flattened()
        return Tensor(shape: shape, scalars: values)
    }
}

/// Why a trace could not be loaded or replayed.
public enum TraceError: Error, CustomStringConvertible {
    /// A path that cannot be read.
    case unreadable(path: String, reason: String)
    /// A trace that breaks the schema.
    case malformed(String)
    /// A schema feature this replayer does not know.
    case unsupported(String)

    /// The message, naming the file where there is one.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): \(reason)"
        case .malformed(let what): "malformed trace: \(what)"
        case .unsupported(let what): "unsupported: \(what)"
        }
    }
}

/// A learning-rate scheduler of a `scheduler` action, with PyTorch's argument names.
public struct SchedulerSpec: Decodable, Sendable {
    /// `step`, `exponential`, `cosine`, `lambda` or `one_cycle`.
    public let kind: String
    public let stepSize: Int?, gamma: Double?, tMax: Int?, etaMin: Double?
    /// `lambda`: the factor of each epoch (the last one repeats): `lambda e: factors[min(e, n-1)]`.
    public let factors: [Double]?
    public let maxLr: [Double]?, totalSteps: Int?, pctStart: Double?, annealStrategy: String?, cycleMomentum: Bool?
    public let baseMomentum: Double?, maxMomentum: Double?, divFactor: Double?, finalDivFactor: Double?, threePhase: Bool?

    enum CodingKeys: String, CodingKey {
        case kind, stepSize = "step_size", gamma, tMax = "T_max", etaMin = "eta_min", factors, maxLr = "max_lr"
        case totalSteps = "total_steps", pctStart = "pct_start", annealStrategy = "anneal_strategy", cycleMomentum = "cycle_momentum"
        case baseMomentum = "base_momentum", maxMomentum = "max_momentum", divFactor = "div_factor"
        case finalDivFactor = "final_div_factor", threePhase = "three_phase"
    }
}

/// The module of a `probe` action: an embedding or a layer norm, with PyTorch's arguments.
public struct ProbeModule: Decodable, Sendable {
    /// `embedding` or `layernorm`.
    public let kind: String
    public let num: Int?, dim: Int?, paddingIdx: Int?, pretrained: NumberTree?, freeze: Bool?
    public let shape: [Int]?, eps: Double?, affine: Bool?, bias: Bool?

    enum CodingKeys: String, CodingKey {
        case kind, num, dim, paddingIdx = "padding_idx", pretrained, freeze, shape, eps, affine, bias
    }
}
