import Foundation
import Testing
@testable import LessonKit

/// The `--jobs` slots hand a freed slot to the longest waiting work first, so a long lesson is not
/// left to run alone at the end of a check.
@Suite struct JobSlotsTests {
    /// Records the order in which work ran.
    actor Log {
        var names: [String] = []
        func add(_ name: String) { names.append(name) }
    }

    /// One slot, held while work with the given priorities queues up in this order; returns the
    /// order the queued work ran in once the slot is freed.
    func runOrder(_ queued: [(String, Double)]) async throws -> [String] {
        let slots = JobSlots(1)
        let log = Log()
        let (gate, open) = AsyncStream.makeStream(of: Void.self)
        let holder = Task { try await slots.run { await log.add("holder"); for await _ in gate { break } } }
        // Each wait is bounded, generously: beside the whole suite a new task may wait seconds for
        // a thread of the shared pool.
        var deadline = Date().addingTimeInterval(60)
        while await log.names.isEmpty, Date() < deadline { try await Task.sleep(for: .milliseconds(2)) }
        var workers: [Task<Void, Error>] = []
        for (count, (name, priority)) in queued.enumerated() {
            workers.append(Task { try await slots.run(priority: priority) { await log.add(name) } })
            deadline = Date().addingTimeInterval(60)
            while await slots.waitingCount < count + 1, Date() < deadline { try await Task.sleep(for: .milliseconds(2)) }
            #expect(await slots.waitingCount == count + 1, "\(name) waits for the slot")
        }
        open.yield()
        open.finish()
        try await holder.value
        for worker in workers { try await worker.value }
        return Array(await log.names.dropFirst())
    }

    @Test func theLongestWaitingWorkRunsFirst() async throws {
        #expect(try await runOrder([("short", 1), ("longest", 9), ("long", 4), ("never run", 0)])
                == ["longest", "long", "short", "never run"])
    }

    @Test func equalWorkRunsInTheOrderItCame() async throws {
        #expect(try await runOrder([("a", 2), ("b", 2), ("c", 5), ("d", 2)]) == ["c", "a", "b", "d"])
    }
}
