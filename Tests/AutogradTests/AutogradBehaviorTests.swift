import Testing
import Autograd

/// Recording rules, leaves and non-leaves, accumulation, no-grad, and PyTorch's errors.
@Suite struct AutogradBehaviorTests {
    @Test func opsAreRecordedOnlyWhenSomeInputRequiresGrad() {
        let a = Tensor([1.0, 2.0])
        let b = Tensor([3.0, 4.0])
        let plain = a * b
        #expect(!plain.requiresGrad && plain.gradFn == nil && plain.isLeaf)
        let w = Tensor([0.5, -1.0], requiresGrad: true)
        let tracked = a * w
        #expect(tracked.requiresGrad && !tracked.isLeaf)
        #expect(tracked.gradFn?.name == "MulBackward0")
        #expect(tracked.gradFn?.inputs.count == 2)
    }

    @Test func gradFnNamesArePyTorchs() {
        let x = Tensor([[1.0, -2.0], [0.5, 3.0]], requiresGrad: true)
        #expect((x + x).gradFn?.name == "AddBackward0")
        #expect((x - 1).gradFn?.name == "SubBackward0")
        #expect(x.matmul(x).gradFn?.name == "MmBackward0")
        #expect(x.relu().gradFn?.name == "ReluBackward0")
        #expect(x.tanh().gradFn?.name == "TanhBackward0")
        #expect(x.sum().gradFn?.name == "SumBackward0")
        #expect(x.mean().gradFn?.name == "MeanBackward0")
        #expect(x.logSoftmax(dim: 1).gradFn?.name == "LogSoftmaxBackward0")
        #expect(mseLoss(x, Tensor.zeros(2, 2)).gradFn?.name == "MseLossBackward0")
        #expect(crossEntropy(x, [0, 1]).gradFn?.name == "NllLossBackward0")
        #expect(Linear(2, 3)(x).gradFn?.name == "AddmmBackward0")
        #expect(Linear(2, 3, bias: false)(x).gradFn?.name == "MmBackward0")
    }

    @Test func noGradRecordsNothingNestsAndRestores() throws {
        let w = Tensor([1.0, 2.0], requiresGrad: true)
        #expect(isGradEnabled)
        let y = withNoGrad { () -> Tensor in
            #expect(!isGradEnabled)
            let inner = withNoGrad { w * 2 }
            #expect(!isGradEnabled)   // the inner scope restored the outer one
            #expect(!inner.requiresGrad)
            return w * 3
        }
        #expect(isGradEnabled)
        #expect(!y.requiresGrad && y.gradFn == nil)
        #expect(throws: AutogradError.noGradFn) { try y.sum().backward() }
        struct Boom: Error {}
        #expect(throws: Boom.self) { try withNoGrad { throw Boom() } }
        #expect(isGradEnabled)
    }

    @Test func backwardAccumulatesIntoLeavesOnly() throws {
        let w = Tensor([2.0, -3.0], requiresGrad: true)
        let hidden = w * w
        let loss = hidden.sum()
        try loss.backward(retainGraph: true)
        // d(Σw²)/dw = 2w.
        #expect(w.grad?.scalars == [4.0, -6.0])
        #expect(hidden.grad == nil)          // non-leaves keep no grad unless asked
        let gradObject = w.grad!
        try loss.backward()
        #expect(w.grad?.scalars == [8.0, -12.0])
        #expect(w.grad === gradObject)       // accumulated in place, like AccumulateGrad
    }

    @Test func retainGradKeepsANonLeafsGradient() throws {
        let w = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
        let h = w * 2
        h.retainGrad()
        try (h * h).sum().backward()
        // d(Σh²)/dh = 2h = 4w.
        #expect(h.grad?.scalars == [4.0, 8.0, 12.0])
        #expect(w.grad?.scalars == [8.0, 16.0, 24.0])
    }

    @Test func backwardWithAGradientForNonScalars() throws {
        let w = Tensor([1.0, 2.0], requiresGrad: true)
        let y = w * 3
        try y.backward(gradient: Tensor([1.0, 10.0]))
        #expect(w.grad?.scalars == [3.0, 30.0])
    }

