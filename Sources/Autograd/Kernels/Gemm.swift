import CBLAS

/// The matrix-multiply kernel: the one place where `C = alpha·op(A)·op(B) + beta·C` is computed.
///
/// Matrix multiply dominates training time, so every matmul in the engine (``Tensor/matmul(_:)``,
/// ``Tensor/linear(weight:bias:)`` and their backwards) goes through ``gemm``. Two
/// implementations sit behind it: OpenBLAS's `cblas_dgemm` (the default) and a plain loop that
/// reads like the definition (used by tests to check the BLAS path).
public enum MatmulKernel: Sendable {
    /// OpenBLAS `cblas_dgemm`.
    case blas
    /// A readable triple loop over row-major storage.
    case reference

    /// The kernel used when no ``withMatmulKernel(_:_:)`` scope chose one.
    nonisolated(unsafe) public static var `default`: MatmulKernel = .blas

    /// The kernel the engine uses now on this thread.
    public static var current: MatmulKernel { ThreadState.current.kernelOverride ?? .default }
}

/// Runs `body` with `kernel` as ``MatmulKernel/current`` and restores the previous kernel.
public func withMatmulKernel<T>(_ kernel: MatmulKernel, _ body: () throws -> T) rethrows -> T {
    let state = ThreadState.current
    let previous = state.kernelOverride
    state.kernelOverride = kernel
    defer { state.kernelOverride = previous }
    return try body()
}

/// General matrix multiply on row-major buffers: `C = alpha·op(A)·op(B) + beta·C`.
///
/// `op(A)` is `m×k` (A itself is `k×m` when `transA`), `op(B)` is `k×n`, `C` is `m×n`.
/// Leading dimensions are the row lengths of the matrices as stored.
/// - Returns: the FLOP count `2·m·n·k`, for instruments.
@discardableResult
public func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double = 1,
                 a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                 beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int,
                 kernel: MatmulKernel = MatmulKernel.current) -> Int {
    guard m > 0, n > 0 else { return 0 }
    countFlops(2 * m * n * k + (beta == 0 ? 0 : m * n))
    switch kernel {
    case .blas:
        if k == 0 {
            referenceGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                          b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        } else {
            cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        }
    case .reference:
        referenceGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                      b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
    return 2 * m * n * k
}

/// The definition of matrix multiply, one output element at a time.
private func referenceGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                           a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                           beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
    for i in 0..<m {
        for j in 0..<n {
            var sum = 0.0
            for p in 0..<k {
                let aip = transA ? a[p * lda + i] : a[i * lda + p]
                let bpj = transB ? b[j * ldb + p] : b[p * ldb + j]
                sum += aip * bpj
            }
            // beta == 0 overwrites C without reading it (BLAS semantics: NaNs in C do not leak).
            c[i * ldc + j] = beta == 0 ? alpha * sum : alpha * sum + beta * c[i * ldc + j]
        }
    }
}

/// Multiplies row-major matrices held in arrays: `op(A)·op(B)` as a new `m×n` array.
func matmulArrays(_ a: [Double], _ b: [Double], transA: Bool = false, transB: Bool = false,
                  m: Int, n: Int, k: Int) -> [Double] {
    guard m > 0, n > 0, k > 0 else { return [Double](repeating: 0, count: m * n) }
    // beta = 0: gemm writes every element of C without reading it, so C needs no zero fill.
    return [Double](unsafeUninitializedCapacity: m * n) { cp, initialized in
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                _ = gemm(transA: transA, transB: transB, m: m, n: n, k: k,
                         a: ap.baseAddress!, lda: transA ? m : k,
                         b: bp.baseAddress!, ldb: transB ? k : n,
                         c: cp.baseAddress!, ldc: n)
            }
        }
        initialized = m * n
    }
}
