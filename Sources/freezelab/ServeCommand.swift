import ArgumentParser
import FlyingFox
import Foundation

/// `freezelab serve`: serve `site/` on localhost and rebuild it whenever a lesson changes.
///
/// Lessons are watched by polling their modification times once a second (simple and portable).
/// A rebuild goes through ``rebuildSite()``, the one place that calls the build pipeline.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the site on localhost and rebuild it when a lesson changes.",
        discussion: "Open the printed address in a browser and reload after editing a lesson.")

    @Option(help: "The port to listen on (on 127.0.0.1 only).")
    var port: UInt16 = 8000

    @Option(help: "The folder the site is written into and served from, relative to the package root.")
    var output = "site"

    @Flag(help: "Serve the site as it is, without building first or watching lessons.")
    var noWatch = false

    @OptionGroup var options: LessonRunOptions

    func run() async throws {
        let root = URL(fileURLWithPath: options.packagePath)
        let site = root.appendingPathComponent(output)
        let lessons = root.appendingPathComponent("lessons")
        if !noWatch { await rebuildReportingErrors() }

        // IPv4 loopback, as printed below: FlyingFox's `.loopback` is `[::1]`, which browsers and
        // curl do not try for `127.0.0.1`.
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), logger: .disabled,
                                handler: SiteFileHandler(root: site))
        print("Serving \(output)/ at http://127.0.0.1:\(port)/\(noWatch ? "" : " — rebuilding when lessons/ changes") (Ctrl-C to stop)")
        fflush(nil)  // a long-running command: show the address now, even when piped
        if !noWatch {
            let command = self
            Task {
                var seen = LessonStamps(directory: lessons)
                while true {
                    try await Task.sleep(nanoseconds: 1_000_000_000)
                    let now = LessonStamps(directory: lessons)
                    if now != seen {
                        seen = now
                        print("lessons changed; rebuilding…")
                        fflush(nil)
                        await command.rebuildReportingErrors()
                    }
                }
            }
        }
        try await server.run()
    }

    /// Rebuilds the site, printing failures instead of stopping the server.
    func rebuildReportingErrors() async {
        do { try await rebuildSite() } catch { print("error: \(error)") }
        fflush(nil)
    }

    /// THE BUILD HOOK: the single call site of the build pipeline for `serve`. Lesson failures do
    /// not stop serving; the pages show them.
    func rebuildSite() async throws {
        _ = try await runSiteBuild(options: options, output: output)
    }
}

/// The modification time of every Markdown file in the lessons folder, to notice edits.
struct LessonStamps: Equatable {
    var stamps: [String: Date] = [:]

    init(directory: URL) {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasSuffix(".md") {
            let attributes = try? manager.attributesOfItem(atPath: directory.appendingPathComponent(name).path)
            stamps[name] = attributes?[.modificationDate] as? Date ?? .distantPast
        }
    }
}

/// Serves files from the site folder: `/` is `index.html`, nothing outside the folder is
/// reachable, and nothing is cached, so a reload shows the latest build.
struct SiteFileHandler: HTTPHandler {
    var root: URL

    static let contentTypes = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8", "json": "application/json", "svg": "image/svg+xml",
        "png": "image/png",
    ]

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        guard !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else {
            return HTTPResponse(statusCode: .notFound)
        }
        var file = root
        for part in parts { file.appendPathComponent(part) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), isDirectory.boolValue {
            file.appendPathComponent("index.html")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: Data("Not found: \(request.path)\n".utf8))
        }
        let type = Self.contentTypes[file.pathExtension.lowercased()] ?? "application/octet-stream"
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: data)
    }
}