    @Test func errorsHavePyTorchsMessages() throws {
        let constant = Tensor([1.0, 2.0])
        #expect(throws: AutogradError.noGradFn) { try constant.sum().backward() }
        #expect(AutogradError.noGradFn.description
                == "element 0 of tensors does not require grad and does not have a grad_fn")

        let w = Tensor([1.0, 2.0], requiresGrad: true)
        #expect(throws: AutogradError.nonScalarImplicitGrad) { try (w * 2).backward() }
        #expect(AutogradError.nonScalarImplicitGrad.description
                == "grad can be implicitly created only for scalar outputs")

        let loss = (w * w).sum()
        try loss.backward()
        do {
            try loss.backward()
            Issue.record("a second backward through freed buffers must fail")
        } catch {
            #expect("\(error)".hasPrefix("Trying to backward through the graph a second time"))
            #expect("\(error)".contains("retain_graph=True"))
        }

        let nonLeaf = w * 2
        #expect(throws: AutogradError.nonLeafRequiresGrad(requested: false)) { try nonLeaf.setRequiresGrad(false) }
        #expect("\(AutogradError.nonLeafRequiresGrad(requested: true))"
                == "you can only change requires_grad flags of leaf variables.")
        #expect("\(AutogradError.nonLeafRequiresGrad(requested: false))".hasSuffix("use var_no_grad = var.detach()."))
    }

    @Test func opsThatSaveNothingCanBackwardTwice() throws {
        // As in PyTorch, only nodes with saved tensors are freed.
        let w = Tensor([1.0, 2.0], requiresGrad: true)
        let loss = (w + 1).sum()
        try loss.backward()
        try loss.backward()
        #expect(w.grad?.scalars == [2.0, 2.0])
    }

    @Test func detachCutsTheGraph() {
        let w = Tensor([1.0], requiresGrad: true)
        let d = (w * 2).detach()
        #expect(d.isLeaf && !d.requiresGrad && d.scalars == [2.0])
    }

    @Test func itemReadsOneElement() {
        #expect(Tensor(3.5).item == 3.5)
        #expect(Tensor([[7.0]]).item == 7.0)
    }

    @Test func graphCanBeWalked() {
        let x = Tensor([[1.0, 2.0]])
        let layer = Linear(2, 1)
        let loss = mseLoss(layer(x).relu(), Tensor([[0.0]]))
        var names: [String] = []
        var frontier = [loss.gradFn]
        while let next = frontier.popLast() {
            guard let node = next else { continue }
            names.append(node.name)
            frontier += node.nextFunctions
        }
        // PyTorch's graph: AddmmBackward0's edges are the bias's AccumulateGrad, the input (no
        // gradient: nil) and TBackward0 over the weight's AccumulateGrad (popped last-first here).
        #expect(names == ["MseLossBackward0", "ReluBackward0", "AddmmBackward0", "TBackward0", "AccumulateGrad", "AccumulateGrad"])
        let addmm = loss.gradFn!.nextFunctions[0]!.nextFunctions[0]!
        #expect(addmm.nextFunctions.count == 3 && addmm.nextFunctions[1] == nil)
        #expect(addmm.nextFunctions[0]!.variable === layer.bias)
        #expect(addmm.nextFunctions[2]!.nextFunctions[0]!.variable === layer.weight)
        // The same node objects on every walk, and one AccumulateGrad per leaf across nodes.
        #expect(addmm.nextFunctions[0] === addmm.nextFunctions[0])
        let again = mseLoss(layer(x), Tensor([[0.0]]))
        withExtendedLifetime(addmm) {
            #expect(again.gradFn!.nextFunctions[0]!.nextFunctions[0] === addmm.nextFunctions[0])
        }
    }

    @Test func recorderSeesEveryOp() {
        var seen: [String] = []
        Recorder.observer = { seen.append($0.name) }
        defer { Recorder.observer = nil }
        let w = Tensor([[1.0, 2.0], [3.0, 4.0]], requiresGrad: true)
        let y = (w.matmul(w) + 1).sum()
        _ = withNoGrad { w * 2 }
        #expect(seen == ["MmBackward0", "AddBackward0", "SumBackward0"])
        #expect(y.gradFn?.inputs.first?.gradFn?.inputs.first?.gradFn?.flops == 2 * 2 * 2 * 2)
    }
}
