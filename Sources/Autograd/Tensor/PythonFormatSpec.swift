/// Python's `format(value, spec)`, the part after the colon in an f-string, so a Swift cell lays
/// out a table with the very spec its PyTorch twin writes:
///
///     pyprint(pyformat(mode, "16"), pyformat(total, ">11,"), pyformat(norm, "9.4f"))
///     print(f"{mode:16}", f"{total:>11,}", f"{norm:9.4f}")          # the twin
///
/// The spec is Python's mini-language, `[[fill]align][sign][0][width][,|_][.precision][type]`:
/// align `<` `>` `^` (strings default to the left, numbers to the right), sign `+` `-` or space,
/// grouping `,` or `_` for thousands, and types `s` for strings; `d` for integers; `f`, `e`,
/// `%` for floats, or none (a float then prints as Python's `str`, `0.1`, `1e-05`). With an
/// empty spec `nil` is `None` and a `Bool` `True`/`False`; with a width a `Bool` is `1`/`0`, as
/// Python's `format` gives them. A spec this does not
/// understand stops the program with Python's own error message.
public func pyformat(_ value: Any?, _ spec: String) -> String {
    let parsed = FormatSpec(spec)
    switch value {
    // A bool is an int to Python's format: `True` only with an empty spec, else `1`.
    case let bool as Bool: return spec.isEmpty ? (bool ? "True" : "False") : parsed.format(bool ? 1 : 0)
    case let double as Double: return parsed.format(double)
    case let int as Int: return parsed.format(int)
    case let float as Float: return parsed.format(Double(float))
    case let string as String: return parsed.formatText(string, isNumber: false)
    default: return parsed.formatText(value.map(pythonString) ?? "None", isNumber: false)
    }
}

/// A parsed format spec (see ``pyformat(_:_:)``).
struct FormatSpec {
    var fill: Character = " "
    var align: Character?
    /// The `0` flag without an alignment: numbers pad after their sign (`=`), text on the right.
    var zeroPadding = false
    var sign: Character = "-"
    var width = 0
    var grouping: Character?
    var precision: Int?
    var type: Character?
    let text: String

    init(_ spec: String) {
        text = spec
        var chars = Array(spec)
        func next(_ set: String) -> Character? {
            guard let c = chars.first, set.contains(c) else { return nil }
            chars.removeFirst()
            return c
        }
        if chars.count >= 2, "<>^=".contains(chars[1]) {
            fill = chars[0]; align = chars[1]; chars.removeFirst(2)
        } else if let a = next("<>^=") {
            align = a
        }
        if let s = next("+- ") { sign = s }
        if chars.first == "0" {
            // `0` before the width: zero padding after the sign, as `=` with fill `0`.
            chars.removeFirst()
            if align == nil { fill = "0"; zeroPadding = true }
        }
        var digits = ""
        while let c = chars.first, c.isNumber { digits.append(c); chars.removeFirst() }
        width = Int(digits) ?? 0
        grouping = next(",_")
        if chars.first == "." {
            chars.removeFirst()
            var p = ""
            while let c = chars.first, c.isNumber { p.append(c); chars.removeFirst() }
            guard !p.isEmpty else { fail("Format specifier missing precision") }
            precision = Int(p)
        }
        type = next("sdfFeE%")
        guard chars.isEmpty else { fail("Invalid format specifier '\(spec)' for object of type 'str'") }
    }

    func format(_ value: Int) -> String {
        if let type, "fFeE%".contains(type) { return format(Double(value)) }
        guard type == nil || type == "d" else { fail("Unknown format code '\(type!)' for object of type 'int'") }
        guard precision == nil else { fail("Precision not allowed in integer format specifier") }
        return pad(sign: value < 0 ? "-" : signFor(positive: true), body: grouped(String(value.magnitude)), isNumber: true)
    }

    func format(_ value: Double) -> String {
        guard type != "s", type != "d" else { fail("Unknown format code '\(type!)' for object of type 'float'") }
        let negative = value.sign == .minus && !value.isNaN
        let magnitude = Swift.abs(value)
        var body: String
        switch type {
        case "f", "F": body = PythonFloatFormat.fixed(magnitude, digits: precision ?? 6)
        case "e", "E": body = PythonFloatFormat.scientific(magnitude, digits: precision ?? 6)
        case "%": body = PythonFloatFormat.fixed(magnitude * 100, digits: precision ?? 6) + "%"
        default:
            guard precision == nil else { fail("the engine's pyformat takes a precision only with a type (f, e or %)") }
            body = pythonFloat(magnitude)
        }
        if type == "F" || type == "E" { body = body.uppercased() }
        if grouping != nil {
            let split = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let integral = split[0].prefix { $0.isNumber }
            if integral.count == split[0].count {
                body = grouped(String(integral)) + (split.count > 1 ? "." + split[1] : "")
            }
        }
        return pad(sign: negative ? "-" : signFor(positive: true), body: body, isNumber: true)
    }

    func formatText(_ text: String, isNumber: Bool) -> String {
        guard type == nil || type == "s" else { fail("Unknown format code '\(type!)' for object of type 'str'") }
        guard sign == "-" else { fail("Sign not allowed in string format specifier") }
        let body = precision.map { String(text.prefix($0)) } ?? text
        return pad(sign: "", body: body, isNumber: isNumber)
    }

    private func signFor(positive: Bool) -> String {
        sign == "+" ? "+" : sign == " " ? " " : ""
    }

    /// Digits with the grouping character between groups of three.
    private func grouped(_ digits: String) -> String {
        guard let grouping else { return digits }
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(grouping) }
            out.append(c)
        }
        return out
    }

    private func pad(sign: String, body: String, isNumber: Bool) -> String {
        let missing = width - sign.count - body.count
        guard missing > 0 else { return sign + body }
        let filling = String(repeating: fill, count: missing)
        switch align ?? (isNumber ? (zeroPadding ? "=" : ">") : "<") {
        case "<": return sign + body + filling
        case "^":
            let left = String(repeating: fill, count: missing / 2)
            return left + sign + body + String(repeating: fill, count: missing - missing / 2)
        case "=": return sign + filling + body
        default: return filling + sign + body
        }
    }
}
