import Testing
import Autograd

/// Norms and closeness. Expected values are PyTorch 2.13's for the same calls:
/// `torch.tensor([3., -4.]).norm()` is 5 with grad `[0.6, -0.8]`; the ∞-norm of `[2., -2., 1.]`
/// shares its gradient as `[0.5, -0.5, 0]`; the 1-norm's gradient of `[2., -2., 0.]` is
/// `[1, -1, 0]`; the 3-norm's of `[2., -1., 1.]` is `[0.8618, -0.2154, 0.2154]`.
@Suite struct NormTests {
    @Test func normsAndTheirGradientsAreLinalgVectorNorms() throws {
        let x = Tensor([3.0, -4.0], requiresGrad: true)
        let n = x.norm()
        #expect(n.description == "tensor(5., grad_fn=<LinalgVectorNormBackward0>)")
        try n.backward()
        #expect(x.grad?.scalars == [0.6, -0.8])
        #expect(Tensor([1.0, 2.0]).norm(1).item == 3)
        #expect(Tensor([1.0, -2.0]).norm(.infinity).item == 2)

        let ties = Tensor([2.0, -2.0, 1.0], requiresGrad: true)
        try ties.norm(.infinity).backward()
        #expect(ties.grad?.scalars == [0.5, -0.5, 0])
        let one = Tensor([2.0, -2.0, 0.0], requiresGrad: true)
        try one.norm(1).backward()
        #expect(one.grad?.scalars == [1, -1, 0])
        let three = Tensor([2.0, -1.0, 1.0], requiresGrad: true)
        try three.norm(3).backward()
        #expect(zip(three.grad!.scalars, [0.8618, -0.2154, 0.2154]).allSatisfy { abs($0 - $1) < 5e-5 })
        let zero = Tensor.zeros([2], requiresGrad: true)
        try zero.norm().backward()
        #expect(zero.grad?.scalars == [0, 0])
    }

    @Test func allCloseFollowsTorchAllclose() {
        #expect(Tensor([1.0, 2.0]).allClose(Tensor([1.0 + 1e-6, 2.0])))
        #expect(Tensor([1.0]).allClose(Tensor([1.1]), rtol: 0.2))
        #expect(!Tensor([1.0, 2.0]).allClose(Tensor([1.0])))  // broadcast: 2 is not close to 1
        #expect(!Tensor([Double.nan]).allClose(Tensor([Double.nan])))
    }

    @Test func maxAbsDiffIsTheLargestGap() {
        #expect(maxAbsDiff(Tensor([1.0, -2.0, 3.0]), Tensor([1.5, -2.0, 0.0])) == 3)
        #expect(maxAbsDiff(Tensor.zeros([0]), Tensor.zeros([0])) == 0)
    }
}
