import Foundation

/// A deterministic random number generator of the package's own, like `torch.Generator`.
///
/// The same seed gives the same numbers on every machine: the bits come from xoshiro256**
/// (seeded through SplitMix64), never from the system RNG. Uniform values use only integer and
/// exact floating-point arithmetic; normal values use Box–Muller, whose `log`/`cos` come from
/// the platform's math library (results agree far below the printed 4 decimals).
public final class Generator {
    private var s: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// The second normal of the last Box–Muller pair, returned by the next `normal()`.
    private var spareNormal: Double?
    /// The seed last given to ``manualSeed(_:)`` (or the initializer).
    public private(set) var initialSeed: UInt64 = 0

    /// Creates a generator seeded with `seed`.
    public init(seed: UInt64 = 0) { manualSeed(seed) }

    /// Restarts the sequence from `seed`.
    public func manualSeed(_ seed: UInt64) {
        initialSeed = seed
        spareNormal = nil
        // SplitMix64 spreads a small seed (0, 1, 42…) over the 256 bits of state.
        var z = seed
        func splitMix() -> UInt64 {
            z &+= 0x9E37_79B9_7F4A_7C15
            var x = z
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            return x ^ (x >> 31)
        }
        s = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits (xoshiro256**).
    public func nextUInt64() -> UInt64 {
        let result = rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = rotl(s.3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform value in `[0, 1)` with 53 random bits.
    public func uniform() -> Double {
        Double(nextUInt64() >> 11) * 0x1.0p-53
    }

    /// A uniform value in `[low, high)`.
    public func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// A standard normal value (mean 0, standard deviation 1), by Box–Muller.
    public func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        let u1 = 1.0 - uniform()          // in (0, 1]: log(u1) is finite
        let u2 = uniform()
        let radius = (-2.0 * Foundation.log(u1)).squareRoot()
        let angle = 2.0 * Double.pi * u2
        spareNormal = radius * Foundation.sin(angle)
        return radius * Foundation.cos(angle)
    }
}

/// The generator used when none is passed, like PyTorch's default CPU generator (seed 0 at start).
///
/// One per thread, so that tests running in parallel cannot consume each other's numbers;
/// a lesson program has one thread and sees a single global generator.
public var defaultGenerator: Generator { ThreadState.current.generator }

/// Seeds the default generator, like `torch.manual_seed(seed)`.
public func manualSeed(_ seed: UInt64) {
    defaultGenerator.manualSeed(seed)
}

extension Tensor {
    /// Values drawn from a normal distribution `N(mean, std²)`.
    public static func normal(_ shape: [Int], mean: Double = 0, std: Double = 1,
                              generator: Generator = defaultGenerator,
                              requiresGrad: Bool = false) -> Tensor {
        let n = shape.reduce(1, *)
        var values = [Double](repeating: 0, count: n)
        for i in 0..<n { values[i] = mean + std * generator.normal() }
        return Tensor(shape: shape, storage: values, requiresGrad: requiresGrad)
    }

    /// Standard normal values (like `torch.randn`): `Tensor.randn(4, 3)`.
    public static func randn(_ shape: Int..., generator: Generator = defaultGenerator,
                             requiresGrad: Bool = false) -> Tensor {
        normal(shape, generator: generator, requiresGrad: requiresGrad)
    }

    /// Values drawn uniformly from `[low, high)`.
    public static func uniform(_ shape: [Int], low: Double = 0, high: Double = 1,
                               generator: Generator = defaultGenerator,
                               requiresGrad: Bool = false) -> Tensor {
        let n = shape.reduce(1, *)
        var values = [Double](repeating: 0, count: n)
        for i in 0..<n { values[i] = generator.uniform(low, high) }
        return Tensor(shape: shape, storage: values, requiresGrad: requiresGrad)
    }

    /// Uniform values in `[0, 1)` (like `torch.rand`): `Tensor.rand(4, 3)`.
    public static func rand(_ shape: Int..., generator: Generator = defaultGenerator,
                            requiresGrad: Bool = false) -> Tensor {
        uniform(shape, generator: generator, requiresGrad: requiresGrad)
    }
}
