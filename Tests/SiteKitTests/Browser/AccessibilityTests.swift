import Foundation
import Testing
@testable import SiteKit
import LessonKit

/// axe-core, the accessibility rules browsers' own audits build on, run on every page of the
/// fixture site and of the real one, in both themes and at desktop and phone widths: no
/// violation of any rule it checks (WCAG 2.x A/AA and its best practices).
///
/// axe's script comes from the Python package `axe-playwright-python`, which `scripts/setup.sh`
/// puts in `.venv` without its Playwright dependency; a missing script fails the test with how to
/// get it, rather than skipping it.
@Suite(.serialized, .enabled(if: WebDriver.executables != nil, "chromium and chromium-driver are not installed; skipping the browser check"))
struct AccessibilityTests {
    /// The package root, two folders above this file's folder.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The text of axe.min.js, found through the project's Python.
    static func axeScript() throws -> String {
        let python = PythonEnvironment.interpreter(packageRoot: packageRoot)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", "import importlib.util as u; print(u.find_spec('axe_playwright_python').submodule_search_locations[0])"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let folder = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        let path = folder + "/axe.min.js"
        guard process.terminationStatus == 0, let script = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw WebDriver.Failure(description: "axe-core is not installed for \(python): run scripts/setup.sh")
        }
        return script
    }

    /// The violations axe (already loaded into the page) finds on the open page, one line each: rule, impact, and the first few
    /// elements with what is wrong.
    static func violations(in browser: WebDriver) async throws -> [String] {
        let found = try await browser.runAsync("""
            var done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
              done(r.violations.map(function (v) {
                return v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(function (n) {
                  return n.target.join(' ') + ' [' + (n.failureSummary || '').replace(/\\s+/g, ' ') + ']';
                }).join('; ') + (v.nodes.length > 3 ? ' and ' + (v.nodes.length - 3) + ' more' : '');
              }));
            }, function (e) { done(['axe failed: ' + e]); });
            """)
        return found as? [String] ?? ["axe returned nothing"]
    }

    @Test func everyPageHasNoAxeViolationsInEitherThemeAtEitherWidth() async throws {
        let axe = try Self.axeScript()
        let checks = BrowserCheckTests()
        try await checks.withBrowser { browser, site, isFixture in
            for (width, height) in [(1280, 900), (390, 844)] {
                try await browser.setWindow(width: width, height: height)
                for page in try checks.pages(in: site) {
                    // Loaded at this width (the page sets itself up for it), then checked in
                    // each theme: switching the theme needs no reload.
                    try await browser.devTools("Emulation.setEmulatedMedia", ["features": [["name": "prefers-color-scheme", "value": "light"]]])
                    try await browser.open(site.appendingPathComponent(page))
                    try await browser.run(axe)
                    for theme in ["light", "dark"] {
                        try await browser.devTools("Emulation.setEmulatedMedia", ["features": [["name": "prefers-color-scheme", "value": theme]]])
                        let found = try await Self.violations(in: browser)
                        #expect(found.isEmpty, "\(isFixture ? "fixture" : "site") \(page) at \(width) px, \(theme): \(found.joined(separator: "\n"))")
                    }
                }
            }
            try await browser.devTools("Emulation.setEmulatedMedia", ["features": [["name": "prefers-color-scheme", "value": "light"]]])
            try await browser.setWindow(width: 1200, height: 900)
        }
    }
}
