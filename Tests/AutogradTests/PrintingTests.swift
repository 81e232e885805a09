import Testing
import Autograd

/// The printed form, as PyTorch 2.13 prints the same tensors with float64 as the default dtype
/// (each expected string was printed by `str(t)` in real PyTorch; the parity traces in
/// `ParityTraces/parity_printing.json` cover many more).
@Suite struct PrintingTests {
    @Test func matrixWithRequiresGrad() {
        // 0.12345 is a little above its decimal value in binary, so it rounds up.
        let x = Tensor([[0.12345, -1.0], [2.5, -0.0]], requiresGrad: true)
        #expect(x.description == "tensor([[ 0.1235, -1.0000],\n        [ 2.5000, -0.0000]], requires_grad=True)")
    }

    @Test func integralValuesPrintWithoutDecimals() {
        #expect(Tensor([1.0, 2.0]).description == "tensor([1., 2.])")
        #expect(Tensor(3.0).description == "tensor(3.)")
        let w = Tensor([1.0, 2.0], requiresGrad: true)
        #expect((w + w).description == "tensor([2., 4.], grad_fn=<AddBackward0>)")
    }

    @Test func aWideRangeSwitchesToScientificAndSpecialValuesKeepTheirNames() {
        #expect(Tensor([0.00004, -0.00004, 123.45678, 1.99996]).description
                == "tensor([ 4.0000e-05, -4.0000e-05,  1.2346e+02,  2.0000e+00])")
        #expect(Tensor([Double.nan, .infinity, -.infinity]).description == "tensor([nan, inf, -inf])")
    }

    @Test func threeDimensionsSeparateBlocksWithABlankLine() {
        let x = Tensor(shape: [3, 2, 2], scalars: (1...12).map(Double.init))
        #expect(x.description == "tensor([[[ 1.,  2.],\n         [ 3.,  4.]],\n\n        [[ 5.,  6.],\n         [ 7.,  8.]],\n\n        [[ 9., 10.],\n         [11., 12.]]])")
    }

    @Test func integerTensorsPrintAsIntegers() {
        #expect(Tensor(integers: [3, -12, 7]).description == "tensor([  3, -12,   7])")
    }

    @Test func modulesPrintLikePyTorch() {
        let model = Sequential(Linear(3, 4), ReLU(), Linear(4, 2, bias: false))
        #expect(model.description == """
            Sequential(
              (0): Linear(in_features=3, out_features=4, bias=True)
              (1): ReLU()
              (2): Linear(in_features=4, out_features=2, bias=False)
            )
            """)
    }
}

/// Creating tensors from literals and factories.
@Suite struct CreationTests {
    @Test func literalsGiveShapes() {
        #expect(Tensor(3.0).shape == [])
        #expect(Tensor([1.0, 2.0], requiresGrad: true).shape == [2])
        let m = Tensor([[1, 2], [3, 4]])
        #expect(m.shape == [2, 2] && m.scalars == [1, 2, 3, 4] && m.rows == [[1, 2], [3, 4]])
        #expect(Tensor.zeros(2, 3).scalars == [Double](repeating: 0, count: 6))
        #expect(Tensor.ones([3]).scalars == [1, 1, 1])
        #expect(m[1].scalars == [3, 4])
    }

    @Test func rowBroadcastsOverABatch() {
        let batch = Tensor([[1, 2, 3], [4, 5, 6]])
        let row = Tensor([10, 20, 30])
        #expect((batch + row).scalars == [11, 22, 33, 14, 25, 36])
        #expect((batch * 2).scalars == [2, 4, 6, 8, 10, 12])
        #expect(batch.sum(dim: 0).scalars == [5, 7, 9])
        #expect(batch.mean(dim: 1, keepDim: true).shape == [2, 1])
    }
}
