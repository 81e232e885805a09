import Testing
import Autograd

/// The profiler against counts derived by hand from the layer sizes and the documented rules,
/// for `Linear(3, 4) → ReLU → Linear(4, 2)` on a batch of 5 with an MSE loss.
struct InstrumentsProfileTests {
    enum Mode { case full, requiresGrad, optimizerOnly, noGradBackbone }

    static let (B, I, H, O) = (5, 3, 4, 2)

    /// A fresh seeded model, frozen the way `mode` says, and the profile of one training step.
    func profileOneStep(_ mode: Mode, steps: Int = 1) throws -> Profile {
        let (B, I, H, O) = (Self.B, Self.I, Self.H, Self.O)
        let g = Generator(seed: 3)
        let model = Sequential(Linear(I, H, generator: g), ReLU(), Linear(H, O, generator: g))
        let x = Tensor.normal([B, I], generator: g)
        let y = Tensor.normal([B, O], generator: g)
        let body = Sequential(model[0], model[1])
        let opt: SGD
        switch mode {
        case .full: opt = SGD(model.parameters(), lr: 0.1)
        case .requiresGrad:
            body.requiresGrad(false)
            opt = SGD(model.parameters(), lr: 0.1)
        case .optimizerOnly, .noGradBackbone: opt = SGD(model[2].parameters(), lr: 0.1)
        }
        func step() throws {
            opt.zeroGrad()
            let features = mode == .noGradBackbone ? withNoGrad { body(x) } : body(x)
            try mseLoss(model[2](features), y).backward()
            opt.step()
        }
        for _ in 1..<steps { try step() }
        return try profile(model) { try step() }
    }


    // Forward: every op that ran, recorded or not — the same in every mode.
    static let forwardFlops =
        (2 * B * I * H + B * H)      // Linear(3, 4): gemm + bias
        + B * H                      // ReLU
        + (2 * B * H * O + B * O)    // Linear(4, 2)
        + 3 * B * O                  // MSE: subtract, square, add

    // Backward when everything trains (the input x needs no gradient).
    static let fullBackwardFlops =
        B * O                                        // MSE: d/dŷ, one pass
        + 2 * B * O * H + 2 * O * H * B + B * O      // Linear(4, 2): dx, dW, db
        + B * H                                      // ReLU mask, one pass
        + 2 * H * I * B + B * H                      // Linear(3, 4): dW, db (no dx: x needs none)

    // Backward when the first layer is frozen or out of the graph: the head's dW and db only.
    static let headOnlyBackwardFlops = B * O + 2 * O * H * B + B * O

    // Bytes kept for backward, each distinct buffer once, 8 per Double.
    static let fullSavedBytes = 8 * (
        B * I        // Linear(3, 4) keeps x (its weight needs dW = gᵀ·x); not W (x needs no dx)
        + B * H      // ReLU's output, also kept by Linear(4, 2) as its input: counted once
        + O * H      // Linear(4, 2) keeps W for dx (its input needs a gradient)
        + 2 * B * O) // MSE keeps its input and target
    static let headOnlySavedBytes = 8 * (B * H + 2 * B * O) // the head keeps its input, not W

    @Test func fullTraining() throws {
        let p = try profileOneStep(.full)
        #expect(p.forwardFlops == Self.forwardFlops)
        #expect(p.backwardFlops == Self.fullBackwardFlops)
        // Two Addmm, one ReLU, the loss, and PyTorch's TBackward0 (`weight.t()`) in each Linear.
        #expect(p.backwardNodes == 6)
        #expect(p[op: "AddmmBackward0"] == .init(name: "AddmmBackward0", run: 2, recorded: 2, backward: 2))
        #expect(p[op: "TBackward0"] == .init(name: "TBackward0", run: 2, recorded: 2, backward: 2))
        #expect(p[op: "ReluBackward0"].backward == 1)
        #expect(p.gradients.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
        #expect(p.gradients.map(\.count) == [1, 1, 1, 1])
        #expect(p.savedBytes == Self.fullSavedBytes)
    }

    @Test func requiresGradFalseSkipsTheFrozenLayersWork() throws {
        let p = try profileOneStep(.requiresGrad)
        #expect(p.forwardFlops == Self.forwardFlops)
        #expect(p.backwardFlops == Self.headOnlyBackwardFlops)
        #expect(p.backwardNodes == 3)
        #expect(p[op: "AddmmBackward0"] == .init(name: "AddmmBackward0", run: 2, recorded: 1, backward: 1))
        // Both Linears run `weight.t()`; only the head's is recorded, since its weight trains.
        #expect(p[op: "TBackward0"] == .init(name: "TBackward0", run: 2, recorded: 1, backward: 1))
        #expect(p[op: "ReluBackward0"] == .init(name: "ReluBackward0", run: 1, recorded: 0, backward: 0))
        #expect(p.gradients.map(\.count) == [0, 0, 1, 1])
        #expect(p.gradients("0.weight") == 0)
        #expect(p.savedBytes == Self.headOnlySavedBytes)
    }

