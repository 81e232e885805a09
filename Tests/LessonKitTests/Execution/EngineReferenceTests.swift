import Foundation
import Testing
@testable import LessonKit
@testable import SiteKit

/// The engine reference from the real engine: `swift-symbolgraph-extract` on this build's debug
/// `Autograd` module, read with SymbolKit, rendered as the site's page.
@Suite struct EngineReferenceTests {
    static func reference() async throws -> EngineReference {
        try EngineReference.read(try await EngineSymbols.extract(engine: try RealEngine.debug()))
    }

    @Test func everyConceptHasItsSymbolsWithPyTorchNames() async throws {
        let reference = try await Self.reference()
        #expect(reference.module == "Autograd")
        #expect(reference.groups.map(\.group) == EngineReference.Group.allCases)
        func entry(_ path: String...) -> EngineReference.Entry? {
            let all = reference.groups.flatMap(\.entries).flatMap { [$0] + $0.members }
            return all.first { $0.path == path }
        }
        var groupOf: [String: EngineReference.Group] = [:]
        for (group, entries) in reference.groups {
            for entry in entries where groupOf[entry.path[0]] == nil { groupOf[entry.path[0]] = group }
        }
        #expect(groupOf["Tensor"] == .tensors && groupOf["Linear"] == .modules && groupOf["SGD"] == .optimizers)
        #expect(groupOf["StepLR"] == .schedulers && groupOf["withNoGrad(_:)"] == .autograd && groupOf["profile(_:_:)"] == .instruments)
        #expect(entry("withNoGrad(_:)")?.pytorch == "torch.no_grad()")
        #expect(entry("Tensor", "zero_()")?.pytorch == "zero_")
        #expect(entry("Tensor", "zero_()")?.declaration.contains("func zero_() -> Tensor") == true)
        #expect(entry("Tensor", "version")?.documentation.contains("_version") == true)
        let anchors = reference.groups.flatMap(\.entries).flatMap { [$0] + $0.members }.map(\.anchor)
        #expect(Set(anchors).count == anchors.count, "anchors repeat")
        #expect(anchors.allSatisfy { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } })
    }

    @Test func thePageLinksSymbolsAndTheLessonsThatUseThem() async throws {
        let reference = try await Self.reference()
        let lesson = LessonParser().parse(source: "# Resetting\n\n```swift\nlet w = Tensor([1.0])\nw.zero_()\n```\n",
                                          path: "lessons/01-resetting.md").lesson
        var builder = SiteBuilder()
        builder.reference = reference
        let site = try builder.render(lessons: [lesson], results: [LessonResult(path: lesson.path, cells: [])])
        let page = String(decoding: site.files["reference.html"] ?? Data(), as: UTF8.self)
        let zero = page.range(of: "id=\"api-tensor-zero_\"").map { page[$0.lowerBound...].prefix(1500) } ?? ""
        #expect(zero.contains("PyTorch: <code>zero_</code>"))
        #expect(zero.contains("Used in: <a href=\"01-resetting.html\">Resetting</a>"))
        // DocC symbol links become links on the page.
        #expect(page.contains("<a href=\"#api-withnograd\"><code"))
        // Linked from every page's sidebar, and searchable by symbol.
        #expect(String(decoding: site.files["01-resetting.html"]!, as: UTF8.self).contains("href=\"reference.html\""))
        #expect(String(decoding: site.files["search-index.js"]!, as: UTF8.self).contains("reference.html#api-tensor-zero_"))
    }

    @Test func theGraphIsKeptUntilTheEngineChanges() async throws {
        let engine = try RealEngine.debug()
        let folder = temporaryDirectory("fl-symbols")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fresh = try await EngineSymbols.extract(engine: engine)
        let first = try await EngineSymbols.extract(engine: engine, stampFolder: folder)
        let kept = try FileManager.default.contentsOfDirectory(atPath: "\(folder)/stamps").filter { $0.hasPrefix("symbols-") }
        #expect(kept.count == 1)
        let file = "\(folder)/stamps/\(kept[0])"
        let written = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date
        // The second read comes from the stamp, which stays as it was: the same bytes.
        let second = try await EngineSymbols.extract(engine: engine, stampFolder: folder)
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date == written)
        #expect(try EngineReference.read(first) == EngineReference.read(fresh))
        #expect(second == first)
    }
}
