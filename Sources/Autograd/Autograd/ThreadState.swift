#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The engine's mutable global settings, one set per thread.
///
/// PyTorch keeps grad mode per thread, and so does this engine: a lesson program (one thread)
/// sees plain globals, while tests running in parallel cannot switch each other's grad mode,
/// kernel, op observer or default generator. Kept in a pthread key because the values are read
/// by every op and must not cost a dictionary lookup.
final class ThreadState {
    /// Whether ops are recorded (``isGradEnabled``).
    var gradEnabled = true
    /// Whether ``withInferenceMode(_:)`` is on: tensors made now are inference tensors.
    var inferenceMode = false
    /// The kernel chosen by ``withMatmulKernel(_:_:)``, overriding ``MatmulKernel/default``.
    var kernelOverride: MatmulKernel?
    /// ``Recorder/observer``.
    var observer: ((Node) -> Void)?
    /// The open ``profile(_:_:)`` scopes, outermost first; every op and backward step reports to each.
    var profilers: [ProfileCounter] = []
    /// Floating-point operations counted by the kernels (``countFlops(_:)``) on this thread so far.
    /// Only differences matter: backward reads it before and after to measure its own work.
    var kernelFlops = 0
    /// ``defaultGenerator``, created on first use with seed 0.
    lazy var generator = Generator()

    /// The key under which each thread keeps its state; the destructor releases it when the
    /// thread ends.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let pointer = pointer as UnsafeMutableRawPointer? else { return }
            Unmanaged<ThreadState>.fromOpaque(pointer).release()
        }
        return key
    }()

    /// This thread's state, created on first use.
    static var current: ThreadState {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<ThreadState>.fromOpaque(pointer).takeUnretainedValue()
        }
        let state = ThreadState()
        pthread_setspecific(key, Unmanaged.passRetained(state).toOpaque())
        return state
    }
}
