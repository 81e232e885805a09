import Foundation
import Testing
@testable import LessonKit
#if canImport(Glibc)
import Glibc
#endif

/// `bless` must never lose what an author wrote: an edit saved while it runs, the file's line
/// endings, the lesson's structure when an output holds backticks, a link to the lesson, its
/// mode, and no temporary files left by a bless that was killed.
@Suite struct BlessSafetyTests {
    /// A package folder with one lesson `lessons/01-x.md` holding `source`.
    func lesson(_ source: String) throws -> (root: String, file: String) {
        let root = temporaryDirectory("fl-bless")
        try FileManager.default.createDirectory(atPath: "\(root)/lessons", withIntermediateDirectories: true)
        let file = "\(root)/lessons/01-x.md"
        try Data(source.utf8).write(to: URL(fileURLWithPath: file))
        return (root, file)
    }

    func checker(_ root: String) async throws -> LessonChecker {
        var options = try await fixtureOptions(cache: "\(root)/.freezelab-cache")
        options.packageRoot = root
        return LessonChecker(options: options)
    }

    /// Checks then blesses `lessons/01-x.md`, with `meanwhile` run between the two.
    func bless(_ root: String, meanwhile: () throws -> Void = {}) async throws -> Blessing.Outcome {
        let checker = try await checker(root)
        let checked = try await checker.check(paths: ["lessons/01-x.md"])
        try meanwhile()
        return try #require(Blessing.bless(checked, checker: checker).first)
    }

    func read(_ file: String) -> String { String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self) }

    let stale = "# X\n\n```swift\nprint(\"new\")\n```\n\n```output\nold\n```\n"

    @Test func anEditSavedWhileBlessRunsIsKept() async throws {
        let (root, file) = try lesson(stale)
        let edited = stale.replacingOccurrences(of: "# X", with: "# X, edited by hand")
        let outcome = try await bless(root) { try Data(edited.utf8).write(to: URL(fileURLWithPath: file)) }
        #expect(outcome.error?.contains("changed while it was being checked") == true)
        #expect(read(file) == edited)
    }

    @Test func aCRLFLessonStaysCRLFAndAByteOrderMarkStays() async throws {
        let crlf = "\u{FEFF}" + stale.replacingOccurrences(of: "\n", with: "\r\n")
        let (root, file) = try lesson(crlf)
        let outcome = try await bless(root)
        #expect(outcome.blocks == 1 && outcome.error == nil)
        let bytes = Array(FileManager.default.contents(atPath: file) ?? Data())
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let loneNewlines = zip(bytes, [0] + bytes).filter { $0 == 10 && $1 != 13 }.count
        #expect(loneNewlines == 0)
        #expect(read(file) == crlf.replacingOccurrences(of: "old", with: "new"))
    }

    @Test func anOutputWithBackticksGetsALongerFence() async throws {
        let (root, file) = try lesson("# X\n\n```swift\nprint(\"```\")\nprint(\"````\")\n```\n\n```output\nx\n```\n\n```swift\nprint(\"after\")\n```\n\n```output\nafter\n```\n")
        _ = try await bless(root)
        #expect(read(file).contains("`````output\n```\n````\n`````\n"))
        let checked = try await checker(root).check(paths: ["lessons/01-x.md"])
        #expect(checked[0].result.passed && checked[0].lesson?.cells.count == 2)
    }

    @Test func aLinkedLessonIsWrittenThroughItsLinkAndKeepsItsMode() async throws {
        let (root, _) = try lesson("")
        let real = temporaryDirectory("fl-bless-target") + "/real.md"
        try Data(stale.utf8).write(to: URL(fileURLWithPath: real))
        chmod(real, 0o640)
        try FileManager.default.removeItem(atPath: "\(root)/lessons/01-x.md")
        try FileManager.default.createSymbolicLink(atPath: "\(root)/lessons/01-x.md", withDestinationPath: real)
        let outcome = try await bless(root)
        #expect(outcome.blocks == 1)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: "\(root)/lessons/01-x.md")) == real)
        #expect(read(real).contains("```output\nnew\n```"))
        var status = stat()
        #expect(stat(real, &status) == 0 && status.st_mode & 0o777 == 0o640)
    }

    @Test func temporaryFilesOfAKilledBlessAreRemovedAndFailuresAreWords() async throws {
        let (root, file) = try lesson(stale)
        // What a bless killed mid-write leaves: its process (here one that cannot exist) is gone.
        let abandoned = "\(root)/lessons/.01-x.md.freezelab-2147483646-0A"
        try Data("half".utf8).write(to: URL(fileURLWithPath: abandoned))
        _ = try await bless(root)
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(read(file).contains("new"))
        // A folder that cannot be written (as a non-root user would see it): a readable error and no
        // temporary file; root ignores permissions, so only the message's form is checked there.
        let (root2, file2) = try lesson(stale)
        chmod("\(root2)/lessons", 0o555)
        defer { chmod("\(root2)/lessons", 0o755) }
        let outcome = try await bless(root2)
        if getuid() != 0 {
            #expect(outcome.error?.hasPrefix("cannot write lessons/01-x.md") == true || outcome.error?.contains("01-x.md") == true)
            #expect(outcome.error?.contains("NSCocoaErrorDomain") == false)
            #expect(read(file2) == stale)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: "\(root2)/lessons").filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }
}

/// `CI` as CI services set it: `true`/`1`/anything is CI; empty, `0`, `false` are not.
@Suite struct ContinuousIntegrationTests {
    @Test func onlyATruthyCIIsCI() {
        #expect(Blessing.isCI(["CI": "true"]) && Blessing.isCI(["CI": "1"]) && Blessing.isCI(["CI": "yes"]))
        #expect(!Blessing.isCI([:]) && !Blessing.isCI(["CI": ""]) && !Blessing.isCI(["CI": "false"]) && !Blessing.isCI(["CI": "0"]))
        #expect(!Blessing.isCI(["CI": "FALSE"]))
    }
}
