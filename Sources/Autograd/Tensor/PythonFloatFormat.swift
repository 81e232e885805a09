import Foundation

/// Python's float formatting (`f"{x:.4f}"`, `f"{x:.4e}"`, `f"{x:.0f}"`), which PyTorch's tensor
/// printing uses: correctly rounded digits of the exact binary value (as C's `printf` gives them,
/// in the POSIX locale whatever the machine's), and `nan`, `inf`, `-inf` spelled Python's way.
enum PythonFloatFormat {
    /// `f"{value:.{digits}f}"`.
    static func fixed(_ value: Double, digits: Int) -> String {
        nonFinite(value) ?? String(format: "%.\(digits)f", locale: nil, value)
    }

    /// `f"{value:.{digits}e}"`.
    static func scientific(_ value: Double, digits: Int) -> String {
        nonFinite(value) ?? String(format: "%.\(digits)e", locale: nil, value)
    }

    /// Python prints every NaN as `nan` (C may print `-nan`).
    private static func nonFinite(_ value: Double) -> String? {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return nil
    }
}
