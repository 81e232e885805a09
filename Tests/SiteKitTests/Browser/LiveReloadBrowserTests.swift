import Foundation
import Testing

/// `freezelab serve` as an author uses it: the real binary serves a scratch package's lessons,
/// an open page reloads itself (where the reader was) when its lesson is saved, a lesson that
/// breaks shows its failure banner live, and no `site/` folder is written.
@Suite(.serialized, .enabled(if: WebDriver.executables != nil, "chromium and chromium-driver are not installed; skipping the browser check"),
       .timeLimit(.minutes(3)))
struct LiveReloadBrowserTests {
    /// The `freezelab` built beside this test bundle (`swift build --build-tests` builds both).
    static var freezelab: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("freezelab")
    }

    static func lesson(_ sentence: String) -> String {
        let filler = (1...80).map { "Paragraph \($0): filler so the page scrolls." }.joined(separator: "\n\n")
        return "---\nsummary: A lesson to edit.\n---\n\n# Editable\n\n\(sentence)\n\n\(filler)\n"
    }

    @Test func aServedPageReloadsAfterALessonEditAndSiteStaysUntouched() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.freezelab.path), "no freezelab binary at \(Self.freezelab.path)")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("serve-live-\(UUID().uuidString)")
        let lessons = root.appendingPathComponent("lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let file = lessons.appendingPathComponent("01-edit.md")
        try Self.lesson("The first version.").write(to: file, atomically: true, encoding: .utf8)

        let serve = Process()
        serve.executableURL = Self.freezelab
        serve.arguments = ["serve", "--port", "0", "--package-path", root.path, "--pytorch", "skip"]
        // Its output goes to a file, not a pipe nobody drains after the address is read.
        let log = root.appendingPathComponent("serve.log")
        try Data().write(to: log)
        let output = try FileHandle(forWritingTo: log)
        serve.standardOutput = output
        serve.standardError = output
        try serve.run()
        var stopped = false
        defer { if !stopped { _ = Self.stop(serve) } }
        let port = try await Self.port(from: log)
        let page = URL(string: "http://127.0.0.1:\(port)/01-edit.html")!

        let browser = try await WebDriver()
        do {
            try await browser.open(page)
            try await browser.run("window.scrollTo(0, 1200); window.__sameDocument = true; return null;")
            let before = try await browser.run("return window.scrollY;") as? Int ?? 0
            #expect(before > 1000, "the page did not scroll (\(before))")

            try Self.lesson("The second version.").write(to: file, atomically: true, encoding: .utf8)
            let reloaded = try await Self.poll(browser, until: "return document.body.textContent.indexOf('The second version.') >= 0;")
            #expect(reloaded, "the page did not show the edit")
            let marker = try await browser.run("return window.__sameDocument === true;") as? Bool
            #expect(marker == false, "the page changed without reloading")
            let after = try await browser.run("return window.scrollY;") as? Int ?? 0
            #expect(abs(after - before) <= 2, "scroll position \(before) became \(after)")

            // A lesson that breaks shows its failure banner, live.
            try (Self.lesson("The third version.") + "\n```output\nstray\n```\n").write(to: file, atomically: true, encoding: .utf8)
            let banner = try await Self.poll(browser, until: "return !!document.querySelector('.failure-banner');")
            #expect(banner, "no failure banner after the lesson broke")
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
        stopped = true
        #expect(Self.stop(serve), "serve did not exit on SIGINT")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path), "serve wrote site/")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(".freezelab-cache/serve-site/01-edit.html").path))
    }

    /// Stops `serve` as Ctrl-C would, then for sure; true when Ctrl-C was enough (within 5 s).
    /// (A bounded wait on `isRunning`, not `waitUntilExit()`, which can miss a child here.)
    static func stop(_ process: Process) -> Bool {
        let pid = process.processIdentifier
        kill(pid, SIGINT)
        for _ in 0..<100 where process.isRunning { usleep(50_000) }
        let exited = !process.isRunning
        kill(pid, SIGKILL)
        return exited
    }

    /// Reads the server's output until it prints its address (for up to a minute).
    static func port(from log: URL) async throws -> Int {
        var text = ""
        for _ in 0..<600 {
            text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                let digits = text[range].split(separator: ":").last!.filter(\.isNumber)
                return Int(digits)!
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        throw WebDriver.Failure(description: "serve printed no address: \(text)")
    }

    /// Polls `script` (returning a Bool) every 100 ms for up to 30 s. The page may be reloading
    /// between two polls, when a script cannot run; that is retried too.
    static func poll(_ browser: WebDriver, until script: String) async throws -> Bool {
        for _ in 0..<300 {
            if (try? await browser.run(script) as? Bool) == true { return true }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        return false
    }
}
