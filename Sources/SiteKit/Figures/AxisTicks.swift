import Foundation

/// Tick values for a chart axis: "nice" numbers (1, 2 or 5 times a power of ten) covering a
/// range, and labels for them that read like a person wrote them.
struct AxisTicks: Equatable {
    /// The lower end of the axis (a tick value, at or below the data's minimum).
    var lower: Double
    /// The upper end of the axis (a tick value, at or above the data's maximum).
    var upper: Double
    /// The tick values from `lower` to `upper`.
    var values: [Double]
    /// The label of each tick.
    var labels: [String]

    /// About `target` evenly spaced nice ticks covering `min…max`, at least `minimumStep` apart.
    static func linear(min: Double, max: Double, target: Int = 5, minimumStep: Double = 0) -> AxisTicks {
        var low = min, high = max
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad; high += pad
        }
        let step = Swift.max(minimumStep, niceStep((high - low) / Double(Swift.max(1, target - 1))))
        let first = (low / step).rounded(.down)
        let last = (high / step).rounded(.up)
        let values = stride(from: first, through: last, by: 1).map { $0 * step }
        let decimals = Swift.max(0, -Int((log10(step)).rounded(.down)))
        return AxisTicks(lower: first * step, upper: last * step, values: values,
                         labels: values.map { decimalLabel($0, decimals: decimals) })
    }

    /// Ticks at powers of ten covering `min…max` (both positive); the values are exponents, so
    /// the chart maps `log10(y)` linearly.
    static func logarithmic(min: Double, max: Double) -> AxisTicks {
        let low = log10(min).rounded(.down)
        var high = log10(max).rounded(.up)
        if high == low { high += 1 }
        let exponents = stride(from: low, through: high, by: 1).map { $0 }
        let every = Swift.max(1, Int((Double(exponents.count) / 6).rounded(.up)))
        let shown = exponents.enumerated().filter { $0.offset % every == 0 }.map(\.element)
        return AxisTicks(lower: low, upper: high, values: shown, labels: shown.map(powerLabel))
    }

    /// 1, 2, 5 × 10ⁿ, the smallest at or above `raw`.
    static func niceStep(_ raw: Double) -> Double {
        let power = pow(10, log10(raw).rounded(.down))
        let fraction = raw / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * power
    }

    /// A decimal with a fixed number of decimals, locale-independent.
    static func decimalLabel(_ value: Double, decimals: Int) -> String {
        let scale = pow(10, Double(decimals))
        let scaled = Int((abs(value) * scale).rounded())
        if scaled == 0 { return "0" }
        let sign = value < 0 ? "\u{2212}" : ""
        let whole = scaled / Int(scale)
        guard decimals > 0 else { return "\(sign)\(whole)" }
        var fraction = String(scaled % Int(scale))
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        return "\(sign)\(whole).\(fraction)"
    }

    /// `10ⁿ` as 0.001 … 10000 near 1, as `10⁻⁵` beyond.
    static func powerLabel(_ exponent: Double) -> String {
        let n = Int(exponent)
        if (-3...4).contains(n) {
            return decimalLabel(pow(10, exponent), decimals: Swift.max(0, -n))
        }
        let superscripts: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷",
            "8": "⁸", "9": "⁹", "-": "⁻",
        ]
        return "10" + String(String(n).map { superscripts[$0] ?? $0 })
    }
}
