import ArgumentParser
import Foundation
import LessonKit
import SiteKit
import SiteServer

/// `freezelab serve`: check the lessons, serve the site on localhost, and rebuild it when a
/// lesson changes; open pages reload themselves.
///
/// The site is built into a scratch folder (`.freezelab-cache/serve-site`, git-ignored), never
/// into the committed `site/`, and served from memory: a rebuild swaps the whole site at once,
/// so a request never meets a half-written page. Only the lessons that changed run again (the
/// check cache), and only the pages whose bytes changed are told to reload.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the site on localhost, rebuild it when a lesson changes, and reload open pages.",
        discussion: """
            The site is built into .freezelab-cache/serve-site (never into the committed site/) and \
            served from memory. With --no-watch, the folder given by --output (site/ by default) is \
            served as it is.
            """)

    @Option(help: "The port to listen on (on 127.0.0.1 only).")
    var port: UInt16 = 8000

    @Option(help: "The folder to build into and serve, relative to the package root (default: .freezelab-cache/serve-site; site with --no-watch).")
    var output: String?

    @Flag(help: "Serve the built folder as it is, without building first or watching lessons.")
    var noWatch = false

    @OptionGroup var options: LessonRunOptions

    func run() async throws {
        let root = URL(fileURLWithPath: options.packagePath)
        if noWatch {
            let folder = output ?? "site"
            let server = SiteServer(files: .folder(root.appendingPathComponent(folder)), port: port)
            try await server.run { port in Self.announce("Serving \(folder)/ at http://127.0.0.1:\(port)/ (Ctrl-C to stop)") }
            return
        }
        let folder = output ?? ".freezelab-cache/serve-site"
        let first = try await rebuild(into: folder)
        let server = SiteServer(files: .memory(first ?? [:]), port: port, liveReload: true)
        let watcher = FolderWatcher(folder: root.appendingPathComponent("lessons"))
        let command = self
        let watching = Task {
            await watcher.watch {
                print("lessons changed; rebuilding…")
                guard let files = try? await command.rebuild(into: folder) else { return }
                let changed = server.publish(files)
                Self.announce(changed.isEmpty ? "nothing changed on the site" : "reloading \(changed.filter { $0.hasSuffix(".html") }.joined(separator: ", "))")
            }
        }
        defer { watching.cancel() }
        try await server.run { port in
            Self.announce("Serving the lessons at http://127.0.0.1:\(port)/ — pages reload when lessons/ changes (Ctrl-C to stop)")
        }
    }

    /// One build into `folder`; its failures are printed and shown on the pages, and do not stop
    /// serving. `nil` when the build itself failed (the error is printed).
    func rebuild(into folder: String) async throws -> [String: Data]? {
        do {
            return try await runSiteBuild(options: options, output: folder).files
        } catch {
            if !(error is ExitCode) { print("error: \(error)") }
            fflush(nil)
            return nil
        }
    }

    /// Prints a line at once, even when standard output is a pipe (a long-running command).
    static func announce(_ line: String) {
        print(line)
        fflush(nil)
    }
}
