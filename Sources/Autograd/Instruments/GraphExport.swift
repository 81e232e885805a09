import Foundation

/// Graph export: the autograd graph behind a tensor as Graphviz DOT, for ``show(_:)``.
///
/// ## The format
///
/// The output is deterministic: node ids are `n0, n1, …` in the order a depth-first walk from
/// the tensor meets them (an op's inputs in argument order), with no addresses anywhere.
///
///     digraph autograd {
///       node [shape=box, style="rounded,filled", fontsize=11];
///       n0 [label="SumBackward0", class="op"];
///       n1 [label="MulBackward0", class="op"];
///       n2 [label="w\n[3]", class="trainable"];
///       n3 [label="[3]", class="nograd"];
///       n2 -> n1;
///       n3 -> n1 [class="nograd"];
///       n1 -> n0;
///     }
///
/// - An **op** node (`class="op"`) per recorded op, labelled with its `grad_fn` name. The picture
///   groups two kinds of PyTorch node into the parameter they belong to: a leaf's
///   `AccumulateGrad`, and the `TBackward0` between a `Linear`'s weight and its `AddmmBackward0`
///   (``Node/nextFunctions`` lists both, as PyTorch does).
/// - A **leaf** node per tensor an op consumed that has no `grad_fn`, labelled with its name
///   (when known) and shape: `trainable` when the op recorded that it needs a gradient (it will
///   receive one in backward), `frozen` when it is a named parameter with
///   `requiresGrad == false`, `nograd` otherwise (an input, or an activation computed without grad).
/// - **Edges** point the way data flows (input → op). An edge along which no gradient flows
///   has `class="nograd"`.
/// - Node lines come first (in id order), then edge lines (in the order the walk adds them: an
///   op's incoming edges after everything below it).
/// - With a model (or named parameters), the parameters the walk never met are drawn after the
///   edges in `subgraph cluster_not_in_graph { label="not in graph"; … }`, as `frozen` when
///   they do not require grad and `nograd` when they do (they still get no gradient): this is
///   where a frozen backbone appears, since nothing before the first trainable layer is recorded.
extension Tensor {
    /// The autograd graph behind this tensor in Graphviz DOT (see the format above).
    /// - Parameters:
    ///   - model: names parameters (`0.weight`) and lists the ones not in the graph.
    ///   - names: more named tensors (e.g. `[("x", x)]`); listed as "not in graph" too when unmet.
    public func graph(model: Module? = nil, names: [(name: String, tensor: Tensor)] = []) -> String {
        GraphWriter(named: (model?.namedParameters() ?? []) + names).dot(for: self)
    }

    /// The autograd graph behind this tensor as a figure: `show(loss.graphFigure("…", model: model))`.
    public func graphFigure(_ title: String, model: Module? = nil,
                            names: [(name: String, tensor: Tensor)] = []) -> GraphFigure {
        GraphFigure(title: title, dot: graph(model: model, names: names))
    }
}

/// Walks a graph and writes its DOT.
private struct GraphWriter {
    let named: [(name: String, tensor: Tensor)]
    private var nameOf: [ObjectIdentifier: String] = [:]
    private var ids: [ObjectIdentifier: String] = [:]
    private var nodeLines: [String] = []
    private var edgeLines: [String] = []

    init(named: [(name: String, tensor: Tensor)]) {
        var unique: [(name: String, tensor: Tensor)] = []
        for entry in named where nameOf[ObjectIdentifier(entry.tensor)] == nil {
            nameOf[ObjectIdentifier(entry.tensor)] = entry.name
            unique.append(entry)
        }
        self.named = unique
    }

    func dot(for root: Tensor) -> String {
        var writer = self
        _ = writer.visit(root, needsGrad: root.requiresGrad)
        var lines = ["digraph autograd {", "  node [shape=box, style=\"rounded,filled\", fontsize=11];"]
        lines += writer.nodeLines + writer.edgeLines
        let missing = named.filter { writer.ids[ObjectIdentifier($0.tensor)] == nil }
        if !missing.isEmpty {
            lines.append("  subgraph cluster_not_in_graph {")
            lines.append("    label=\"not in graph\";")
            for (i, entry) in missing.enumerated() {
                let kind: GraphNodeClass = entry.tensor.requiresGrad ? .nograd : .frozen
                lines.append("    m\(i) [label=\"\(escape(label(entry.tensor)))\", \(kind.dotAttribute)];")
            }
            lines.append("  }")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Declares `tensor` (its op, or the leaf itself) and everything below it; returns its id.
    private mutating func visit(_ tensor: Tensor, needsGrad: Bool) -> String {
        if let node = tensor.gradFn {
            let key = ObjectIdentifier(node)
            if let id = ids[key] { return id }
            let id = "n\(ids.count)"
            ids[key] = id
            nodeLines.append("  \(id) [label=\"\(escape(node.name))\", \(GraphNodeClass.op.dotAttribute)];")
            for (input, needs) in zip(node.inputs, node.needsGrad) {
                let child = visit(input, needsGrad: needs)
                edgeLines.append("  \(child) -> \(id)" + (needs ? ";" : " [\(GraphNodeClass.nograd.dotAttribute)];"))
            }
            return id
        }
        let key = ObjectIdentifier(tensor)
        if let id = ids[key] { return id }
        let id = "n\(ids.count)"
        ids[key] = id
        let kind: GraphNodeClass = needsGrad ? .trainable : (nameOf[key] != nil && !tensor.requiresGrad ? .frozen : .nograd)
        nodeLines.append("  \(id) [label=\"\(escape(label(tensor)))\", \(kind.dotAttribute)];")
        return id
    }

    /// `name` and shape on two lines, or the shape alone: `0.weight\n[4, 3]`.
    private func label(_ tensor: Tensor) -> String {
        let shape = "[" + tensor.shape.map(String.init).joined(separator: ", ") + "]"
        guard let name = nameOf[ObjectIdentifier(tensor)] else { return shape }
        return name + "\n" + shape
    }

    /// DOT string escaping: quotes and backslashes escaped, newlines as `\n`.
    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
