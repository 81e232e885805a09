/// MT19937, the 32-bit Mersenne Twister: the engine inside PyTorch's CPU generator
/// (`at::mt19937` in `ATen/core/MT19937RNGEngine.h`), so the same seed gives the same bits.
///
/// PyTorch seeds it with the low 32 bits of the seed through the standard recurrence
/// (`1812433253 · (s ^ (s >> 30)) + i`), not with `init_by_array` as Python's `random` does.
struct MersenneTwister {
    private static let n = 624, m = 397
    private var state = [UInt32](repeating: 0, count: 624)
    private var index = 624

    /// A twister seeded as `at::mt19937(seed)` is.
    init(seed: UInt64) {
        state[0] = UInt32(truncatingIfNeeded: seed)
        for i in 1..<Self.n {
            let previous = state[i - 1]
            state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
    }

    /// The next 32 random bits.
    mutating func next() -> UInt32 {
        if index >= Self.n { twist() }
        var y = state[index]
        index += 1
        // Tempering.
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Regenerates all 624 words of state at once.
    private mutating func twist() {
        for i in 0..<Self.n {
            let y = (state[i] & 0x8000_0000) | (state[(i + 1) % Self.n] & 0x7FFF_FFFF)
            state[i] = state[(i + Self.m) % Self.n] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_B0DF)
        }
        index = 0
    }
}
