/// Printing values with Python's spellings, so a Swift cell and its PyTorch twin can print the very
/// same line: `True`/`False` for `Bool`, `None` for `nil`, Python's `repr` of a float (`1e-05`,
/// `1000000000000000.0`), lists as `[1.0, 'a', True]`, a ``Size`` as `torch.Size([4, 3])`, and
/// tensors as PyTorch prints them.
///
///     pyprint("w is a leaf:", w.isLeaf, " h.grad:", h.grad)   // w is a leaf: True  h.grad: None
///     print("w is a leaf:", w.isLeaf)                          // w is a leaf: true (Swift's)
///
/// Like Python's `print`, items are separated by `separator` and followed by `terminator`.
public func pyprint(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    print(items.map { pythonString($0) }.joined(separator: separator), terminator: terminator)
}

/// `str(value)` as Python would write it (see ``pyprint(_:separator:terminator:)``).
public func pythonString(_ value: Any) -> String {
    if let string = value as? String { return string }
    return pythonRepr(value)
}

/// `repr(value)` as Python would write it: strings quoted, everything else as ``pythonString(_:)``.
func pythonRepr(_ value: Any) -> String {
    let mirror = Mirror(reflecting: value)
    if mirror.displayStyle == .optional {
        guard let wrapped = mirror.children.first?.value else { return "None" }
        return pythonRepr(wrapped)
    }
    switch value {
    case let string as String: return "'" + string.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    case let bool as Bool: return bool ? "True" : "False"
    case let double as Double: return pythonFloat(double)
    case let int as Int: return String(int)
    case let tensor as Tensor: return tensor.description
    case let size as Size: return size.description
    default:
        if mirror.displayStyle == .collection {
            return "[" + mirror.children.map { pythonRepr($0.value) }.joined(separator: ", ") + "]"
        }
        if mirror.displayStyle == .tuple {
            let items = mirror.children.map { pythonRepr($0.value) }
            return "(" + items.joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        }
        return String(describing: value)
    }
}

/// Python's `repr` of a float: the shortest digits that read back the same (Swift's
/// `description` finds the same digits), laid out as Python lays them out — plain notation for
/// decimal exponents from -4 to 15, scientific (`1e-05`, `1.5e+16`) outside.
func pythonFloat(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    let sign = value.sign == .minus ? "-" : ""
    let text = Swift.abs(value).description
    let parts = text.split(separator: "e")
    let mantissa = parts[0], exponent = parts.count > 1 ? Int(parts[1])! : 0
    let integral = mantissa.split(separator: ".", omittingEmptySubsequences: false)[0]
    var digits = Array(mantissa.replacingOccurrences(of: ".", with: ""))
    // value = 0.d₁d₂… × 10^point
    var point = integral.count + exponent
    while digits.first == "0" { digits.removeFirst(); point -= 1 }
    while digits.last == "0" { digits.removeLast() }
    guard !digits.isEmpty else { return sign + "0.0" }
    let d = String(digits)
    if point > -4 && point <= 16 {
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + d }
        if point >= d.count { return sign + d + String(repeating: "0", count: point - d.count) + ".0" }
        return sign + d.prefix(point) + "." + d.dropFirst(point)
    }
    let power = point - 1
    let magnitude = Swift.abs(power)
    return sign + d.prefix(1) + (d.count > 1 ? "." + d.dropFirst() : "") + "e" + (power < 0 ? "-" : "+")
        + (magnitude < 10 ? "0" : "") + String(magnitude)
}

/// A tensor's shape as PyTorch's `torch.Size`, which prints as `torch.Size([4, 3])`.
public struct Size: Equatable, Hashable, Sendable, CustomStringConvertible, RandomAccessCollection {
    /// The size of each dimension.
    public var dimensions: [Int]

    /// Creates a size.
    public init(_ dimensions: [Int]) { self.dimensions = dimensions }

    /// `torch.Size([4, 3])`.
    public var description: String { "torch.Size([" + dimensions.map(String.init).joined(separator: ", ") + "])" }

    /// The first index, 0.
    public var startIndex: Int { 0 }
    /// The number of dimensions.
    public var endIndex: Int { dimensions.count }
    /// The size of dimension `i`.
    public subscript(i: Int) -> Int { dimensions[i] }
}

extension Tensor {
    /// The shape as PyTorch's `torch.Size` (`x.size()`), which prints as `torch.Size([4, 3])`;
    /// ``shape`` is the same numbers as a Swift array.
    public func size() -> Size { Size(shape) }

    /// The size of one dimension, like `x.size(0)`; negative counts from the end.
    public func size(_ dim: Int) -> Int { shape[dim < 0 ? shape.count + dim : dim] }
}
