import Foundation
import Testing
@testable import LessonKit

/// What a warm check trusts instead of starting SwiftPM, the compiler or Python: a value kept
/// until a watched file changes. Wrong here means stale lesson results, so each way a file can
/// change is tried.
@Suite struct FileStampTests {
    /// A folder with a watched file and a watched source folder.
    func fixture() throws -> (root: String, file: String, sources: String, store: String) {
        let root = temporaryDirectory("fl-stamp")
        let file = "\(root)/Package.swift", sources = "\(root)/Sources"
        try FileManager.default.createDirectory(atPath: "\(sources)/Engine", withIntermediateDirectories: true)
        try "// manifest".write(toFile: file, atomically: true, encoding: .utf8)
        try "let x = 1".write(toFile: "\(sources)/Engine/A.swift", atomically: true, encoding: .utf8)
        try age(sources)
        return (root, file, sources, "\(root)/cache/stamps/engine.json")
    }

    /// Dates every file below `folder` a minute back, as if saved a while ago: a value worked out
    /// from sources saved in the last second is not stored (they may have changed during it).
    func age(_ folder: String, by seconds: Double = 60) throws {
        for relative in FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [] {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-seconds)],
                                                  ofItemAtPath: "\(folder)/\(relative)")
        }
    }

    /// Counts how often the slow computation ran.
    final class Counter: @unchecked Sendable { var runs = 0 }

    func value(_ f: (root: String, file: String, sources: String, store: String), _ counter: Counter) async -> Int {
        await Stamped<Int>.value(at: f.store) {
            counter.runs += 1
            return (counter.runs, [f.file], [f.sources])
        }
    }

    @Test func anUntouchedTreeReusesTheValue() async throws {
        let f = try fixture(), counter = Counter()
        #expect(await value(f, counter) == 1)
        #expect(await value(f, counter) == 1)
        #expect(counter.runs == 1)
    }

    @Test func everyKindOfChangeComputesAgain() async throws {
        let f = try fixture(), counter = Counter()
        _ = await value(f, counter)
        // An edit of a source, even one that keeps its size (a new modification time).
        try "let y = 2".write(toFile: "\(f.sources)/Engine/A.swift", atomically: false, encoding: .utf8)
        try age(f.sources, by: 50)
        #expect(await value(f, counter) == 2)
        // A new source file.
        try "let z = 3".write(toFile: "\(f.sources)/Engine/B.swift", atomically: true, encoding: .utf8)
        try age(f.sources, by: 40)
        #expect(await value(f, counter) == 3)
        // A deleted one.
        try FileManager.default.removeItem(atPath: "\(f.sources)/Engine/B.swift")
        try age(f.sources, by: 30)
        #expect(await value(f, counter) == 4)
        // The manifest replaced (a new inode), and then removed.
        try "// manifest".write(toFile: f.file, atomically: true, encoding: .utf8)
        #expect(await value(f, counter) == 5)
        try FileManager.default.removeItem(atPath: f.file)
        #expect(await value(f, counter) == 6)
        #expect(await value(f, counter) == 6)
    }

    @Test func aSourceSavedWhileTheValueIsWorkedOutIsNotTrusted() async throws {
        let f = try fixture(), counter = Counter()
        // The build runs while the author saves a source: what it made may predate the edit.
        let first = await Stamped<Int>.value(at: f.store) {
            counter.runs += 1
            try? "let x = 2".write(toFile: "\(f.sources)/Engine/A.swift", atomically: false, encoding: .utf8)
            return (counter.runs, [f.file], [f.sources])
        }
        #expect(first == 1)
        #expect(await value(f, counter) == 2, "the value made during the edit was reused")
    }

    @Test func aDamagedStoreIsRecomputedNotTrusted() async throws {
        let f = try fixture(), counter = Counter()
        _ = await value(f, counter)
        try "{ not json".write(toFile: f.store, atomically: true, encoding: .utf8)
        #expect(await value(f, counter) == 2)
    }

    @Test func theEngineFingerprintCoversOnlyTheModulesLessonsImport() throws {
        let bin = temporaryDirectory("fl-bin")
        try FileManager.default.createDirectory(atPath: "\(bin)/Modules", withIntermediateDirectories: true)
        for name in ["Autograd", "Figures", "FreezeLabCLI", "SiteKit"] {
            try Data().write(to: URL(fileURLWithPath: "\(bin)/Modules/\(name).swiftmodule"))
        }
        let engine = Engine(module: "Autograd", moduleDirectory: "\(bin)/Modules", libraryDirectory: bin, library: "Autograd",
                            modules: ["Autograd", "Figures"])
        let before = engine.fingerprint()
        // Building the CLI in release writes its own modules beside the engine's.
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: "\(bin)/Modules/SiteKit.swiftmodule"))
        #expect(engine.fingerprint() == before)
        try Data([1]).write(to: URL(fileURLWithPath: "\(bin)/Modules/Figures.swiftmodule"))
        #expect(engine.fingerprint() != before)
    }
}
