/// The first place a replay disagreed with PyTorch.
public struct Difference: Sendable, Equatable, CustomStringConvertible {
    /// The index of the action in the trace's `actions`.
    public let action: Int
    /// The action's `do`.
    public let kind: String
    /// The quantity, e.g. `grads["0.weight"][1][2]`.
    public let quantity: String
    /// What PyTorch recorded.
    public let expected: String
    /// What the engine produced.
    public let actual: String

    /// `action 4 (step): grads["0.weight"][1][2]: expected 0.1, got 0.2`.
    public var description: String {
        "action \(action) (\(kind)): \(quantity): expected \(expected), got \(actual)"
    }
}

/// Two numbers agree when their absolute OR relative difference is at most `tolerance`.
public func agrees(_ expected: Double, _ actual: Double, tolerance: Double = 1e-9) -> Bool {
    if expected == actual { return true }
    let diff = Swift.abs(expected - actual)
    return diff <= tolerance || diff <= tolerance * Swift.max(Swift.abs(expected), Swift.abs(actual))
}

/// Compares a recorded number tree with engine values; returns the first mismatch as
/// `(quantity suffix, expected, actual)`.
func compare(_ expected: NumberTree, shape: [Int], values: [Double]) throws -> (String, String, String)? {
    let (expectedShape, expectedValues) = try expected.flattened()
    guard expectedShape == shape || (expectedShape.isEmpty && values.count == 1 && shape.reduce(1, *) == 1) else {
        return ("", "shape \(expectedShape)", "shape \(shape)")
    }
    for (i, (e, a)) in zip(expectedValues, values).enumerated() where !agrees(e, a) {
        return (indexPath(i, shape: expectedShape), "\(e)", "\(a)")
    }
    return nil
}

/// `[1][2]` for flat index 5 of shape `[2, 3]`.
func indexPath(_ flat: Int, shape: [Int]) -> String {
    var rest = flat
    var parts: [Int] = []
    for size in shape.reversed() {
        parts.append(rest % size)
        rest /= size
    }
    return parts.reversed().map { "[\($0)]" }.joined()
}
