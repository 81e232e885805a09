import Foundation

/// Where the compiled engine is, and the `swiftc` flags that let a lesson `import` it.
public struct Engine: Equatable, Sendable, Codable {
    /// The module a lesson imports (`Autograd`).
    public var module: String
    /// Folder holding `<module>.swiftmodule` (passed as `-I`).
    public var moduleDirectory: String
    /// Folder holding the shared library (passed as `-L` and as the run path).
    public var libraryDirectory: String
    /// The library to link (`Autograd` for `libAutograd.so`), if any.
    public var library: String?
    /// Module maps of the C system libraries the engine's module imports (such as `CBLAS`),
    /// which a client of the module must see too.
    public var moduleMaps: [String]
    /// The Swift modules a lesson's `import` reaches (the engine's and the modules it
    /// re-exports or depends on): only their files key the result cache. Empty means every
    /// module in ``moduleDirectory``.
    public var modules: [String]

    /// Creates an engine location.
    public init(module: String, moduleDirectory: String, libraryDirectory: String, library: String?, moduleMaps: [String] = [],
                modules: [String] = []) {
        self.module = module
        self.moduleDirectory = moduleDirectory
        self.libraryDirectory = libraryDirectory
        self.library = library
        self.moduleMaps = moduleMaps
        self.modules = modules
    }

    /// `-I … -L … -l… -Xlinker -rpath -Xlinker …`.
    public var compilerArguments: [String] {
        var arguments = ["-I", moduleDirectory, "-L", libraryDirectory]
        for map in moduleMaps { arguments += ["-Xcc", "-fmodule-map-file=\(map)"] }
        if let library { arguments += ["-l\(library)"] }
        return arguments + ["-Xlinker", "-rpath", "-Xlinker", libraryDirectory]
    }

    /// The files whose change means lessons must run again: the library and the module files of
    /// ``modules`` (not, say, the CLI's own modules built into the same folder).
    public var files: [String] {
        var files: [String] = []
        if let library {
            #if os(macOS)
            files.append("\(libraryDirectory)/lib\(library).dylib")
            #else
            files.append("\(libraryDirectory)/lib\(library).so")
            #endif
        }
        let names = modules.isEmpty
            ? ((try? FileManager.default.contentsOfDirectory(atPath: moduleDirectory)) ?? []).filter { $0.hasSuffix(".swiftmodule") }
            : modules.map { "\($0).swiftmodule" }
        for name in names.sorted() {
            files.append("\(moduleDirectory)/\(name)")
        }
        return files
    }

    /// Size and modification time of each of ``files``, which keys the result cache.
    public func fingerprint() -> String {
        files.map { path in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\((path as NSString).lastPathComponent) \(size) \(modified)"
        }.joined(separator: "\n")
    }
}

/// Builds the package's engine library with SwiftPM and finds it.
///
/// Runs `swift build --product Autograd` (a quick no-op when nothing changed) and
/// `swift build --show-bin-path` in the package, with the given configuration and scratch path.
public struct EngineLocator: Sendable {
    /// The package root.
    public var packageRoot: String
    /// `debug` or `release`. A release engine runs training loops about 2.4x faster.
    public var configuration: String
    /// SwiftPM's scratch folder; `nil` for `.build`.
    public var scratchPath: String?
    /// The library product (and module) lessons import.
    public var product: String
    /// Told when SwiftPM has to run (a fresh clone builds the engine for tens of seconds).
    public var status: (@Sendable (String) -> Void)?

    /// Creates a locator.
    public init(packageRoot: String, configuration: String = "release", scratchPath: String? = nil, product: String = "Autograd") {
        self.packageRoot = packageRoot
        self.configuration = configuration
        self.scratchPath = scratchPath
        self.product = product
    }

    /// The engine failed to build.
    public struct BuildError: Error, CustomStringConvertible {
        /// The build's output, shortened.
        public var description: String
    }

    /// Builds the engine if needed and returns where it is.
    ///
    /// With `stampFile`, SwiftPM is started only when something the engine is built from changed
    /// since the last call (the package manifest and resolved file, the sources of the engine's
    /// targets, the built library and modules; see ``Stamped``): a warm check then costs
    /// milliseconds here, not the seconds of `swift build` finding nothing to do.
    public func locate(stampFile: String? = nil) async throws -> Engine {
        guard let stampFile else { return try await build().engine }
        return try await Stamped<Engine>.value(at: stampFile) {
            let (engine, sources) = try await build()
            let root = URL(fileURLWithPath: packageRoot).standardizedFileURL.path
            let files = ["\(root)/Package.swift", "\(root)/Package.resolved"] + engine.files + engine.moduleMaps
            return (engine, files, sources)
        }
    }

    /// `swift build --product`, then where the product is and which targets it is built from.
    private func build() async throws -> (engine: Engine, sources: [String]) {
        var common = ["--package-path", packageRoot, "-c", configuration]
        if let scratchPath { common += ["--scratch-path", scratchPath] }
        status?("building the engine (\(product), \(configuration)) with SwiftPM…")
        let build = try await ProcessRunner.run(["swift", "build"] + common + ["--product", product])
        if build.duration > 2 { status?("built the engine in \(String(format: "%.1f", build.duration)) s") }
        guard build.termination == .exited(0) else {
            let log = (build.stdout + build.stderr).split(separator: "\n").suffix(30).joined(separator: "\n")
            throw BuildError(description: "`swift build --product \(product)` failed:\n\(log)")
        }
        let binPath = try await ProcessRunner.run(["swift", "build"] + common + ["--show-bin-path"])
        let bin = binPath.stdout.trimmingTrailingSpaces.split(separator: "\n").last.map(String.init) ?? ""
        let root = URL(fileURLWithPath: packageRoot).standardizedFileURL.path
        let targets = try await engineTargets()
        // System-library targets (`Sources/CBLAS/module.modulemap`) are seen by SwiftPM's own
        // clients through `-fmodule-map-file`; lesson programs need the same.
        let maps = targets.filter { !$0.isSwift }.map { "\(root)/\($0.path)/module.modulemap" }
            .filter { FileManager.default.fileExists(atPath: $0) }.sorted()
        let engine = Engine(module: product, moduleDirectory: bin + "/Modules", libraryDirectory: bin, library: product,
                            moduleMaps: maps, modules: targets.filter(\.isSwift).map(\.name).sorted())
        return (engine, targets.map { "\(root)/\($0.path)" }.sorted())
    }

    /// The product's target and every target it depends on, from `swift package describe`.
    private func engineTargets() async throws -> [(name: String, path: String, isSwift: Bool)] {
        let described = try await ProcessRunner.run(["swift", "package", "--package-path", packageRoot, "describe", "--type", "json"])
        // SwiftPM may print notes before the JSON.
        let text = described.stdout
        guard described.termination == .exited(0), let start = text.firstIndex(of: "{"),
              let json = try? JSONSerialization.jsonObject(with: Data(text[start...].utf8)) as? [String: Any],
              let targets = json["targets"] as? [[String: Any]] else {
            throw BuildError(description: "`swift package describe` failed:\n\(described.stderr)")
        }
        var byName: [String: [String: Any]] = [:]
        for target in targets { if let name = target["name"] as? String { byName[name] = target } }
        var found: [(name: String, path: String, isSwift: Bool)] = [], queue = [product], seen: Set<String> = []
        while let name = queue.popLast() {
            guard seen.insert(name).inserted, let target = byName[name], let path = target["path"] as? String else { continue }
            found.append((name, path, (target["module_type"] as? String) == "SwiftTarget"))
            queue += target["target_dependencies"] as? [String] ?? []
        }
        return found
    }
}
