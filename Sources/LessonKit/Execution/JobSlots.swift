/// At most `count` pieces of local work at once: `--jobs`. Compiling and running a lesson's
/// Swift program takes a slot; a lesson waiting for the PyTorch server does not, so while the
/// server imports torch the compilers keep the cores busy with the next lessons.
///
/// A freed slot goes to the waiting work with the highest priority, first come first served
/// among equals. The checker gives a lesson the time its last run took, so the longest lessons
/// start first and the check does not end on one long lesson running alone on one core.
actor JobSlots {
    private var free: Int
    private var waiting: [(priority: Double, arrival: Int, continuation: CheckedContinuation<Void, Never>)] = []
    private var arrivals = 0

    init(_ count: Int) { free = max(1, count) }

    /// How much work is waiting for a slot.
    var waitingCount: Int { waiting.count }

    /// Runs `body` in a slot, waiting for one first.
    func run<T: Sendable>(priority: Double = 0, _ body: @Sendable () async throws -> T) async throws -> T {
        await acquire(priority: priority)
        do {
            let value = try await body()
            release()
            return value
        } catch {
            release()
            throw error
        }
    }

    private func acquire(priority: Double) async {
        if free > 0 { free -= 1; return }
        arrivals += 1
        let arrival = arrivals
        await withCheckedContinuation { waiting.append((priority, arrival, $0)) }
    }

    private func release() {
        guard let next = waiting.indices.max(by: { a, b in
            (waiting[a].priority, -waiting[a].arrival) < (waiting[b].priority, -waiting[b].arrival)
        }) else { free += 1; return }
        waiting.remove(at: next).continuation.resume()
    }
}
