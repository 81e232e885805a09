import Testing
import Autograd

/// Modules: names, freezing, train/eval recursion, BatchNorm statistics.
@Suite struct ModuleTests {
    @Test func namedParametersFollowPyTorchsNamesAndOrder() {
        let model = Sequential(Linear(3, 4), ReLU(), BatchNorm1d(4), Linear(4, 2))
        #expect(model.namedParameters().map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias", "3.weight", "3.bias"])
        #expect(model.namedBuffers().map(\.name) == ["2.running_mean", "2.running_var", "2.num_batches_tracked"])
        #expect(model.parameters().count == 6)
        #expect(model[0].weight === model[0, as: Linear.self].weight)
        #expect(model[2].runningMean === model[2, as: BatchNorm1d.self].runningMean)
    }

    @Test func freezingAModuleCountsOnlyTrainableValues() {
        let model = Sequential(Linear(3, 4), ReLU(), Linear(4, 2))
        #expect(model.numParameters(trainableOnly: true) == 3 * 4 + 4 + 4 * 2 + 2)
        model[0].requiresGrad(false)
        #expect(model.numParameters(trainableOnly: true) == 4 * 2 + 2)
        #expect(model.numParameters() == 3 * 4 + 4 + 4 * 2 + 2)
        #expect(!model[0].weight.requiresGrad && model[2].weight.requiresGrad)
    }

    @Test func frozenLayerGetsNoGradAndInputGradIsSkipped() throws {
        let model = Sequential(Linear(3, 4), ReLU(), Linear(4, 2))
        model[0].requiresGrad(false)
        let out = model(Tensor([[1.0, 2.0, 3.0]]))
        try out.sum().backward()
        #expect(model[0].weight.grad == nil && model[0].bias.grad == nil)
        #expect(model[2].weight.grad != nil)
        // The second Linear's input needs no grad: its node passes nothing back.
        #expect(out.gradFn?.needsGrad == [false, true, true])
    }

    @Test func trainAndEvalRecurse() {
        let inner = Sequential(Linear(2, 2), Dropout(0.5))
        let model = Sequential(inner, ReLU())
        model.eval()
        #expect(!model.isTraining && !inner.isTraining && !inner[1].isTraining)
        model.train()
        #expect(model.isTraining && inner.isTraining && inner[1].isTraining)
        inner.eval()
        #expect(model.isTraining && !inner[0].isTraining)
        model.train(true)
        #expect(inner[1].isTraining)
    }

    @Test func zeroGradOnModuleSetsNoneOrZerosInPlace() throws {
        let layer = Linear(2, 1)
        try layer(Tensor([[1.0, 1.0]])).sum().backward()
        let grad = layer.weight.grad!
        layer.zeroGrad(setToNone: false)
        #expect(layer.weight.grad === grad && grad.scalars == [0, 0])
        layer.zeroGrad()
        #expect(layer.weight.grad == nil)
    }

    @Test func batchNormUsesBatchStatsInTrainAndRunningStatsInEval() throws {
        let bn = BatchNorm1d(1, momentum: 0.1)
        bn.requiresGrad(false)                    // frozen weight and bias…
        let x = Tensor([[1.0], [2.0], [6.0]])     // mean 3, biased var 14/3, unbiased var 7
        let y = bn(x)
        let invStd = 1 / (14.0 / 3.0 + 1e-5).squareRoot()
        for (got, value) in zip(y.scalars, [1.0, 2.0, 6.0]) { #expect(abs(got - (value - 3) * invStd) < 1e-12) }
        // …but the running statistics still move, with the unbiased variance.
        #expect(abs(bn.runningMean.item - 0.3) < 1e-15)
        #expect(abs(bn.runningVar.item - (0.9 + 0.7)) < 1e-15)
        #expect(bn.numBatchesTracked.item == 1)
        // An int64 scalar buffer, as in PyTorch, which prints `tensor(1)`.
        #expect(bn.numBatchesTracked.dtype == .int64 && bn.numBatchesTracked.description == "tensor(1)")
        bn.eval()
        let z = bn(x)
        #expect(abs(bn.runningMean.item - 0.3) < 1e-15)  // eval leaves them alone
        #expect(abs(z.scalars[0] - (1 - 0.3) / (1.6 + 1e-5).squareRoot()) < 1e-12)
    }

    @Test func unknownParameterNameIsNil() {
        #expect(Linear(2, 2).tensor(named: "running_mean") == nil)
        #expect(Linear(2, 2).tensor(named: "weight") != nil)
    }
}
