import Foundation

/// A recorder of training curves: per step, the loss, each parameter's gradient norm (or `nil`
/// when its `.grad` is `nil`) and how far the step moved it.
///
/// Call ``record(loss:)`` once per step **after `optimizer.step()`** and before the next
/// `zeroGrad()`: the gradient norms are then those the step used, and the change is the norm of
/// the difference between the values now and at the previous `record` (or at `init` for the
/// first step).
///
///     var curve = TrainingCurve(model: model)
///     for _ in 0..<5 {
///         opt.zeroGrad()
///         let loss = mseLoss(model(x), y)
///         try loss.backward()
///         opt.step()
///         curve.record(loss: loss)
///     }
///     print(curve)
///     show(curve.chart(.gradNorm))
public struct TrainingCurve: CustomStringConvertible {
    /// What a step recorded.
    public struct Step: Equatable, Sendable {
        /// The loss of the step.
        public var loss: Double
        /// `‖grad‖₂` per parameter (in ``TrainingCurve/names`` order), `nil` where `.grad` was `nil`.
        public var gradNorms: [Double?]
        /// `‖p_after − p_before‖₂` per parameter: 0 for a parameter the step did not move.
        public var changes: [Double]
    }

    /// The quantity a chart plots.
    public enum Quantity: Sendable {
        /// The loss per step (one series).
        case loss
        /// `‖grad‖₂` per parameter per step; a `nil` grad leaves a gap.
        case gradNorm
        /// `‖Δp‖₂` per parameter per step.
        case change
    }

    /// The parameter names, in column order.
    public let names: [String]
    private let tensors: [Tensor]
    private var previous: [[Double]]
    /// The steps recorded so far.
    public private(set) var steps: [Step] = []
    /// Decimals printed for every value.
    public var digits: Int

    /// Follows every parameter of `model` (`0.weight`, `0.bias`, …).
    public init(model: Module, digits: Int = 4) {
        self.init(parameters: model.namedParameters(), digits: digits)
    }

    /// Follows the given named tensors, e.g. `model.namedParameters().filter { $0.name.hasSuffix("weight") }`.
    public init(parameters: [(name: String, tensor: Tensor)], digits: Int = 4) {
        names = parameters.map(\.name)
        tensors = parameters.map(\.tensor)
        previous = tensors.map(\.scalars)
        self.digits = digits
    }

    /// Records one step: the loss, the gradient norms now, and each parameter's change since
    /// the last record.
    public mutating func record(loss: Tensor) {
        record(loss: loss.item)
    }

    /// Records one step with the loss as a number.
    public mutating func record(loss: Double) {
        let now = tensors.map(\.scalars)
        let norms = tensors.map { $0.grad.map { norm($0.scalars) } }
        let changes = zip(now, previous).map { a, b in norm(zip(a, b).map { $0 - $1 }) }
        previous = now
        steps.append(Step(loss: loss, gradNorms: norms, changes: changes))
    }

    /// The recorded losses, one per step.
    public var losses: [Double] { steps.map(\.loss) }

    /// The gradient norms of parameter `name`, one per step (`nil` where its grad was `nil`).
    public func gradNorms(_ name: String) -> [Double?] {
        guard let i = names.firstIndex(of: name) else { return [] }
        return steps.map { $0.gradNorms[i] }
    }

    /// The changes of parameter `name`, one per step.
    public func changes(_ name: String) -> [Double] {
        guard let i = names.firstIndex(of: name) else { return [] }
        return steps.map { $0.changes[i] }
    }

    /// A line chart of one quantity over the steps (x = step, from 1), for ``show(_:)``.
    public func chart(_ quantity: Quantity = .gradNorm, title: String? = nil, logY: Bool = false) -> LineChart {
        switch quantity {
        case .loss:
            return LineChart(title: title ?? "loss", yLabel: "loss",
                             series: [.init(name: "loss", values: losses)], logY: logY)
        case .gradNorm:
            return LineChart(title: title ?? "gradient norm per parameter", yLabel: "‖grad‖",
                             series: names.map { .init(name: $0, values: gradNorms($0)) }, logY: logY)
        case .change:
            return LineChart(title: title ?? "parameter change per step", yLabel: "‖Δp‖",
                             series: names.map { .init(name: $0, values: changes($0)) }, logY: logY)
        }
    }

    /// One row per step: `step`, `loss`, `grad <name>` for each parameter (`None` for a `nil`
    /// grad), then `Δ <name>`; values with ``digits`` decimals, columns right-aligned.
    public var description: String {
        let header = ["step", "loss"] + names.map { "grad " + $0 } + names.map { "Δ " + $0 }
        let rows = steps.enumerated().map { i, step in
            ["\(i + 1)", fixed(step.loss)] + step.gradNorms.map { $0.map(fixed) ?? "None" } + step.changes.map(fixed)
        }
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { c, cell in String(repeating: " ", count: widths[c] - cell.count) + cell }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }

    private func fixed(_ value: Double) -> String {
        String(format: "%.\(digits)f", value)
    }
}

/// The Euclidean norm of a list of values.
private func norm(_ values: [Double]) -> Double {
    values.reduce(0) { $0 + $1 * $1 }.squareRoot()
}
