import Testing
import Autograd

/// The package's own generator: deterministic, in range, with the right moments.
@Suite(.serialized) struct RandomTests {
    @Test func sameSeedSameNumbersDifferentSeedDifferentNumbers() {
        let a = Tensor.normal([50], generator: Generator(seed: 7))
        let b = Tensor.normal([50], generator: Generator(seed: 7))
        let c = Tensor.normal([50], generator: Generator(seed: 8))
        #expect(a.scalars == b.scalars)
        #expect(a.scalars != c.scalars)
    }

    @Test func reseedingRestartsTheSequence() {
        let g = Generator(seed: 3)
        let first = (0..<5).map { _ in g.normal() }
        g.manualSeed(3)
        #expect((0..<5).map { _ in g.normal() } == first)
    }

    @Test func uniformStaysInRangeAndNormalHasUnitMoments() {
        let u = Tensor.uniform([10_000], low: -2, high: 3, generator: Generator(seed: 1))
        #expect(u.scalars.allSatisfy { $0 >= -2 && $0 < 3 })
        let n = Tensor.normal([20_000], mean: 1, std: 2, generator: Generator(seed: 2)).scalars
        let mean = n.reduce(0, +) / Double(n.count)
        let variance = n.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n.count)
        #expect(abs(mean - 1) < 0.05)
        #expect(abs(variance.squareRoot() - 2) < 0.05)
    }

    @Test func manualSeedMakesLinearInitReproducibleAndBounded() {
        manualSeed(42)
        let first = Linear(9, 4)
        manualSeed(42)
        let second = Linear(9, 4)
        #expect(first.weight.scalars == second.weight.scalars)
        #expect(first.bias!.scalars == second.bias!.scalars)
        // kaiming_uniform(a=√5) gives U(-1/√in, 1/√in) = U(-1/3, 1/3) here.
        #expect((first.weight.scalars + first.bias!.scalars).allSatisfy { abs($0) <= 1.0 / 3.0 })
        #expect(first.weight.requiresGrad && first.weight.isLeaf)
    }

    @Test func dropoutIsSeededAndScalesKeptValues() {
        let x = Tensor.ones([1000])
        let d1 = Dropout(0.25, generator: Generator(seed: 5))
        let d2 = Dropout(0.25, generator: Generator(seed: 5))
        let y = d1(x)
        #expect(y.scalars == d2(x).scalars)
        #expect(y.scalars.allSatisfy { $0 == 0 || abs($0 - 1 / 0.75) < 1e-15 })
        let dropped = y.scalars.filter { $0 == 0 }.count
        #expect(dropped > 200 && dropped < 300)
        d1.eval()
        #expect(d1(x).scalars == x.scalars)
    }
}
