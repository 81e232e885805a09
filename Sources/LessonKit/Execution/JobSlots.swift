/// At most `count` pieces of local work at once: `--jobs`. Compiling and running a lesson's
/// Swift program takes a slot; a lesson waiting for the PyTorch server does not, so while the
/// server imports torch the compilers keep the cores busy with the next lessons.
actor JobSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { free = max(1, count) }

    /// Runs `body` in a slot, waiting for one first (first come, first served).
    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        do {
            let value = try await body()
            release()
            return value
        } catch {
            release()
            throw error
        }
    }

    private func acquire() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
