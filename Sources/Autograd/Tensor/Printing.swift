/// PyTorch-like printing with a fixed number of decimals, identical on every machine.
///
/// `tensor([[ 0.1234, -1.0000],\n        [ 2.5000,  0.0000]], requires_grad=True)`: every value
/// has 4 decimals (PyTorch adapts the precision; a fixed one keeps lesson outputs stable), all
/// are right-aligned to the widest, and negative zero prints as `0.0000`. The digits are
/// produced by integer arithmetic here, not by `printf`, so no locale can change them.
extension Tensor: CustomStringConvertible {
    /// The tensor as PyTorch prints it, e.g. `tensor([1.0000, 2.0000], grad_fn=<AddBackward0>)`.
    public var description: String {
        let texts = storage.map { formatScalar($0) }
        let width = texts.map(\.count).max() ?? 0
        let padded = texts.map { String(repeating: " ", count: width - $0.count) + $0 }
        var body = ""
        if shape.isEmpty {
            body = padded.first ?? ""
        } else {
            var position = 0
            body = render(dim: 0, indent: 7, padded: padded, position: &position)
        }
        var suffix = ""
        if let gradFn {
            suffix = ", grad_fn=<\(gradFn.name)>"
        } else if requiresGrad {
            suffix = ", requires_grad=True"
        }
        return "tensor(\(body)\(suffix))"
    }

    /// Renders dimension `dim` onwards as nested brackets; `indent` is the column of its `[`.
    private func render(dim: Int, indent: Int, padded: [String], position: inout Int) -> String {
        let size = shape[dim]
        if dim == shape.count - 1 {
            let items = padded[position..<(position + size)]
            position += size
            return "[" + items.joined(separator: ", ") + "]"
        }
        // Between blocks of an inner dimension PyTorch puts one newline, plus one blank line per
        // extra level of depth.
        let newlines = String(repeating: "\n", count: shape.count - 1 - dim)
        let separator = "," + newlines + String(repeating: " ", count: indent + 1)
        var parts: [String] = []
        for _ in 0..<size {
            parts.append(render(dim: dim + 1, indent: indent + 1, padded: padded, position: &position))
        }
        return "[" + parts.joined(separator: separator) + "]"
    }
}

/// The digits after the decimal point in printed tensors.
public let printDecimals = 4

/// Formats one value with ``printDecimals`` decimals, without locale or `printf`.
///
/// Rounds half away from zero on the binary value times 10⁴; values whose digits are all zero
/// print without a sign. Non-finite values print as PyTorch does: `nan`, `inf`, `-inf`.
func formatScalar(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    var scale = 1.0
    for _ in 0..<printDecimals { scale *= 10 }
    let scaled = (Swift.abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9.0e18 else { return value < 0 ? "-" + String(Swift.abs(value)) : String(value) }
    let units = UInt64(scaled)
    let divisor = UInt64(scale)
    let whole = units / divisor
    var fraction = String(units % divisor)
    fraction = String(repeating: "0", count: printDecimals - fraction.count) + fraction
    let sign = value < 0 && units != 0 ? "-" : ""
    return "\(sign)\(whole).\(fraction)"
}
