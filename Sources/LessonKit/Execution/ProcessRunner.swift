import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a child process ended.
public enum Termination: Equatable, Sendable, Codable {
    /// It exited with this status.
    case exited(Int32)
    /// A signal ended it (a trap is `SIGILL` or `SIGTRAP`).
    case signaled(Int32)
    /// It ran past its time limit and its process group was killed.
    case timedOut
}

/// What a child process printed and how it ended.
public struct ProcessOutcome: Equatable, Sendable, Codable {
    /// Everything written to standard output.
    public var stdout: String
    /// Everything written to standard error.
    public var stderr: String
    /// How it ended.
    public var termination: Termination
    /// Wall-clock seconds from spawn to exit.
    public var duration: Double
}

/// Runs a program in its own process group with a time limit, collecting its output. This is
/// an edge of the pipeline: the only place a process is started.
public enum ProcessRunner {
    /// Errors starting a process.
    public struct SpawnError: Error, CustomStringConvertible {
        /// What could not be started.
        public var description: String
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29 and later), looked up at run time:
    /// Swift's Glibc module does not declare it, and a child must start in its folder without
    /// a `fork` of this (threaded) process.
    private static let addChdir: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
    }()

    /// Runs `arguments[0]` (looked up in `PATH` when it has no slash) and waits for it.
    ///
    /// - Parameters:
    ///   - environment: variables to set on top of this process's environment.
    ///   - directory: the working directory it starts in (this process's when `nil`).
    ///   - timeout: seconds after which the whole process group is killed.
    /// - Returns: its output and how it ended. Runs on a thread of its own, so a long run does
    ///   not hold a Swift concurrency thread.
    public static func run(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
                           timeout: Double? = nil) async throws -> ProcessOutcome {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result {
                    try runBlocking(arguments, environment: environment, directory: directory, timeout: timeout)
                })
            }
            thread.start()
        }
    }

    /// The blocking form of ``run(_:environment:directory:timeout:)``.
    public static func runBlocking(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
                                   timeout: Double? = nil) throws -> ProcessOutcome {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        // Closed on exec: a program started at the same time from another thread must not inherit
        // these ends (it would hold the pipe open, and this run would wait for it to end).
        // (Glibc's pipe2 is not imported into Swift, hence pipe and fcntl.)
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw SpawnError(description: "cannot create a pipe") }
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }
        if let directory {
            guard let addChdir = Self.addChdir else {
                for fd in outPipe + errPipe { close(fd) }
                throw SpawnError(description: "cannot start `\(arguments[0])` in \(directory): this C library cannot set a child's directory")
            }
            _ = addChdir(&actions, directory)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        let argv = (ChildProcesses.deathSignalWrapper + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        let start = Date()
        var pid = pid_t()
        let status = posix_spawnp(&pid, (ChildProcesses.deathSignalWrapper + arguments)[0], &actions, &attributes, argv, envp)
        if status == 0 { ChildProcesses.started(pid) }
        defer { ChildProcesses.reaped(pid) }
        close(outPipe[1])
        close(errPipe[1])
        guard status == 0 else {
            close(outPipe[0]); close(errPipe[0])
            throw SpawnError(description: "cannot start `\(arguments[0])`: \(String(cString: strerror(status)))")
        }

        var out: [UInt8] = [], err: [UInt8] = []
        var open = [outPipe[0], errPipe[0]]
        var timedOut = false, exited = false
        var code: Int32 = 0
        let deadline = timeout.map { start.addingTimeInterval($0) }
        // Reading stops a moment after the program ended or was killed, even when the pipes are
        // still open: a child it started in a session of its own may hold them for ever.
        var stopReading: Date?
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if !exited, waitpid(pid, &code, WNOHANG) == pid {
                exited = true
                stopReading = Date().addingTimeInterval(0.25)
            }
            if exited && open.isEmpty { break }
            if let deadline, !timedOut, Date() >= deadline {
                // The time limit is on the program, not on its pipes.
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                timedOut = true
                stopReading = Date().addingTimeInterval(0.5)
            }
            var wait: Int32 = 100
            if let deadline, !timedOut { wait = Int32(max(1, min(deadline.timeIntervalSinceNow * 1000 + 1, 100))) }
            if open.isEmpty {
                if timedOut { break }
                usleep(UInt32(wait) * 1000)
                continue
            }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), stopReading == nil ? wait : 20)
            if ready < 0 && errno != EINTR { break }
            // Past the grace period and the pipes are quiet: whoever still holds them is not
            // the program.
            if ready == 0, let stopReading, Date() >= stopReading { break }
            // And never more than two seconds past it, however busy the pipes are.
            if let stopReading, Date() >= stopReading.addingTimeInterval(2) { break }
            for entry in fds where entry.revents != 0 {
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == outPipe[0] { out += buffer[..<count] } else { err += buffer[..<count] }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(entry.fd)
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        for fd in open { close(fd) }
        if !exited {
            // Killed above (or its pipes failed): SIGKILL cannot be ignored, so this returns.
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            while waitpid(pid, &code, 0) < 0 && errno == EINTR {}
        }
        // Whatever the child left behind in its group goes too.
        kill(-pid, SIGKILL)

        let termination: Termination
        if timedOut {
            termination = .timedOut
        } else if code & 0x7f == 0 {
            termination = .exited((code >> 8) & 0xff)
        } else {
            termination = .signaled(code & 0x7f)
        }
        return ProcessOutcome(stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
                              termination: termination, duration: Date().timeIntervalSince(start))
    }
}
