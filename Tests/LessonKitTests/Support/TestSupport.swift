import Foundation
@testable import LessonKit

/// Where the golden fixture lessons are: one folder per case.
let fixturesDirectory: String = Bundle.module.resourceURL!.appendingPathComponent("Fixtures").path

/// The package root, for the Figures sources the stand-in engine is built from.
let packageRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// A fresh temporary folder.
func temporaryDirectory(_ name: String = "freezelab-test") -> String {
    let path = NSTemporaryDirectory() + "\(name)-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A stand-in engine: the Figures sources compiled as a dynamic library named `Autograd`, so
/// end-to-end tests need neither the real engine (written concurrently) nor SwiftPM.
///
/// Built once per test process: callers that arrive while it is being built wait for that build
/// (an actor is reentrant across its `await`s, so a cached value alone would let each of them
/// build an engine of its own, and a test would see the engine change between two checks).
actor StandInEngine {
    static let shared = StandInEngine()
    private var building: Task<Engine, Error>?

    func engine() async throws -> Engine {
        if let building { return try await building.value }
        let task = Task { try await Self.build() }
        building = task
        return try await task.value
    }

    private static func build() async throws -> Engine {
        let directory = temporaryDirectory("freezelab-engine")
        let sources = try FileManager.default.contentsOfDirectory(atPath: "\(packageRoot)/Sources/Figures")
            .filter { $0.hasSuffix(".swift") }.map { "\(packageRoot)/Sources/Figures/\($0)" }
        try FileManager.default.createDirectory(atPath: "\(directory)/Modules", withIntermediateDirectories: true)
        let outcome = try await ProcessRunner.run(["swiftc", "-emit-library", "-emit-module", "-module-name", "Autograd",
                                                   "-parse-as-library", "-emit-module-path", "\(directory)/Modules/Autograd.swiftmodule",
                                                   "-o", "\(directory)/libAutograd.so"] + sources)
        guard outcome.termination == .exited(0) else { throw ProcessRunner.SpawnError(description: outcome.stderr) }
        return Engine(module: "Autograd", moduleDirectory: "\(directory)/Modules", libraryDirectory: directory, library: "Autograd")
    }
}

/// Options that check fixture lessons against the stand-in engine in a temporary cache.
func fixtureOptions(timeout: Double = 3, useCache: Bool = false, cache: String = temporaryDirectory()) async throws -> CheckOptions {
    CheckOptions(packageRoot: fixturesDirectory, jobs: 2, timeout: timeout, useCache: useCache, cacheDirectory: cache,
                 engine: .prebuilt(try await StandInEngine.shared.engine()))
}

/// The real engine as this test build made it: the debug `libAutograd` and its modules beside the
/// test bundle, with the C module maps it imports. For fixtures about the engine's own errors.
enum RealEngine {
    struct Missing: Error, CustomStringConvertible { var description: String }

    static func debug() throws -> Engine {
        let bin = Bundle.module.bundleURL.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: "\(bin)/libAutograd.so"),
              FileManager.default.fileExists(atPath: "\(bin)/Modules/Autograd.swiftmodule") else {
            throw Missing(description: "no debug engine in \(bin): run `swift build` first")
        }
        return Engine(module: "Autograd", moduleDirectory: "\(bin)/Modules", libraryDirectory: bin, library: "Autograd",
                      moduleMaps: ["\(packageRoot)/Sources/CBLAS/module.modulemap"])
    }
}
