import Testing
import Autograd

/// The printed form: PyTorch's layout with exactly 4 decimals.
@Suite struct PrintingTests {
    @Test func matrixWithRequiresGrad() {
        let x = Tensor([[0.1234, -1.0], [2.5, -0.0]], requiresGrad: true)
        #expect(x.description == "tensor([[ 0.1234, -1.0000],\n        [ 2.5000,  0.0000]], requires_grad=True)")
    }

    @Test func vectorScalarAndGradFn() {
        #expect(Tensor([1.0, 2.0]).description == "tensor([1.0000, 2.0000])")
        #expect(Tensor(3.0).description == "tensor(3.0000)")
        let w = Tensor([1.0, 2.0], requiresGrad: true)
        #expect((w + w).description == "tensor([2.0000, 4.0000], grad_fn=<AddBackward0>)")
        #expect(Tensor(-2.5, requiresGrad: true).description == "tensor(-2.5000, requires_grad=True)")
    }

    @Test func roundingAndSpecialValues() {
        #expect(Tensor([0.00004, -0.00004, 123.45678, 1.99996]).description
                == "tensor([  0.0000,   0.0000, 123.4568,   2.0000])")
        #expect(Tensor([Double.nan, .infinity, -.infinity]).description == "tensor([ nan,  inf, -inf])")
    }

    @Test func threeDimensionsSeparateBlocksWithABlankLine() {
        let x = Tensor([[[1.0, 2.0]], [[3.0, 4.0]]])
        #expect(x.description == "tensor([[[1.0000, 2.0000]],\n\n        [[3.0000, 4.0000]]])")
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
