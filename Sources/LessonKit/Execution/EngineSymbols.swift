import Foundation

/// The engine's public API as a symbol graph (`swift-symbolgraph-extract`'s JSON, the input DocC
/// reads), for the site's reference page. An edge of the pipeline: it runs the extractor on the
/// module lessons compile against and hands back its bytes.
public enum EngineSymbols {
    /// Why the symbol graph could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The symbol graph of `engine`'s module (public symbols, declared in the module itself).
    ///
    /// - Parameters:
    ///   - compiler: `swiftc`; the extractor is looked up beside it, then on `PATH`.
    ///   - stampFolder: where to keep the graph until the engine's library or modules or the
    ///     extractor change (``Stamped``): extracting takes a quarter of a second on every build.
    public static func extract(engine: Engine, compiler: String = "swiftc", stampFolder: String?) async throws -> Data {
        let extractor = extractor(beside: compiler)
        guard let stampFolder, let binary = FileStamp.resolve(extractor) else { return try await extract(engine: engine, compiler: compiler) }
        let files = engine.files + [binary]
        let graph = try await Stamped<String>.value(at: "\(stampFolder)/stamps/symbols-\(SHA256.hex(files.joined(separator: "\n")).prefix(12)).json") {
            (String(decoding: try await extract(engine: engine, compiler: compiler), as: UTF8.self), files, [])
        }
        return Data(graph.utf8)
    }

    /// The symbol graph of `engine`'s module, extracted now.
    public static func extract(engine: Engine, compiler: String = "swiftc") async throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("freezelab-symbols-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var arguments = [extractor(beside: compiler), "-module-name", engine.module, "-I", engine.moduleDirectory,
                         "-target", targetTriple, "-output-dir", folder.path, "-minimum-access-level", "public",
                         "-skip-inherited-docs"]
        for map in engine.moduleMaps { arguments += ["-Xcc", "-fmodule-map-file=\(map)"] }
        let outcome = try await ProcessRunner.run(arguments, timeout: 120)
        let file = folder.appendingPathComponent("\(engine.module).symbols.json")
        guard outcome.termination == .exited(0), let data = FileManager.default.contents(atPath: file.path) else {
            throw Failure(description: "swift-symbolgraph-extract could not read the \(engine.module) module: "
                          + outcome.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return data
    }

    /// `swift-symbolgraph-extract` in the folder of `compiler` (when it is a path or on `PATH`).
    static func extractor(beside compiler: String) -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        let folders = compiler.contains("/") ? [URL(fileURLWithPath: compiler).deletingLastPathComponent().path]
            : path.split(separator: ":").map(String.init)
        for folder in folders {
            let resolved = URL(fileURLWithPath: "\(folder)/\(compiler.split(separator: "/").last ?? "swiftc")").resolvingSymlinksInPath()
            let candidate = resolved.deletingLastPathComponent().appendingPathComponent("swift-symbolgraph-extract").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "swift-symbolgraph-extract"
    }

    /// The triple the engine was built for: this machine's.
    static var targetTriple: String {
        #if arch(x86_64)
        let arch = "x86_64"
        #else
        let arch = "aarch64"
        #endif
        #if os(macOS)
        return (arch == "aarch64" ? "arm64" : arch) + "-apple-macosx13.0"
        #else
        return arch + "-unknown-linux-gnu"
        #endif
    }
}
