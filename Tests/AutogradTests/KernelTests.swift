import Testing
import Autograd

/// The BLAS gemm path against the reference loop, for every transpose combination.
@Suite(.serialized) struct KernelTests {
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func blasMatchesReference(_ flags: (Bool, Bool)) {
        let (transA, transB) = flags
        let (m, n, k) = (7, 5, 9)
        let g = Generator(seed: 11)
        let a = (0..<(m * k)).map { _ in g.uniform(from: -1, to: 1) }
        let b = (0..<(k * n)).map { _ in g.uniform(from: -1, to: 1) }
        let c0 = (0..<(m * n)).map { _ in g.uniform(from: -1, to: 1) }
        func run(_ kernel: MatmulKernel) -> [Double] {
            var c = c0
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    c.withUnsafeMutableBufferPointer { cp in
                        _ = gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 0.5,
                                 a: ap.baseAddress!, lda: transA ? m : k, b: bp.baseAddress!, ldb: transB ? k : n,
                                 beta: 2, c: cp.baseAddress!, ldc: n, kernel: kernel)
                    }
                }
            }
            return c
        }
        let blas = run(.blas)
        let reference = run(.reference)
        for (x, y) in zip(blas, reference) { #expect(abs(x - y) < 1e-12) }
    }

    @Test func referenceKernelComputesTheDefinition() {
        let a = Tensor([[1.0, 2.0], [3.0, 4.0]])
        let b = Tensor([[5.0, 6.0], [7.0, 8.0]])
        let c = withMatmulKernel(.reference) { a.matmul(b) }
        #expect(c.scalars == [19, 22, 43, 50])
        #expect(MatmulKernel.current == .blas)
    }

    @Test func linearTrainingStepIsTheSameWithEitherKernel() throws {
        func gradients(_ kernel: MatmulKernel) throws -> [Double] {
            try withMatmulKernel(kernel) {
                let layer = Linear(weight: Tensor([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]), bias: Tensor([0.01, -0.02]))
                let x = Tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]], requiresGrad: true)
                try mseLoss(layer(x), Tensor([[0.0, 1.0], [1.0, 0.0]])).backward()
                return layer.weight.grad!.scalars + layer.bias!.grad!.scalars + x.grad!.scalars
            }
        }
        for (x, y) in zip(try gradients(.blas), try gradients(.reference)) { #expect(abs(x - y) < 1e-12) }
    }
}
