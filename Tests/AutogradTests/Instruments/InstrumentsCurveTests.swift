import Testing
import Autograd

/// The training-curve recorder: `nil` grad norms for frozen parameters, changes that match SGD.
struct InstrumentsCurveTests {
    @Test func recordsGradNormsAndChanges() throws {
        let g = Generator(seed: 5)
        let model = Sequential(Linear(2, 3, generator: g), Linear(3, 1, generator: g))
        model[0].requiresGrad(false)
        let x = Tensor.normal([4, 2], generator: g)
        let y = Tensor.normal([4, 1], generator: g)
        let lr = 0.1
        let opt = SGD(model.parameters(), lr: lr)
        var curve = TrainingCurve(model: model)
        var headGradNorms: [Double] = []
        for _ in 0..<3 {
            opt.zeroGrad()
            let loss = mseLoss(model(x), y)
            try loss.backward()
            let grad = model[1].weight.grad!.scalars
            headGradNorms.append(grad.reduce(0) { $0 + $1 * $1 }.squareRoot())
            opt.step()
            curve.record(loss: loss)
        }
        #expect(curve.steps.count == 3)
        #expect(curve.names == ["0.weight", "0.bias", "1.weight", "1.bias"])
        #expect(curve.gradNorms("0.weight") == [nil, nil, nil])
        #expect(curve.changes("0.weight") == [0, 0, 0])
        for (recorded, expected) in zip(curve.gradNorms("1.weight"), headGradNorms) {
            #expect(abs(recorded! - expected) < 1e-12)
        }
        // Plain SGD moves a parameter by exactly lr·‖grad‖.
        for (change, norm) in zip(curve.changes("1.weight"), headGradNorms) {
            #expect(abs(change - lr * norm) < 1e-12)
        }
        #expect(curve.losses[2] < curve.losses[0])

        let chart = curve.chart(.gradNorm)
        #expect(chart.series.map(\.name) == curve.names)
        #expect(chart.series[0].points.map(\.y) == [nil, nil, nil])
        #expect(chart.series[2].points.map(\.x) == [1, 2, 3])
        #expect(curve.chart(.loss).series.count == 1)
    }

    @Test func printsFixedDigitColumns() {
        let w = Tensor([3.0, 4.0], requiresGrad: true)
        let frozen = Tensor([1.0])
        var curve = TrainingCurve(parameters: [("w", w), ("f", frozen)], digits: 2)
        w.grad = Tensor([0.6, 0.8])
        w.assign(Tensor([3.0, 3.0]))
        curve.record(loss: 1.5)
        #expect(curve.description == """
            step  loss  grad w  grad f   Δ w   Δ f
               1  1.50    1.00    None  1.00  0.00
            """)
    }
}
