/// Printing a tensor exactly as PyTorch prints it with float64 as the default dtype
/// (`torch/_tensor_str.py`, default print options: precision 4, line width 80, summaries above
/// 1000 values with 3 edge items):
///
///     tensor([[ 0.1234, -1.0000],
///             [ 2.5000,  0.0000]], requires_grad=True)
///     tensor([1., 2.])                      all values integral: no decimals
///     tensor([1.0000e-05, 1.0000e+03])      a range over 1000×, or tiny or huge values
///     tensor(7., grad_fn=<SumBackward0>)
extension Tensor: CustomStringConvertible {
    /// The tensor as PyTorch prints it.
    public var description: String {
        let prefix = "tensor("
        var suffixes: [String] = []
        var body: String
        if storage.isEmpty {
            if shape.count != 1 { suffixes.append("size=\(pythonTuple(shape))") }
            if dtype != .float64 { suffixes.append("dtype=\(dtype)") }
            body = "[]"
        } else {
            if dtype != .float64 && dtype != .int64 { suffixes.append("dtype=\(dtype)") }
            body = TensorText(self).text(indent: prefix.count)
        }
        if let gradFn {
            suffixes.append("grad_fn=<\(gradFn.name)>")
        } else if requiresGrad {
            suffixes.append("requires_grad=True")
        }
        return Self.addingSuffixes(prefix + body, suffixes, indent: prefix.count)
    }

    /// `_add_suffixes`: each suffix after `, `, or on a line of its own (indented to the
    /// contents) when it would pass the line width. The length of the last line is measured as
    /// PyTorch measures it, one more than its characters.
    static func addingSuffixes(_ text: String, _ suffixes: [String], indent: Int) -> String {
        var out = text
        let lastNewline = text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) } ?? -1
        var lastLineLength = text.count - lastNewline + 1
        for suffix in suffixes {
            if lastLineLength + suffix.count + 2 > TensorText.lineWidth {
                out += ",\n" + String(repeating: " ", count: indent) + suffix
                lastLineLength = indent + suffix.count
            } else {
                out += ", " + suffix
                lastLineLength += suffix.count + 2
            }
        }
        return out + ")"
    }
}

/// `(2, 3)`, `(0,)`: a shape as Python prints a tuple.
func pythonTuple(_ values: [Int]) -> String {
    values.count == 1 ? "(\(values[0]),)" : "(" + values.map(String.init).joined(separator: ", ") + ")"
}

/// The bracketed contents of a printed tensor (`_tensor_str`), from its values and shape.
struct TensorText {
    static let precision = 4, lineWidth = 80, threshold = 1000, edgeItems = 3

    let shape: [Int]
    let values: [Double]
    let summarize: Bool
    let formatter: ValueFormatter

    init(_ tensor: Tensor) {
        shape = tensor.shape
        values = tensor.storage
        summarize = values.count > Self.threshold
        let shown = summarize ? Self.summarized(values, shape: shape) : values
        formatter = ValueFormatter(shown, floating: tensor.dtype.isFloatingPoint)
    }

    /// The text starting at column `indent`.
    func text(indent: Int) -> String {
        render(offset: 0, dim: 0, indent: indent)
    }

    /// `_tensor_str_with_formatter` for the sub-tensor whose first value is `offset`.
    private func render(offset: Int, dim: Int, indent: Int) -> String {
        if dim == shape.count { return formatter.format(values[offset]) }
        let size = shape[dim]
        let step = shape[(dim + 1)...].reduce(1, *)
        let elided = summarize && size > 2 * Self.edgeItems
        let indices = elided ? Array(0..<Self.edgeItems) + [-1] + Array(size - Self.edgeItems..<size) : Array(0..<size)
        if dim == shape.count - 1 {
            let items = indices.map { $0 < 0 ? " ..." : formatter.format(values[offset + $0]) }
            let perLine = max(1, (Self.lineWidth - indent) / (formatter.width + 2))
            let lines = Swift.stride(from: 0, to: items.count, by: perLine).map { items[$0..<min($0 + perLine, items.count)].joined(separator: ", ") }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        let slices = indices.map { $0 < 0 ? "..." : render(offset: offset + $0 * step, dim: dim + 1, indent: indent + 1) }
        let separator = "," + String(repeating: "\n", count: shape.count - dim - 1) + String(repeating: " ", count: indent + 1)
        return "[" + slices.joined(separator: separator) + "]"
    }

    /// `get_summarized_data`: the values a summary shows (the first and last 3 along every long
    /// dimension), which alone decide the number format.
    static func summarized(_ values: [Double], shape: [Int]) -> [Double] {
        func collect(offset: Int, dim: Int) -> [Double] {
            if dim == shape.count { return [values[offset]] }
            let size = shape[dim], stride = shape[(dim + 1)...].reduce(1, *)
            let indices = size > 2 * edgeItems ? Array(0..<edgeItems) + Array(size - edgeItems..<size) : Array(0..<size)
            return indices.flatMap { collect(offset: offset + $0 * stride, dim: dim + 1) }
        }
        return collect(offset: 0, dim: 0)
    }
}

/// `_Formatter`: one number format and width for every value of a printed tensor.
struct ValueFormatter {
    /// Floating point (else integers, printed as they are).
    let floating: Bool
    /// Every finite nonzero value is integral: printed with no decimals and a `.`.
    private(set) var intMode = true
    /// Scientific notation, for a range wider than 1000× or values above 1e8 (or, unless all are
    /// integral, below 1e-4).
    private(set) var sciMode = false
    /// The width every value is padded to.
    private(set) var width = 1

    init(_ values: [Double], floating: Bool) {
        self.floating = floating
        let precision = TensorText.precision
        guard floating else {
            width = values.map { String(Int64($0)).count }.max() ?? 1
            return
        }
        let finite = values.filter { $0.isFinite && $0 != 0 }
        guard !finite.isEmpty else { return }
        let magnitudes = finite.map(Swift.abs)
        let smallest = magnitudes.min()!, largest = magnitudes.max()!
        intMode = finite.allSatisfy { $0 == $0.rounded(.up) }
        let wide = largest / smallest > 1000.0 || largest > 1.0e8
        if intMode {
            if wide {
                sciMode = true
                width = finite.map { PythonFloatFormat.scientific($0, digits: precision).count }.max()!
            } else {
                width = finite.map { PythonFloatFormat.fixed($0, digits: 0).count + 1 }.max()!
            }
        } else if wide || smallest < 1.0e-4 {
            sciMode = true
            width = finite.map { PythonFloatFormat.scientific($0, digits: precision).count }.max()!
        } else {
            width = finite.map { PythonFloatFormat.fixed($0, digits: precision).count }.max()!
        }
    }

    /// One value, right-aligned to ``width``.
    func format(_ value: Double) -> String {
        var text: String
        if !floating {
            text = String(Int64(value))
        } else if sciMode {
            text = PythonFloatFormat.scientific(value, digits: TensorText.precision)
        } else if intMode {
            text = PythonFloatFormat.fixed(value, digits: 0)
            if value.isFinite { text += "." }
        } else {
            text = PythonFloatFormat.fixed(value, digits: TensorText.precision)
        }
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
