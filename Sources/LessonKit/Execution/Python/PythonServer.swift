import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A connection to a `freezelab_cells.py --serve` process: it imports torch once, then runs each
/// lesson program it is sent in a forked child, several at a time. `import torch` (and the parts
/// of PyTorch optimizers load on first use) take seconds of CPU, so the server is shared: by every
/// lesson of a check, and by the checks that follow it for a while (``idleSeconds``), as a
/// language server or a build daemon is. An edge of the pipeline, like ``ProcessRunner``.
///
/// The server listens on a Unix socket named for everything its results depend on (the
/// interpreter, the PyTorch version, the runtime script, the programs' environment), so a check
/// never reaches a server that would run its cells differently. When a connection closes (the
/// check finished, or died, even by `kill -9`), the server kills the children that check still
/// had: no lesson program outlives the check that asked for it.
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

    /// Seconds a server stays after its last check left: `FREEZELAB_PYTORCH_IDLE`, else 600.
    /// 0 ends it with the last check.
    static func idleSeconds(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Double {
        environment["FREEZELAB_PYTORCH_IDLE"].flatMap(Double.init).map { max(0, $0) } ?? 600
    }

    /// The socket, shared with the thread that reads it: that thread closes it when it ends.
    private final class Connection: @unchecked Sendable {
        let fd: Int32
        private let lock = NSLock()
        private var open = true
        init(fd: Int32) { self.fd = fd }
        /// Ends the connection both ways; the reader then sees its end and closes it.
        func shutDown() { lock.withLock { if open { _ = shutdown(fd, Int32(SHUT_RDWR)) } } }
        func close() { lock.withLock { if open { open = false; _ = Glibc.close(fd) } } }
    }

    private let connection: Connection
    private let lock = NSLock()
    private var requests: [Int: Request] = [:]
    private var nextID = 0
    private var dead = false

    /// Connects to the server for `key` in `folder` (see ``prepare(folder:)``), starting one
    /// (`executable` running the runtime `script`, with `environment`) when none runs; torch is
    /// imported while the caller goes on.
    init(executable: String, script: String, environment: [String: String], folder: String, key: String,
         idle: Double = PythonServer.idleSeconds()) throws {
        guard let socket = Self.socketPath(folder: folder, key: key) else {
            throw ServerError(description: "the folder \(folder) is too deep for a socket")
        }
        guard let connection = Self.connectOrStart(socket: socket, arguments: [executable, "-u", script, "--serve", socket, String(idle)],
                                                   environment: environment) else {
            throw ServerError(description: "cannot reach or start a PyTorch server at \(socket)")
        }
        let shared = Connection(fd: connection)
        self.connection = shared
        // The answers are read with blocking calls: a thread of their own, for the connection's life.
        Thread { [weak self, shared] in
            PythonServer.read(shared.fd) { self?.handle($0) }
            shared.close()
            self?.closed()
        }.start()
    }

    deinit { disconnect() }

    /// Ends this check's connection: the server kills the programs it still runs for it, and
    /// every caller still waiting gets `nil`. The reader thread sees the end and closes the socket.
    func disconnect() { connection.shutDown() }

    /// Runs the lesson program `spec` in a child, its output going to files in `folder` (also its
    /// working directory), and stops it (its whole process group) after `timeout` seconds; `nil`
    /// when the server is gone.
    func run(spec: String, folder: String, timeout: Double) async -> ProcessOutcome? {
        let started = Date()
        // Absolute paths: the server runs in another directory, and the child in `folder`.
        let absolute = URL(fileURLWithPath: folder).standardizedFileURL.path
        let spec = URL(fileURLWithPath: spec).standardizedFileURL.path
        let stdoutPath = "\(absolute)/stdout.txt", stderrPath = "\(absolute)/stderr.txt"
        let ended: (status: Int, timedOut: Bool)? = await withCheckedContinuation { continuation in
            lock.lock()
            guard !dead else { lock.unlock(); continuation.resume(returning: nil); return }
            let id = nextID
            nextID += 1
            requests[id] = Request(continuation: continuation, timeout: timeout)
            let message = try? JSONSerialization.data(
                withJSONObject: ["id": id, "spec": spec, "stdout": stdoutPath, "stderr": stderrPath, "cwd": absolute],
                options: [.sortedKeys])
            let written = Self.send((message ?? Data()) + Data("\n".utf8), to: connection.fd)
            lock.unlock()
            if !written { closed() }
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
    private func closed() {
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

    /// Reads JSON lines from `connection` until it ends.
    private static func read(_ connection: Int32, _ each: ([String: Any]) -> Void) {
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = Glibc.read(connection, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            buffer.append(contentsOf: chunk[0..<count])
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                if let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] { each(object) }
            }
        }
    }

    private struct ServerError: Error, CustomStringConvertible { var description: String }
}

// MARK: - Finding or starting the server

extension PythonServer {
    /// Where servers' sockets and scripts live: a folder of this user's in the temporary folder
    /// (`TMPDIR`, else `/tmp`), shared by every check of every checkout, so a test suite or two
    /// projects with the same Python and PyTorch share one server.
    static var defaultFolder: String {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("freezelab-\(getuid())").path
    }

    /// The socket for `key` in `folder`; `nil` when that path is too long for a socket name (108
    /// bytes on Linux).
    static func socketPath(folder: String, key: String) -> String? {
        let path = URL(fileURLWithPath: folder).standardizedFileURL.appendingPathComponent("\(key).sock").path
        return path.utf8.count < 100 ? path : nil
    }

    /// Makes `folder` this user's alone, or says it cannot: another user's folder (or a symbolic
    /// link planted in a shared `/tmp`) must not receive our programs.
    static func prepare(folder: String) -> Bool {
        if mkdir(folder, 0o700) != 0 && errno != EEXIST { return false }
        var status = stat()
        guard lstat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, status.st_uid == getuid() else { return false }
        return status.st_mode & 0o077 == 0 || chmod(folder, 0o700) == 0
    }

    /// A connection to the server on `socket`, starting one with `arguments` when none answers.
    /// Under a lock file, so checks that start at once start one server between them.
    private static func connectOrStart(socket: String, arguments: [String], environment: [String: String]) -> Int32? {
        if let connection = connect(socket) { return connection }
        let lockFile = open(socket + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lockFile >= 0 else { return nil }
        defer { close(lockFile) }  // closing releases the lock
        while flock(lockFile, LOCK_EX) != 0 && errno == EINTR {}
        if let connection = connect(socket) { return connection }
        unlink(socket)  // a server that died left its name behind
        guard let pid = spawn(arguments, environment: environment) else { return nil }
        // The server binds its socket before it imports torch: this takes a Python start-up.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let connection = connect(socket) {
                // Reaped whenever it ends, so a long-lived caller (serve, tests) keeps no zombie.
                Thread { var status: Int32 = 0; _ = waitpid(pid, &status, 0) }.start()
                return connection
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return connect(socket) }  // it ended: someone else's may answer
            usleep(10_000)
        }
        return nil
    }

    /// A connected socket to `path`, closed on exec (lesson programs must not hold it, or the
    /// server would not see this check end), or `nil`.
    private static func connect(_ path: String) -> Int32? {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { close(fd); return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if result != 0 { close(fd); return nil }
        return fd
    }

    /// Writes all of `data`; `false` when the server is gone (no SIGPIPE: that would end the check).
    private static func send(_ data: Data, to connection: Int32) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = Glibc.send(connection, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 && errno == EINTR { continue }
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }
    }

    /// Starts the server detached from this process's standard streams (it outlives the check,
    /// and must not hold a pipe a caller waits on); the server makes a session of its own.
    private static func spawn(_ arguments: [String], environment: [String: String]) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in 0...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        let argv = ["/usr/bin/env"] + arguments
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, cArguments, cEnvironment) == 0 else { return nil }
        return pid
    }
}
