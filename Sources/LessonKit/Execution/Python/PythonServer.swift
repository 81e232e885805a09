import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A long-lived `freezelab_cells.py --serve` process: it imports torch once, then runs each lesson
/// program it is sent in a forked child. `import torch` takes seconds, so a check of many
/// bilingual lessons pays for it once per server instead of once per lesson. An edge of the
/// pipeline, like ``ProcessRunner``.
final class PythonServer: @unchecked Sendable {
    /// The server stopped answering (it could not start, or died).
    struct Unavailable: Error {}

    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private var buffer = Data()

    /// Starts a server with `executable` running `script`.
    init(executable: String, script: String, environment: [String: String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable, "-u", script, "--serve"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        input = stdin.fileHandleForWriting
        output = stdout.fileHandleForReading
        try process.run()
    }

    deinit {
        try? input.close()        // the server's loop ends at end of input
        if process.isRunning { process.terminate() }
    }

    /// Runs the lesson program `spec` in a child, its output going to files in `folder`, and
    /// stops it (its whole process group) after `timeout` seconds. Blocks the calling thread.
    func run(spec: String, folder: String, timeout: Double) throws -> ProcessOutcome {
        let started = Date()
        let stdoutPath = "\(folder)/stdout.txt", stderrPath = "\(folder)/stderr.txt"
        let request = try JSONSerialization.data(withJSONObject: ["spec": spec, "stdout": stdoutPath, "stderr": stderrPath],
                                                 options: [.sortedKeys])
        do { try input.write(contentsOf: request + Data("\n".utf8)) } catch { throw Unavailable() }
        guard let pid = (try answer()["pid"] as? Int).map(Int32.init) else { throw Unavailable() }
        let watch = Watch()
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            if watch.expire() { kill(-pid, SIGKILL) }
        }
        let ended = try answer()
        let timedOut = !watch.finish()
        guard let status = ended["status"] as? Int else { throw Unavailable() }
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        let termination: Termination = timedOut ? .timedOut : status >= 0 ? .exited(Int32(status)) : .signaled(Int32(-status))
        return ProcessOutcome(stdout: read(stdoutPath), stderr: read(stderrPath), termination: termination,
                              duration: Date().timeIntervalSince(started))
    }

    /// The next line the server writes, as a JSON object.
    private func answer() throws -> [String: Any] {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else { throw Unavailable() }
                return object
            }
            let data = output.availableData
            guard !data.isEmpty else { throw Unavailable() }
            buffer.append(data)
        }
    }
}

/// Whether a child finished before its deadline: whichever of `finish` and `expire` comes first wins.
private final class Watch: @unchecked Sendable {
    private let lock = NSLock()
    private var settled = false

    /// The child ended; `true` if that was before the deadline.
    func finish() -> Bool { settle() }
    /// The deadline passed; `true` if the child had not ended yet (so it must be stopped).
    func expire() -> Bool { settle() }

    private func settle() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let first = !settled
        settled = true
        return first
    }
}

/// Up to a number of ``PythonServer``s, started when first needed and handed to one lesson at a
/// time. A server that cannot start or dies is dropped; a caller that gets none runs its program
/// on its own (``PythonRunner``).
actor PythonServerPool {
    private let maximum: Int
    private let make: @Sendable () throws -> PythonServer
    private var idle: [PythonServer] = []
    private var started = 0
    private var waiting: [CheckedContinuation<PythonServer?, Never>] = []

    init(maximum: Int, make: @escaping @Sendable () throws -> PythonServer) {
        self.maximum = max(1, maximum)
        self.make = make
    }

    /// Starts every server now, so their `import torch` overlaps with the Swift work that comes
    /// before the first PyTorch program.
    func prestart() {
        while started < maximum, let server = start() { idle.append(server) }
    }

    /// A server for the caller alone, until ``checkIn(_:healthy:)``; `nil` when none can be had.
    func checkOut() async -> PythonServer? {
        if let server = idle.popLast() { return server }
        if started < maximum { return start() }
        return await withCheckedContinuation { waiting.append($0) }
    }

    /// Returns `server` to the pool; `healthy: false` drops it (it died) and starts another for
    /// whoever waits.
    func checkIn(_ server: PythonServer, healthy: Bool = true) {
        if !healthy { started -= 1 }
        guard !waiting.isEmpty else {
            if healthy { idle.append(server) }
            return
        }
        waiting.removeFirst().resume(returning: healthy ? server : start())
    }

    private func start() -> PythonServer? {
        guard let server = try? make() else { return nil }
        started += 1
        return server
    }
}
