import Foundation
import Testing
@testable import LessonKit

/// A program compiled by running the driver's jobs directly (``CompileJobs``) must be the program
/// the driver builds: the same output when it runs, the same errors at the same lines when it does
/// not compile, and no temporary file left behind.
@Suite struct CompileJobsTests {
    @Test func shellWordsAreSplitAsAShellSplitsThem() {
        #expect(ShellWords.split("a b\tc") == ["a", "b", "c"])
        #expect(ShellWords.split("'/x y/a.swift' -o \"/tmp/q \\\"r\\\"\" back\\ slash") == ["/x y/a.swift", "-o", "/tmp/q \"r\"", "back slash"])
        #expect(ShellWords.split("'@/a b/L-1.autolink' ''") == ["@/a b/L-1.autolink", ""])
        #expect(ShellWords.split("'unterminated") == nil)
    }

    @Test func aListingOfAnotherShapeIsNotUsed() {
        #expect(CompileJobs.parse("/usr/bin/clang -o /FREEZELAB-OUTPUT x.o\n", temporaryFolder: "/t") == nil)
        #expect(CompileJobs.parse("", temporaryFolder: "/t") == nil)
    }

    @Test func theJobsBuildWhatTheDriverBuilds() async throws {
        let engine = try await StandInEngine.shared.engine()
        let folder = temporaryDirectory("fl-jobs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let compiler = SwiftCompiler()
        let jobs = try #require(await compiler.jobs(engine: engine, stampFolder: folder))
        #expect(jobs.commands.count >= 2)
        // Stored: the second call reads it back.
        #expect(await compiler.jobs(engine: engine, stampFolder: folder) == jobs)

        for (name, code) in [("good", "CellWire.start()\nlet x = [1, 2, 3]\nprint(x.reduce(0, +), CommandLine.arguments.count)\n"),
                             ("bad", "#sourceLocation(file: \"lessons/01-x.md\", line: 7)\nlet y: Int = \"text\"\n#sourceLocation()\n")] {
            var outcomes: [CompileOutcome] = []
            for way in ["jobs", "driver"] {
                let dir = "\(folder)/\(name)-\(way)"
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                try ("import Autograd\n" + code).write(toFile: "\(dir)/main.swift", atomically: true, encoding: .utf8)
                let outcome = try await compiler.compile(source: "\(dir)/main.swift", output: "\(dir)/lesson", engine: engine, timeout: 120,
                                                         jobs: way == "jobs" ? jobs : nil)
                outcomes.append(outcome)
                #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
                        == (outcome.succeeded ? ["lesson", "main.swift"] : ["main.swift"]), "\(way) left files behind")
                if outcome.succeeded {
                    let run = try await ProcessRunner.run(["\(dir)/lesson"])
                    #expect(run.stdout == "6 1\n", "\(way)")
                }
            }
            #expect(outcomes[0].succeeded == outcomes[1].succeeded)
            #expect(outcomes[0].diagnostics == outcomes[1].diagnostics)
            if name == "bad" { #expect(outcomes[0].diagnostics.first?.line == 7 && outcomes[0].diagnostics.first?.file == "lessons/01-x.md") }
        }
    }

    @Test func theBatchJobsBuildWhatTheDriverBuilds() async throws {
        let engine = try await StandInEngine.shared.engine()
        let folder = temporaryDirectory("fl-jobs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let compiler = SwiftCompiler()
        let jobs = try #require(await compiler.jobs(engine: engine, stampFolder: folder, batch: true))
        #expect(jobs != (await compiler.jobs(engine: engine, stampFolder: folder)))
        let files = ["main.swift": "import Autograd\nprint(one() + two())\n",
                     "one.swift": "func one() -> Int { 1 }\n", "two.swift": "func two() -> Int { 2 }\n"]
        for way in ["jobs", "driver"] {
            let dir = "\(folder)/batch-\(way)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for (name, text) in files { try text.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8) }
            let outcome = try await compiler.compile(sources: files.keys.sorted().map { "\(dir)/\($0)" }, output: "\(dir)/programs",
                                                     engine: engine, timeout: 120, jobs: way == "jobs" ? jobs : nil)
            #expect(outcome.succeeded, "\(way): \(outcome.log)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["main.swift", "one.swift", "programs", "two.swift"])
            #expect(try await ProcessRunner.run(["\(dir)/programs"]).stdout == "3\n", "\(way)")
        }
    }
}
