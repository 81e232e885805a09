import Foundation

/// Where the compiled engine is, and the `swiftc` flags that let a lesson `import` it.
public struct Engine: Equatable, Sendable {
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

    /// Creates an engine location.
    public init(module: String, moduleDirectory: String, libraryDirectory: String, library: String?, moduleMaps: [String] = []) {
        self.module = module
        self.moduleDirectory = moduleDirectory
        self.libraryDirectory = libraryDirectory
        self.library = library
        self.moduleMaps = moduleMaps
    }

    /// `-I … -L … -l… -Xlinker -rpath -Xlinker …`.
    public var compilerArguments: [String] {
        var arguments = ["-I", moduleDirectory, "-L", libraryDirectory]
        for map in moduleMaps { arguments += ["-Xcc", "-fmodule-map-file=\(map)"] }
        if let library { arguments += ["-l\(library)"] }
        return arguments + ["-Xlinker", "-rpath", "-Xlinker", libraryDirectory]
    }

    /// The files whose change means lessons must run again: the library and the module files.
    public var files: [String] {
        var files: [String] = []
        if let library {
            #if os(macOS)
            files.append("\(libraryDirectory)/lib\(library).dylib")
            #else
            files.append("\(libraryDirectory)/lib\(library).so")
            #endif
        }
        let modules = (try? FileManager.default.contentsOfDirectory(atPath: moduleDirectory)) ?? []
        for name in modules.sorted() where name.hasSuffix(".swiftmodule") {
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
    public func locate() async throws -> Engine {
        var common = ["--package-path", packageRoot, "-c", configuration]
        if let scratchPath { common += ["--scratch-path", scratchPath] }
        let build = try await ProcessRunner.run(["swift", "build"] + common + ["--product", product])
        guard build.termination == .exited(0) else {
            let log = (build.stdout + build.stderr).split(separator: "\n").suffix(30).joined(separator: "\n")
            throw BuildError(description: "`swift build --product \(product)` failed:\n\(log)")
        }
        let binPath = try await ProcessRunner.run(["swift", "build"] + common + ["--show-bin-path"])
        let bin = binPath.stdout.trimmingTrailingSpaces.split(separator: "\n").last.map(String.init) ?? ""
        // System-library targets (`Sources/CBLAS/module.modulemap`) are seen by SwiftPM's own
        // clients through `-fmodule-map-file`; lesson programs need the same.
        let sources = URL(fileURLWithPath: packageRoot).standardizedFileURL.appendingPathComponent("Sources").path
        let targets = (try? FileManager.default.contentsOfDirectory(atPath: sources)) ?? []
        let maps = targets.sorted().map { "\(sources)/\($0)/module.modulemap" }.filter { FileManager.default.fileExists(atPath: $0) }
        return Engine(module: product, moduleDirectory: bin + "/Modules", libraryDirectory: bin, library: product, moduleMaps: maps)
    }
}
