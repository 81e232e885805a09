import Foundation
import Testing
@testable import SiteKit
import LessonKit

/// Hidden set-up cells can be opened, and "Copy with set-up" copies what a cell needs to run: on
/// the real site, the copied PyTorch of a lesson's last cell runs in real PyTorch and prints that
/// cell's verified output last.
@Suite(.serialized, .enabled(if: WebDriver.executables != nil, "chromium and chromium-driver are not installed; skipping the browser check"))
struct SetupCodeBrowserTests {
    /// Clicks the button and returns what it put on the clipboard. A page from file:// is not a
    /// secure context, so site.js copies through a selected text area and `execCommand`, which
    /// this replaces with a recorder.
    func copy(_ css: String, in browser: WebDriver) async throws -> String? {
        try await browser.run("""
            window.__copied = null;
            document.execCommand = function () { window.__copied = document.activeElement.value; return true; };
            document.querySelector(arguments[0]).click();
            return null;
            """, [css])
        return try await browser.run("return window.__copied;") as? String
    }

    /// Runs `source` with the project's Python, as a reader would from a clone of the course: in
    /// a scratch folder of its own (a cell that writes a file writes it there) that sees the
    /// package's `data` folder; its standard output and exit status.
    func runPython(_ source: String) throws -> (String, Int32) {
        let root = AccessibilityTests.packageRoot
        let python = PythonEnvironment.interpreter(packageRoot: root)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fl-setup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        DataFolder(packageRoot: root)?.link(into: folder.path)
        let file = folder.appendingPathComponent("cell.py")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, file.path]
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (out, process.terminationStatus)
    }

    @Test func setUpCodeOpensAndCopyWithSetUpRuns() async throws {
        let checks = BrowserCheckTests()
        try await checks.withBrowser { browser, site, isFixture in
            let pages = try checks.pages(in: site).filter { $0.first?.isNumber == true }
            // The fixture has one hidden cell; on the real site, three lessons are enough to run.
            for page in isFixture ? pages : [pages.first!, pages[pages.count / 2], pages.last!] {
                try await browser.open(site.appendingPathComponent(page))
                let setup = try await browser.run("""
                    var d = document.querySelector('details.setup-code');
                    if (!d) return null;
                    var closed = !d.open, code = d.querySelector('code');
                    d.open = true;
                    return [closed, code.getBoundingClientRect().height > 0];
                    """) as? [Bool]
                if let setup { #expect(setup == [true, true], "\(page): set-up code starts folded and opens") }

                // The last PyTorch cell that shares the lesson's program and has an output.
                let target = try await browser.run("""
                    var codes = Array.prototype.filter.call(document.querySelectorAll('code[data-program=python]'), function (c) {
                      var cell = c.closest('.cell');
                      return !c.hasAttribute('data-standalone') && !c.hasAttribute('data-not-setup') && cell.querySelector('.cell-output pre');
                    });
                    var c = codes[codes.length - 1];
                    if (!c) return null;
                    var cell = c.closest('.cell');
                    return [c.id, cell.querySelector('.cell-output pre').textContent];
                    """) as? [String]
                guard let target else { continue }
                let copied = try #require(try await copy(".copy-button[data-with-setup][data-copy='\(target[0])']", in: browser))
                #expect(copied.hasPrefix("import torch\n"), "\(page): \(copied.prefix(80))")
                let alone = try #require(try await copy(".copy-button:not([data-with-setup])[data-copy='\(target[0])']", in: browser))
                #expect(copied.hasSuffix(alone + "\n") && copied.count > alone.count)
                // The fixture's PyTorch is a sketch no one ran; the real lessons' was verified.
                guard !isFixture else { continue }
                let (out, status) = try await withCheckedThrowingContinuation { continuation in
                    Thread { continuation.resume(with: Result { try runPython(copied) }) }.start()
                }
                #expect(status == 0, "\(page): the copied PyTorch of \(target[0]) exited \(status):\n\(copied)")
                #expect(out.trimmingCharacters(in: .newlines).hasSuffix(target[1].trimmingCharacters(in: .newlines)),
                        "\(page): the copied PyTorch of \(target[0]) does not print its output last:\n\(out.suffix(400))")
            }
        }
    }
}
