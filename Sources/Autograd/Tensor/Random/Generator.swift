import Foundation

/// A random number generator that draws exactly as PyTorch's CPU generator does
/// (`at::CPUGeneratorImpl`), so `manualSeed(0)` here and `torch.manual_seed(0)` there give the
/// same float64 numbers, bit for bit, in the same order.
///
/// How PyTorch consumes its Mersenne Twister, and so how this class does:
/// - ``random()`` is one 32-bit draw; ``random64()`` is two, the first giving the high half.
/// - A uniform double takes the low 53 bits of ``random64()`` times 2⁻⁵³, then
///   `fma(x, to − from, from)` (ATen's `uniform_real`, compiled with a fused multiply-add).
/// - A single normal (``normal(mean:std:)``) is Box–Muller on two uniforms, `r = √(−2·log1p(−u₂))`,
///   `θ = 2π·u₁`; it returns `r·cos θ` and keeps `r·sin θ` for the next call, as ATen's
///   `normal_distribution<double>` keeps it in the generator. Seeding drops it.
///
/// Tensors of 16 or more normals use another path (see `Tensor.normal`), which neither reads nor
/// writes the kept value.
public final class Generator {
    private var twister: MersenneTwister
    /// The second normal of the last Box–Muller pair, returned by the next ``normal(mean:std:)``.
    private var nextNormal: Double?
    /// The seed last given to ``manualSeed(_:)`` (or the initializer), like `Generator.initial_seed()`.
    public private(set) var initialSeed: UInt64

    /// Creates a generator seeded with `seed`, like `torch.Generator().manual_seed(seed)`.
    public init(seed: UInt64 = 67_280_421_310_721) {
        initialSeed = seed
        twister = MersenneTwister(seed: seed)
    }

    /// Restarts the sequence from `seed`, like `torch.manual_seed(seed)`.
    public func manualSeed(_ seed: UInt64) {
        initialSeed = seed
        twister = MersenneTwister(seed: seed)
        nextNormal = nil
    }

    /// The next 32 random bits (`CPUGeneratorImpl::random`).
    public func random() -> UInt32 { twister.next() }

    /// The next 64 random bits from two 32-bit draws, the first as the high half
    /// (`CPUGeneratorImpl::random64`).
    public func random64() -> UInt64 {
        let high = UInt64(twister.next()), low = UInt64(twister.next())
        return high << 32 | low
    }

    /// A uniform value in `[from, to)` (`at::uniform_real_distribution<double>`).
    public func uniform(from: Double = 0, to: Double = 1) -> Double {
        let x = Double(random64() & (1 << 53 - 1)) * 0x1.0p-53
        return from.addingProduct(x, to - from)
    }

    /// A normal value `N(mean, std²)` (`at::normal_distribution<double>`), using the kept second
    /// value of the last pair first.
    public func normal(mean: Double = 0, std: Double = 1) -> Double {
        let standard: Double
        if let kept = nextNormal {
            nextNormal = nil
            standard = kept
        } else {
            let u1 = uniform(), u2 = uniform()
            let radius = (-2.0 * Foundation.log1p(-u2)).squareRoot()
            let theta = 2.0 * Double.pi * u1
            nextNormal = radius * Foundation.sin(theta)
            standard = radius * Foundation.cos(theta)
        }
        return mean.addingProduct(standard, std)
    }

    /// `true` with probability `p` (`at::bernoulli_distribution<double>`: a uniform below `p`).
    public func bernoulli(_ p: Double) -> Bool {
        uniform() < p
    }

    /// An integer in `[low, high)` (`at::uniform_int_from_to_distribution`): a 32-bit draw modulo
    /// the range, or a 64-bit one when the range needs more than 32 bits.
    public func integer(from low: Int64, to high: Int64) -> Int64 {
        let range = UInt64(bitPattern: high &- low)
        let bits = range >= 1 << 32 ? random64() : UInt64(random())
        return Int64(bitPattern: bits % range) &+ low
    }
}

/// The generator used when none is passed, like PyTorch's default CPU generator.
///
/// One per thread, so that tests running in parallel cannot consume each other's numbers;
/// a lesson program has one thread and sees a single global generator. It starts from seed
/// 67280421310721, as a new `torch.Generator()` does (PyTorch's own default generator starts from
/// a random seed; a lesson that wants PyTorch's numbers calls ``manualSeed(_:)`` first).
public var defaultGenerator: Generator { ThreadState.current.generator }

/// Seeds the default generator, like `torch.manual_seed(seed)`.
public func manualSeed(_ seed: UInt64) {
    defaultGenerator.manualSeed(seed)
}
