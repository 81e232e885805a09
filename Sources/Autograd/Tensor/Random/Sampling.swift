import Foundation

/// Tensors of random values, drawn as PyTorch's CPU kernels draw them
/// (`aten/src/ATen/native/cpu/DistributionTemplates.h`): element by element in row-major order,
/// except for normals, which PyTorch fills 16 at a time once a tensor has 16 or more.
extension Tensor {
    /// Values from `N(mean, std²)`, like `torch.normal(mean, std, size)` and `Tensor.normal_`.
    ///
    /// Below 16 values: one ``Generator/normal(mean:std:)`` per value (Box–Muller, the pair's
    /// second value kept for the next draw). From 16 values on, PyTorch's `normal_fill`: first a
    /// uniform for every value, then each block of 16 becomes 8 Box–Muller pairs — `u₁ = 1 − d[j]`,
    /// `u₂ = d[j + 8]`, `r = √(−2·log u₁)`, `θ = 2π·u₂`, `d[j] = r·cos θ`, `d[j + 8] = r·sin θ` — and
    /// when the count is not a multiple of 16 the last 16 values are drawn again and transformed
    /// the same way.
    public static func normal(_ shape: [Int], mean: Double = 0, std: Double = 1,
                              generator: Generator = defaultGenerator,
                              requiresGrad: Bool = false) -> Tensor {
        let n = shape.reduce(1, *)
        var values: [Double]
        if n < 16 {
            values = (0..<n).map { _ in generator.normal(mean: mean, std: std) }
        } else {
            values = (0..<n).map { _ in generator.uniform() }
            func fill16(at start: Int) {
                for j in start..<start + 8 {
                    let u1 = 1 - values[j], u2 = values[j + 8]
                    let radius = (-2 * Foundation.log(u1)).squareRoot()
                    let theta = 2.0 * Double.pi * u2
                    values[j] = mean.addingProduct(radius * Foundation.cos(theta), std)
                    values[j + 8] = mean.addingProduct(radius * Foundation.sin(theta), std)
                }
            }
            for start in stride(from: 0, to: n - 15, by: 16) { fill16(at: start) }
            if n % 16 != 0 {
                for i in n - 16..<n { values[i] = generator.uniform() }
                fill16(at: n - 16)
            }
        }
        return Tensor(shape: shape, storage: values, requiresGrad: requiresGrad)
    }

    /// Standard normal values, like `torch.randn(4, 3)`: `Tensor.randn(4, 3)`.
    public static func randn(_ shape: Int..., generator: Generator = defaultGenerator,
                             requiresGrad: Bool = false) -> Tensor {
        normal(shape, generator: generator, requiresGrad: requiresGrad)
    }

    /// Values uniform on `[low, high)`, like `torch.empty(size).uniform_(low, high)`.
    public static func uniform(_ shape: [Int], low: Double = 0, high: Double = 1,
                               generator: Generator = defaultGenerator,
                               requiresGrad: Bool = false) -> Tensor {
        ensure(low <= high, "uniform_ expects to return a [from, to) range, but found from=\(low) > to=\(high)")
        let values = (0..<shape.reduce(1, *)).map { _ in generator.uniform(from: low, to: high) }
        return Tensor(shape: shape, storage: values, requiresGrad: requiresGrad)
    }

    /// Values uniform on `[0, 1)`, like `torch.rand(4, 3)`: `Tensor.rand(4, 3)`.
    public static func rand(_ shape: Int..., generator: Generator = defaultGenerator,
                            requiresGrad: Bool = false) -> Tensor {
        uniform(shape, generator: generator, requiresGrad: requiresGrad)
    }

    /// Integers uniform on `[low, high)`, like `torch.randint(low, high, size)` (an `int64` tensor).
    public static func randint(_ low: Int, _ high: Int, _ shape: [Int],
                               generator: Generator = defaultGenerator) -> Tensor {
        ensure(low < high, "random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
        let values = (0..<shape.reduce(1, *)).map { _ in Double(generator.integer(from: Int64(low), to: Int64(high))) }
        return Tensor(shape: shape, storage: values, dtype: .int64)
    }

    /// Integers uniform on `[0, high)`, like `torch.randint(high, size)`.
    public static func randint(_ high: Int, _ shape: [Int], generator: Generator = defaultGenerator) -> Tensor {
        randint(0, high, shape, generator: generator)
    }

    /// A random permutation of `0..<n`, like `torch.randperm(n)` (an `int64` tensor): PyTorch's
    /// Fisher–Yates from the front, swapping position `i` with `i + random() % (n − i)`.
    public static func randperm(_ n: Int, generator: Generator = defaultGenerator) -> Tensor {
        ensure(n >= 0, "Trying to create tensor with negative dimension \(n): [\(n)]")
        var values = (0..<n).map(Double.init)
        if n > 1 {
            for i in 0..<n - 1 {
                let z = Int(UInt64(generator.random()) % UInt64(n - i))
                values.swapAt(i, i + z)
            }
        }
        return Tensor(shape: [n], storage: values, dtype: .int64)
    }

    /// Zeros and ones, each one with probability `p`, like `torch.empty(size).bernoulli_(p)`.
    ///
    /// On these machines PyTorch draws them from the Mersenne Twister (a uniform below `p`). A
    /// PyTorch built with MKL running on an Intel processor takes MKL's own stream instead
    /// (`bernoulli_scalar_kernel`), so its masks differ there; see `docs/parity.md`.
    public static func bernoulli(_ shape: [Int], p: Double, generator: Generator = defaultGenerator) -> Tensor {
        ensure(p >= 0 && p <= 1, "bernoulli_ expects p to be in [0, 1], but got p=\(p)")
        let values = (0..<shape.reduce(1, *)).map { _ in generator.bernoulli(p) ? 1.0 : 0.0 }
        return Tensor(shape: shape, storage: values)
    }
}
