import Foundation
import Testing
@testable import LessonKit
#if canImport(Glibc)
import Glibc
#endif

/// No child outlives freezelab: every group it started is known until reaped, killing the known
/// groups (what SIGINT, SIGTERM and SIGHUP do, through `killAll`) ends them, grandchildren
/// included, and children die with the thread that started them (`setpriv --pdeathsig`), which
/// covers `kill -9` of freezelab. (`killAll` itself is not called here: it would kill the other
/// tests' compilers too.)
@Suite(.serialized) struct ChildProcessesTests {
    func alive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 && !((try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? "").contains(") Z ")
    }

    @Test func aRunningChildIsKnownUntilReapedAndKillingItsGroupEndsIt() async throws {
        let folder = temporaryDirectory("fl-child")
        // The child records its pid, starts a grandchild in its group, and sleeps.
        let task = Task {
            try await ProcessRunner.run(["/bin/sh", "-c", "echo $$ > \(folder)/pid; sleep 60 & echo $! > \(folder)/grandchild; wait"], timeout: 120)
        }
        let read = { (name: String) in Int32((try? String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") }
        // `echo … > file` creates the file before it writes: wait for the numbers, not the files.
        let deadline = Date().addingTimeInterval(60)
        while (read("grandchild") == nil || read("pid") == nil) && Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        let grandchild = try #require(read("grandchild")), child = try #require(read("pid"))
        #expect(ChildProcesses.running.contains(child))
        ChildProcesses.killGroups([child])
        let outcome = try await task.value
        #expect(outcome.termination == .signaled(SIGKILL))
        try await Task.sleep(nanoseconds: 200_000_000)
        #expect(!alive(grandchild), "the grandchild outlived the kill")
        #expect(!ChildProcesses.running.contains(child))
    }

    @Test func childrenAreStartedToDieWithTheirParent() async throws {
        guard !ChildProcesses.deathSignalWrapper.isEmpty else { return }  // no setpriv here: nothing to check
        // The child asks the kernel which signal it gets when its parent dies (PR_GET_PDEATHSIG).
        let child = try await ProcessRunner.run(["/usr/bin/python3", "-c",
                                                 "import ctypes; s = ctypes.c_int(); ctypes.CDLL(None).prctl(2, ctypes.byref(s)); print(s.value)"])
        #expect(child.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(SIGKILL)", "\(child.stdout) \(child.stderr)")
    }
}