    @Test func optimizerOnlyFreezingDoesAllTheWork() throws {
        let p = try profileOneStep(.optimizerOnly)
        #expect(p.forwardFlops == Self.forwardFlops)
        #expect(p.backwardFlops == Self.fullBackwardFlops)
        #expect(p.backwardNodes == 6)
        #expect(p.gradients.map(\.count) == [1, 1, 1, 1])
        #expect(p.savedBytes == Self.fullSavedBytes)
    }

    @Test func optimizerOnlyAccumulatesIntoTheBodysStaleGrads() throws {
        // The optimizer zeroes only the head's grads: from step 2 on, backward also adds the
        // new body gradients into the old ones (one pass over 0.weight and 0.bias).
        let p = try profileOneStep(.optimizerOnly, steps: 2)
        let (I, H) = (Self.I, Self.H)
        #expect(p.backwardFlops == Self.fullBackwardFlops + H * I + H)
    }

    @Test func noGradBackboneRecordsOnlyTheHead() throws {
        let p = try profileOneStep(.noGradBackbone)
        #expect(p.forwardFlops == Self.forwardFlops)
        #expect(p.backwardFlops == Self.headOnlyBackwardFlops)
        #expect(p.backwardNodes == 3)
        #expect(p.opsRecorded == 3)   // the head's addmm and weight.t(), and the loss
        #expect(p.gradients.map(\.count) == [0, 0, 1, 1])
        #expect(p.savedBytes == Self.headOnlySavedBytes)
    }

    @Test func printsAnAlignedTable() throws {
        let p = try profileOneStep(.requiresGrad)
        #expect(p.description == """
            op                run  recorded  backward
            TBackward0          2         1         1
            AddmmBackward0      2         1         1
            ReluBackward0       1         0         0
            MseLossBackward0    1         1         1
            total               6         3         3

            parameter  gradients
            0.weight           0
            0.bias             0
            2.weight           1
            2.bias             1

            forward FLOPs   280
            backward FLOPs  100
            saved bytes     320
            """)
    }

    @Test func scopesNestAndUnnamedLeavesAreCounted() throws {
        let w = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
        let x = Tensor([4.0, 5.0, 6.0])
        var inner: Profile?
        let outer = try profile {
            inner = try profile { try (w * x).sum().backward() }
            _ = w * x
        }
        // Forward: mul 3 + sum 3; backward: sum's gradient is a fill (0), mul's one pass (3).
        #expect(inner?.forwardFlops == 6)
        #expect(inner?.backwardFlops == 3)
        #expect(inner?.gradientsDelivered == 1)
        #expect(inner?.savedBytes == 8 * 3)  // mul keeps x (for w's gradient), not w
        #expect(outer.forwardFlops == 9)
        #expect(outer[op: "MulBackward0"].run == 2)
        #expect(outer.description.hasSuffix("gradients delivered to leaves: 1\n\nforward FLOPs    9\nbackward FLOPs   3\nsaved bytes     24"))
    }

    /// Activations are what the step computed and the graph keeps; the weights and the batch,
    /// which exist anyway, count in `savedBytes` only. For `Linear(3,4) → ReLU → Linear(4,2)`
    /// and an MSE loss on 5 rows, everything trainable: the first layer saves x (15 values; its
    /// weight is not saved, x needing no gradient), ReLU its output (20), the second layer the
    /// same ReLU output and its weight (8), MSE its input (10) and the target (10).
    @Test func activationsLeaveOutWeightsAndInputs() throws {
        let model = Sequential(Linear(3, 4), ReLU(), Linear(4, 2))
        let x = Tensor.ones([5, 3]), target = Tensor.zeros([5, 2])
        let p = try profile(model) { try mseLoss(model(x), target).backward() }
        #expect(p.savedBytes == 8 * (15 + 20 + 8 + 10 + 10))
        #expect(p.activationBytes == 8 * (20 + 10))
        // A frozen first layer: its output is still computed in the step and saved by the head.
        model[0].requiresGrad(false)
        let frozen = try profile(model) { try mseLoss(model(x), target).backward() }
        #expect(frozen.activationBytes == 8 * (20 + 10))
        #expect(frozen.savedBytes == 8 * (20 + 10 + 10))
    }
}
