import Foundation
import Testing
import Autograd

/// Optimizer rules, with expected values worked out from torch.optim's update formulas.
@Suite struct OptimizerTests {
    @Test func sgdSkipsNilGradButMovesZeroGradWithMomentumAndDecay() {
        let frozen = Tensor([1.0, -2.0], requiresGrad: true)
        let sgd = SGD([frozen], lr: 0.1, momentum: 0.9, weightDecay: 0.01)
        // Step 1 with a real gradient g = [1, 1]: d = g + 0.01·p; buf = d; p -= 0.1·buf.
        frozen.grad = Tensor([1.0, 1.0])
        sgd.step()
        let d1 = [1.0 + 0.01 * 1.0, 1.0 + 0.01 * -2.0]
        var p = [1.0 - 0.1 * d1[0], -2.0 - 0.1 * d1[1]]
        #expect(frozen.scalars == p)
        #expect(sgd.state[frozen]?.momentumBuffer?.scalars == d1)

        // Grad nil (zeroGrad default): skipped entirely.
        sgd.zeroGrad()
        #expect(frozen.grad == nil)
        sgd.step()
        #expect(frozen.scalars == p)

        // Grad zeros (setToNone: false): momentum and weight decay still move it.
        frozen.grad = Tensor([1.0, 1.0])
        sgd.zeroGrad(setToNone: false)
        #expect(frozen.grad?.scalars == [0, 0])
        sgd.step()
        let d2 = [0.01 * p[0], 0.01 * p[1]]
        let buf = [0.9 * d1[0] + d2[0], 0.9 * d1[1] + d2[1]]
        p = [p[0] - 0.1 * buf[0], p[1] - 0.1 * buf[1]]
        for (x, y) in zip(frozen.scalars, p) { #expect(abs(x - y) < 1e-15) }
    }

    @Test func sgdDampeningStartsOnTheSecondStepAndNesterovLooksAhead() {
        let w = Tensor([1.0], requiresGrad: true)
        let sgd = SGD([w], lr: 1, momentum: 0.5, dampening: 0.5)
        w.grad = Tensor([2.0])
        sgd.step()                         // buf = 2 (clone, no dampening)
        #expect(w.scalars == [-1.0])
        sgd.step()                         // buf = 0.5·2 + 0.5·2 = 2
        #expect(w.scalars == [-3.0])

        let v = Tensor([0.0], requiresGrad: true)
        let nesterov = SGD([v], lr: 1, momentum: 0.5, nesterov: true)
        v.grad = Tensor([2.0])
        nesterov.step()                    // buf = 2; update g + 0.5·buf = 3
        #expect(v.scalars == [-3.0])
        nesterov.step()                    // buf = 0.5·2 + 2 = 3; update 2 + 1.5 = 3.5
        #expect(v.scalars == [-6.5])
    }

    @Test func sgdMaximizeAscendsAndPlainSgdKeepsNoState() {
        let w = Tensor([1.0], requiresGrad: true)
        let sgd = SGD([w], lr: 0.5, maximize: true)
        w.grad = Tensor([2.0])
        sgd.step()
        #expect(w.scalars == [2.0])
        #expect(sgd.state.isEmpty)
    }

    @Test func adamFirstStepIsLrTimesSignOfGradient() {
        // With bias correction, step 1 gives m̂ = g, v̂ = g², update lr·g/(|g| + eps).
        let w = Tensor([1.0, 1.0, 1.0], requiresGrad: true)
        let adam = Adam([w], lr: 0.1)
        w.grad = Tensor([3.0, -0.5, 0.0])
        adam.step()
        let expected = [1 - 0.1 * 3 / (3 + 1e-8), 1 + 0.1 * 0.5 / (0.5 + 1e-8), 1.0]
        for (x, y) in zip(w.scalars, expected) { #expect(abs(x - y) < 1e-15) }
        #expect(adam.state[w]?.step == 1)
        #expect(adam.state[w]?.maxExpAvgSq == nil)
    }

    @Test func adamWDecaysAFrozenParameterWithZeroGrad() {
        let w = Tensor([2.0, -4.0], requiresGrad: true)
        let adamw = AdamW([w], lr: 0.1, weightDecay: 0.5)
        w.requiresGrad = false
        w.grad = Tensor([0.0, 0.0])
        adamw.step()
        // Moments stay 0, so only the decoupled decay p·(1 - lr·wd) = p·0.95 acts.
        #expect(w.scalars == [2.0 * 0.95, -4.0 * 0.95])
        #expect(adamw.state[w]?.expAvg?.scalars == [0, 0])
    }

    @Test func amsgradKeepsTheMaximumSecondMoment() {
        let w = Tensor([0.0], requiresGrad: true)
        let adam = Adam([w], lr: 0.01, amsgrad: true)
        w.grad = Tensor([4.0])
        adam.step()
        w.grad = Tensor([0.0])
        adam.step()
        let v = adam.state[w]!.expAvgSq!.item
        let maxV = adam.state[w]!.maxExpAvgSq!.item
        // v₁ = (1 - β2)·4², v₂ = β2·v₁ (zero gradient); the maximum stays v₁.
        let v1 = (1 - 0.999) * 4 * 4
        #expect(abs(v - 0.999 * v1) < 1e-15)
        #expect(abs(maxV - v1) < 1e-15)
    }

    @Test func parameterGroupsHaveTheirOwnOptionsAndRejectDuplicates() throws {
        let model = Sequential(Linear(2, 2), ReLU(), Linear(2, 1))
        let opt = try SGD(groups: [.group(model[0].parameters(), lr: 0.001),
                                   .group(model[2].parameters())], lr: 0.1, momentum: 0.9)
        #expect(opt.paramGroups.map(\.lr) == [0.001, 0.1])
        #expect(opt.paramGroups.map(\.momentum) == [0.9, 0.9])
        #expect(throws: AutogradError.duplicateParameter) {
            try opt.addParamGroup([model[0].weight])
        }
        #expect(AutogradError.duplicateParameter.description
                == "some parameters appear in more than one parameter group")
        let extra = Tensor([1.0], requiresGrad: true)
        try opt.addParamGroup([extra], lr: 5)
        #expect(opt.paramGroups.count == 3 && opt.paramGroups[2].lr == 5)
    }

    @Test func stepIgnoresRequiresGradAndZeroGradTouchesOnlyItsParameters() throws {
        let model = Sequential(Linear(2, 2), Linear(2, 1))
        let sgd = SGD(model[1].parameters(), lr: 0.1)
        try mseLoss(model(Tensor([[1.0, 2.0]])), Tensor([[0.0]])).backward()
        sgd.zeroGrad()
        #expect(model[1].weight.grad == nil)
        #expect(model[0].weight.grad != nil)   // not this optimizer's: stale grads stay

        let w = Tensor([1.0], requiresGrad: false)
        let plain = SGD([w], lr: 1)
        w.grad = Tensor([1.0])
        plain.step()
        #expect(w.scalars == [0.0])
    }
}
