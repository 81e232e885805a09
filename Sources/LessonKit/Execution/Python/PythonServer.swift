import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A long-lived `freezelab_cells.py --serve` process: it imports torch once, then runs each lesson
/// program it is sent in a forked child, several at a time. `import torch` (and the parts of
/// PyTorch optimizers load on first use) take seconds, so a check of many bilingual lessons pays
/// for it once instead of once per lesson. An edge of the pipeline, like ``ProcessRunner``.
final class PythonServer: @unchecked Sendable {
    /// A program the server was asked to run, until its child ends.
    private final class Request {
        let continuation: CheckedContinuation<(status: Int, timedOut: Bool)?, Never>
        let timeout: Double
        var pid: Int32?
        var timedOut = false
        init(continuation: CheckedContinuation<(status: Int, timedOut: Bool)?, Never>, timeout: Double) {
            self.continuation = continuation
            self.timeout = timeout
        }
    }

    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private let lock = NSLock()
    private var requests: [Int: Request] = [:]
    private var nextID = 0
    private var dead = false

    /// Starts a server with `executable` running `script`; it imports torch while the caller
    /// goes on.
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
        // The answers are read with blocking calls: a thread of their own, for the server's life.
        Thread { [weak self, output] in PythonServer.read(output) { self?.handle($0) } ; self?.die() }.start()
    }

    deinit {
        try? input.close()        // the server's loop ends at end of input
        if process.isRunning { process.terminate() }
    }

    /// Runs the lesson program `spec` in a child, its output going to files in `folder`, and
    /// stops it (its whole process group) after `timeout` seconds; `nil` when the server is gone.
    func run(spec: String, folder: String, timeout: Double) async -> ProcessOutcome? {
        let started = Date()
        let stdoutPath = "\(folder)/stdout.txt", stderrPath = "\(folder)/stderr.txt"
        let ended: (status: Int, timedOut: Bool)? = await withCheckedContinuation { continuation in
            lock.lock()
            guard !dead else { lock.unlock(); continuation.resume(returning: nil); return }
            let id = nextID
            nextID += 1
            requests[id] = Request(continuation: continuation, timeout: timeout)
            let message = try? JSONSerialization.data(
                withJSONObject: ["id": id, "spec": spec, "stdout": stdoutPath, "stderr": stderrPath], options: [.sortedKeys])
            let written = (try? input.write(contentsOf: (message ?? Data()) + Data("\n".utf8))) != nil
            lock.unlock()
            if !written { die() }
        }
        guard let ended else { return nil }
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        let termination: Termination = ended.timedOut ? .timedOut
            : ended.status >= 0 ? .exited(Int32(ended.status)) : .signaled(Int32(-ended.status))
        return ProcessOutcome(stdout: read(stdoutPath), stderr: read(stderrPath), termination: termination,
                              duration: Date().timeIntervalSince(started))
    }

    /// One answer: a child started (its pid: the clock starts) or ended (its status).
    private func handle(_ answer: [String: Any]) {
        guard let id = answer["id"] as? Int else { return }
        lock.lock()
        defer { lock.unlock() }
        guard let request = requests[id] else { return }
        if let pid = answer["pid"] as? Int {
            request.pid = Int32(pid)
            DispatchQueue.global().asyncAfter(deadline: .now() + request.timeout) { [weak self] in
                self?.expire(id: id)
            }
        } else if let status = answer["status"] as? Int {
            requests[id] = nil
            request.continuation.resume(returning: (status, request.timedOut))
        }
    }

    /// A child ran past its time: stop its process group; its end is reported as a timeout.
    private func expire(id: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard let request = requests[id], let pid = request.pid else { return }
        request.timedOut = true
        kill(-pid, SIGKILL)
    }

    /// The server is gone: every caller still waiting falls back to running its own process.
    private func die() {
        lock.lock()
        dead = true
        let waiting = requests.values
        requests = [:]
        lock.unlock()
        for request in waiting {
            if let pid = request.pid { kill(-pid, SIGKILL) }
            request.continuation.resume(returning: nil)
        }
    }

    /// Reads JSON lines from `handle` until it ends.
    private static func read(_ handle: FileHandle, _ each: ([String: Any]) -> Void) {
        var buffer = Data()
        while true {
            let data = handle.availableData
            if data.isEmpty { return }
            buffer.append(data)
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                if let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] { each(object) }
            }
        }
    }
}
