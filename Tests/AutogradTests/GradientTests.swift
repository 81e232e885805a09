import Testing
import Autograd

/// Each op's backward against central finite differences (the engine's own `gradCheck`).
@Suite struct GradientTests {
    static func input(_ shape: [Int], seed: UInt64, low: Double = -2, high: Double = 2) -> Tensor {
        Tensor.uniform(shape, low: low, high: high, generator: Generator(seed: seed), requiresGrad: true)
    }

    func check(_ inputs: [Tensor], _ f: ([Tensor]) -> Tensor, sourceLocation: SourceLocation = #_sourceLocation) {
        let result = gradCheck(f, inputs: inputs)
        #expect(result.passed, "\(result)", sourceLocation: sourceLocation)
        #expect(result.checked == inputs.filter(\.requiresGrad).reduce(0) { $0 + $1.count },
                sourceLocation: sourceLocation)
    }

    @Test func addSubMulDivWithBroadcasting() {
        let a = Self.input([3, 4], seed: 1)
        let row = Self.input([4], seed: 2)
        let positive = Self.input([3, 1], seed: 3, low: 0.5, high: 2)
        check([a, row]) { $0[0] + $0[1] }
        check([a, row]) { $0[0] - $0[1] }
        check([a, row]) { $0[0] * $0[1] }
        check([a, positive]) { $0[0] / $0[1] }
        check([a]) { -$0[0] }
        check([a]) { 3 - $0[0] * 2 + 1 }
        check([positive]) { 1 / $0[0] }
    }

    @Test func matmulTransposeAndLinear() {
        let a = Self.input([3, 4], seed: 4)
        let b = Self.input([4, 2], seed: 5)
        let v = Self.input([4], seed: 6)
        check([a, b]) { $0[0].matmul($0[1]) }
        check([a, v]) { $0[0].matmul($0[1]) }
        check([v, Self.input([4], seed: 7)]) { $0[0].matmul($0[1]) }
        check([a]) { $0[0].T }
        let w = Self.input([5, 4], seed: 8)
        let bias = Self.input([5], seed: 9)
        check([a, w, bias]) { $0[0].linear(weight: $0[1], bias: $0[2]) }
        check([a, w]) { $0[0].linear(weight: $0[1], bias: nil) }
    }

    @Test func linearWithFrozenPiecesStillGivesTheOthersRightGradients() {
        let x = Tensor.uniform([3, 4], low: -1, high: 1, generator: Generator(seed: 10))   // no grad
        let w = Self.input([2, 4], seed: 11)
        let bias = Tensor.zeros([2])                                                        // frozen
        check([x, w, bias]) { $0[0].linear(weight: $0[1], bias: $0[2]) }
    }

    @Test func reductions() {
        let a = Self.input([3, 4], seed: 12)
        check([a]) { $0[0].sum() }
        check([a]) { $0[0].mean() }
        check([a]) { $0[0].sum(dim: 0) }
        check([a]) { $0[0].sum(dim: 1, keepDim: true) }
        check([a]) { $0[0].mean(dim: -1) }
        check([a]) { $0[0].mean(dim: 0, keepDim: true) }
        check([a]) { $0[0].max() }
    }

    @Test func elementwiseFunctions() {
        let a = Self.input([2, 3], seed: 13)
        let positive = Self.input([2, 3], seed: 14, low: 0.3, high: 3)
        check([a]) { $0[0].exp() }
        check([positive]) { $0[0].log() }
        check([positive]) { $0[0].pow(2.5) }
        check([a]) { $0[0].pow(3) }
        check([positive]) { $0[0].sqrt() }
        check([a]) { $0[0].abs() }
        check([a]) { $0[0].clamp(min: -0.5, max: 0.7) }
        check([a]) { $0[0].relu() }
        check([a]) { $0[0].tanh() }
        check([a]) { $0[0].sigmoid() }
    }

    @Test func softmaxFamily() {
        let a = Self.input([3, 5], seed: 15)
        check([a]) { $0[0].logSoftmax(dim: 1) }
        check([a]) { $0[0].logSoftmax(dim: 0) }
        check([a]) { $0[0].softmax(dim: -1) }
    }

    @Test func shapingAndIndexing() {
        let a = Self.input([3, 4], seed: 16)
        check([a]) { $0[0].reshape(2, 6) }
        check([a]) { $0[0].reshape([4, -1]) }
        check([a]) { $0[0].flatten() }
        check([a]) { $0[0][1] }
        check([a]) { $0[0][1..<3] }
        check([a]) { $0[0][2, 3] }
    }

    @Test func losses() {
        let prediction = Self.input([4, 3], seed: 17)
        let target = Self.input([4, 3], seed: 18)
        check([prediction, target]) { mseLoss($0[0], $0[1]) }
        check([prediction]) { crossEntropy($0[0], [2, 0, 1, 1]) }
        check([prediction]) { nllLoss($0[0].logSoftmax(dim: 1), [0, 0, 2, 1]) }
    }

    @Test func batchNormTrainAndEval() {
        let x = Self.input([5, 3], seed: 19)
        let gamma = Self.input([3], seed: 21)
        let beta = Self.input([3], seed: 22)
        let mean = Tensor([0.2, -0.1, 0.4])
        let variance = Tensor([1.5, 0.7, 2.0])
        for training in [true, false] {
            check([x, gamma, beta]) {
                $0[0].batchNorm(runningMean: mean.copy(), runningVar: variance.copy(), weight: $0[1],
                                bias: $0[2], training: training)
            }
        }
        let bn = BatchNorm1d(3, affine: false)
        check([x]) { bn($0[0]) }
    }

    @Test func aWrongBackwardIsCaught() {
        // gradCheck must be able to fail: x·x.detach() records a backward of x only, while the
        // function of x (as the finite difference sees it) has derivative 2x.
        let x = Self.input([3], seed: 20)
        let result = gradCheck({ $0[0] * $0[0].detach() }, inputs: [x])
        #expect(!result.passed)
    }
}

