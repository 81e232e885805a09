import Foundation
import Testing
@testable import LessonKit
import Figures
#if canImport(Glibc)
import Glibc
#endif

/// The PyTorch server shared by checks: one per interpreter, PyTorch and runtime; it outlives a
/// check by its idle time, never a check's own lesson programs. Each test has a folder (so a
/// server) of its own, and real PyTorch from the project's `.venv`.
@Suite(.serialized) struct PythonServerTests {
    let folder = temporaryDirectory("fl-srv")

    func environment() async -> PythonEnvironment {
        await PythonEnvironment.locate(executable: PythonEnvironment.interpreter(packageRoot: packageRoot))
    }

    /// The programs of a lesson made of `python run` cells with these bodies (no output blocks:
    /// the tests read the transcript).
    func plans(_ cells: [String]) -> [PythonProgramPlan] {
        let source = "# T\n\n" + cells.map { "```python run\n\($0)\n```\n\n" }.joined()
        return PythonProgramPlan.plans(for: LessonParser().parse(source: source, path: "t.md").lesson)
    }

    func run(_ runner: PythonRunner, _ cells: [String], in directory: String = temporaryDirectory("fl-srv-run")) async throws -> ProcessOutcome {
        let runs = try await runner.run(plans(cells), in: directory)
        return try #require(runs.first?.process)
    }

    /// The lines of the transcript that are not cell markers.
    func printed(_ outcome: ProcessOutcome) -> [String] {
        outcome.stdout.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix(CellWire.marker) }
    }

    func alive(_ pid: Int32) -> Bool { kill(pid, 0) == 0 }

    /// Removes this test's sockets: its servers end within a second instead of idling on.
    func stopServers() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".sock") {
            unlink("\(folder)/\(name)")
        }
    }

    /// Waits up to `seconds` for `condition`.
    func eventually(_ seconds: Double = 5, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        return condition()
    }

    @Test func twoChecksShareOneServer() async throws {
        defer { stopServers() }
        let python = await environment()
        try #require(python.torchVersion != nil, "needs PyTorch in .venv (scripts/setup.sh)")
        let first = PythonRunner(environment: python, mode: .require, timeout: 60, serverFolder: folder)
        let second = PythonRunner(environment: python, mode: .require, timeout: 60, serverFolder: folder)
        let a = printed(try await run(first, ["import os; print(os.getppid())"]))
        let b = printed(try await run(second, ["import os; print(os.getppid())"]))
        #expect(a.count == 1 && a == b, "both programs are children of one server: \(a) \(b)")
        let server = try #require(a.first.flatMap { Int32($0) })
        #expect(server != getpid())
        // Removing its socket retires the server.
        let socket = try #require(PythonServer.socketPath(folder: folder, key: PythonRunner.serverKey(environment: python, torchVersion: python.torchVersion!)))
        #expect(FileManager.default.fileExists(atPath: socket))
        unlink(socket)
        // It looks at its socket every second; a CI machine running the browser tests beside this
        // one can make that second several, so the wait is generous (a server that stays fails it).
        #expect(await eventually(30) { !alive(server) || isZombie(server) }, "the server ends when its socket is removed")
    }

    /// A server of this test's own, reached directly, and a folder holding the program `cells`.
    func server(idle: Double = 600, _ cells: [String]) async throws -> (PythonServer, program: String) {
        let python = await environment()
        let version = try #require(python.torchVersion, "needs PyTorch in .venv (scripts/setup.sh)")
        let key = PythonRunner.serverKey(environment: python, torchVersion: version)
        let script = "\(folder)/\(key).py"
        #expect(PythonServer.prepare(folder: folder))
        try PythonProgramPlan.runtime.write(toFile: script, atomically: true, encoding: .utf8)
        let server = try PythonServer(executable: python.executable, script: script,
                                      environment: PythonRunner.programEnvironment, folder: folder, key: key, idle: idle)
        let directory = temporaryDirectory("fl-srv-run")
        try plans(cells)[0].spec.write(to: URL(fileURLWithPath: "\(directory)/cells.json"))
        return (server, directory)
    }

    @Test func aChecksProgramsDieWithIt() async throws {
        defer { stopServers() }
        // A program that records its pid in its working directory, then sleeps far past the test.
        let (server, directory) = try await server(["import os, time\nopen('pid', 'w').write(str(os.getpid()))\ntime.sleep(120)"])
        let task = Task { await server.run(spec: "\(directory)/cells.json", folder: directory, timeout: 120) }
        let pidFile = "\(directory)/pid"
        #expect(await eventually(30) { FileManager.default.fileExists(atPath: pidFile) }, "the program runs in its own folder")
        let pid = try #require((try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { Int32($0) })
        #expect(alive(pid))
        // The check's connection closes, as when the check ends or is killed.
        server.disconnect()
        #expect(await task.value == nil, "a program whose server left has no outcome: the runner runs it itself")
        #expect(await eventually(30) { !alive(pid) }, "the lesson program outlived its check")
        #expect(!FileManager.default.fileExists(atPath: "\(packageRoot)/pid"), "the program wrote into the package")
    }

    @Test func theServerLeavesWithItsLastCheckWhenIdleIsZero() async throws {
        defer { stopServers() }
        var (server, directory): (PythonServer?, String) = try await server(idle: 0, ["import os; print(os.getppid())"])
        let outcome = try #require(await server!.run(spec: "\(directory)/cells.json", folder: directory, timeout: 60))
        let pid = try #require(printed(outcome).first.flatMap { Int32($0) })
        #expect(alive(pid))
        let python = await environment()
        let socket = PythonServer.socketPath(folder: folder, key: PythonRunner.serverKey(environment: python, torchVersion: python.torchVersion!))!
        #expect(FileManager.default.fileExists(atPath: socket))
        server = nil
        #expect(await eventually(30) { !alive(pid) || isZombie(pid) }, "an idle-0 server ends with its last check")
        #expect(!FileManager.default.fileExists(atPath: socket), "it removes its socket")
    }

    /// A child of this process that ended but was not waited for still answers `kill(pid, 0)`.
    func isZombie(_ pid: Int32) -> Bool {
        ((try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? "").contains(") Z ")
    }

    @Test func aFolderOfAnotherUserOrALinkIsRefused() throws {
        let link = "\(folder)/elsewhere"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/tmp")
        #expect(!PythonServer.prepare(folder: link))
        #expect(PythonServer.prepare(folder: "\(folder)/mine"))
        var status = stat()
        #expect(lstat("\(folder)/mine", &status) == 0 && status.st_mode & 0o777 == 0o700)
    }
}
