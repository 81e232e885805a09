import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The process groups freezelab started and has not yet reaped (compilers, lesson programs,
/// interpreters), so that none outlives it: on SIGINT, SIGTERM or SIGHUP every group is killed
/// before freezelab ends with that signal, and each child is started under
/// `setpriv --pdeathsig KILL` (util-linux) so that even a `kill -9` of freezelab takes it along.
public enum ChildProcesses {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var groups: Set<pid_t> = []
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// `setpriv`, when this machine has it: children then die with the thread that started them.
    static let deathSignalWrapper: [String] = {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") ? ["/usr/bin/setpriv", "--pdeathsig", "KILL"] : []
    }()

    static func started(_ pid: pid_t) { lock.withLock { _ = groups.insert(pid) } }
    static func reaped(_ pid: pid_t) { lock.withLock { _ = groups.remove(pid) } }

    /// The groups running now.
    static var running: Set<pid_t> { lock.withLock { groups } }

    /// Kills every process group started and not yet reaped.
    public static func killAll() { killGroups(running) }

    /// Kills the process groups led by `pids` (and the leaders, should one have left its group).
    static func killGroups(_ pids: Set<pid_t>) {
        for pid in pids {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
        }
    }

    /// From now on, SIGINT, SIGTERM and SIGHUP kill every child group first, then end this
    /// process with the same signal (so its exit status still tells which). Calling it again
    /// does nothing.
    public static func stopOnSignals() {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                killAll()
                // End by the same signal, so a shell sees how it ended. To the process, not
                // `raise`: this handler runs on a dispatch thread that blocks signals, where a
                // raised one would wait for ever. Should another thread block it too, exit anyway.
                signal(signalNumber, SIG_DFL)
                kill(getpid(), signalNumber)
                usleep(200_000)
                _exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
