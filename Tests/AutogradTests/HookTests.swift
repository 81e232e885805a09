import Testing
import Autograd

/// Gradient and forward hooks. Expected values are what PyTorch 2.13 computed for the same code:
///
/// ```python
/// x = torch.tensor([1., 2., 3.], requires_grad=True); y = x * 2; y.retain_grad()
/// h = y.register_hook(lambda g: g * torch.tensor([1., 0., 10.]))
/// (y * y).sum().backward()   # the hook saw [4, 8, 12]; y.grad [4, 0, 120]; x.grad [8, 0, 240]
/// ```
/// (Leaf hooks, their order and their removal are covered by recorded traces:
/// `hook_masks_rows_weight_decay_still_moves_them`, `two_hooks_compose_and_accumulate`.)
@Suite struct HookTests {
    @Test func aNonLeafHookRunsBeforeRetainGradAndTheInputs() throws {
        let x = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
        let y = x * 2
        y.retainGrad()
        var seen: [[Double]] = []
        let handle = y.registerHook { grad in
            seen.append(grad.scalars)
            return grad * Tensor([1.0, 0.0, 10.0])
        }
        try (y * y).sum().backward()
        #expect(seen == [[4, 8, 12]])
        #expect(y.grad?.scalars == [4, 0, 120])
        #expect(x.grad?.scalars == [8, 0, 240])
        handle.remove()
        handle.remove()  // a second removal does nothing, as in PyTorch
        x.grad = nil
        try (x * 2).sum().backward()
        #expect(x.grad?.scalars == [2, 2, 2])
        #expect(seen.count == 1)
    }

    @Test func aLookingHookReturnsNothingAndChangesNothing() throws {
        let w = Tensor([0.5, -1.0], requiresGrad: true)
        var norms: [Double] = []
        w.registerHook { grad in norms.append(grad.scalars.map { $0 * $0 }.reduce(0, +)) }
        try (w * w).sum().backward()
        #expect(w.grad?.scalars == [1, -2])
        #expect(norms == [5])
    }

    @Test func aForwardHookCanReplaceTheOutputAndBeRemoved() {
        let layer = Linear(2, 2)
        var shapes: [[Int]] = []
        let watch = layer.registerForwardHook { _, input, _ in shapes.append(input.shape) }
        let zero = layer.registerForwardHook { _, _, output in output * 0 }
        #expect(layer(Tensor.ones(1, 2)).scalars.allSatisfy { $0 == 0 })
        zero.remove()
        #expect(layer(Tensor.ones(1, 2)).scalars.contains { $0 != 0 })
        watch.remove()
        _ = layer(Tensor.ones(3, 2))
        #expect(shapes == [[1, 2], [1, 2]])
    }

    @Test func clipGradNormWithoutGradsReturnsZeroAndTouchesNothing() {
        let w = Tensor([3.0, 4.0], requiresGrad: true)
        #expect(clipGradNorm([w], maxNorm: 1).description == "tensor(0.)")
        #expect(w.grad == nil)
    }
}
