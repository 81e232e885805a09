import Foundation
import Testing
@testable import LessonKit

@Suite struct CellOptionTests {
    @Test func everyCatalogWordParsesAndPrintsBack() throws {
        for (word, _) in CellOption.catalog {
            let written = word.replacingOccurrences(of: "SECONDS", with: "2.5")
            #expect(try CellOption(word: infoWords(written)[0]).description == written)
        }
        #expect(try CellOption(word: "timeout=10") == .timeout(seconds: 10))
        #expect(try CellOption(word: "timeout=10").description == "timeout=10")
    }

    @Test func badWordsSayWhatIsWrong() {
        #expect(throws: CellOption.ParseError.self) { try CellOption(word: "timeout") }
        #expect(throws: CellOption.ParseError.self) { try CellOption(word: "timeout=-1") }
        #expect(throws: CellOption.ParseError.self) { try CellOption(word: "hidden=1") }
        let (_, problems) = CellOptions.parse(["timeout=soon", "fast"])
        #expect(problems == ["`timeout=soon`: a timeout is a positive number of seconds (`timeout=10`)",
                             "unknown cell option `fast` (known: hidden, expect-error, no-run, standalone, timeout=SECONDS, swift-only=\"WHY\", predict)"])
    }

    @Test func aCellHasOneModeAndOptionsPrintInCatalogOrder() {
        let (options, problems) = CellOptions.parse(["timeout=3", "standalone", "expect-error", "hidden"])
        #expect(problems.isEmpty)
        #expect(options == CellOptions(mode: .expectError, hidden: true, standalone: true, timeout: 3))
        #expect(options.words.map(\.description) == ["hidden", "expect-error", "standalone", "timeout=3"])
        #expect(CellOptions.parse(["no-run", "expect-error"]).problems == ["a `no-run` cell cannot `expect-error`: it never runs"])
    }

    /// The docs' options table lists exactly the catalog, word for word.
    @Test func theDocsTableIsTheCatalog() throws {
        let docs = try String(contentsOfFile: "\(packageRoot)/docs/lesson-format.md", encoding: .utf8)
        let section = docs.components(separatedBy: "## Cell options")[1].components(separatedBy: "\n## ")[0]
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { row -> (String, String) in
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            return (String(cells[0].dropFirst().dropLast()), cells[1])
        }
        #expect(rows.map(\.0) == CellOption.catalog.map(\.word))
        #expect(rows.map(\.1) == CellOption.catalog.map(\.summary))
    }

    @Test func aCellTimeoutSetsItsProgramsLimit() {
        let lesson = LessonParser().parse(source: "# T\n\n```swift\n```\n\n```swift standalone timeout=2\n```\n", path: "l.md").lesson
        let plan = LessonPlan(lesson: lesson, engineModule: "Autograd")
        #expect(plan.programs.map(\.timeout) == [nil, 2])
    }

    @Test func quotedValuesKeepTheirSpaces() throws {
        #expect(infoWords("swift hidden swift-only=\"an engine instrument\"  timeout=2") ==
                ["swift", "hidden", "swift-only=an engine instrument", "timeout=2"])
        let (options, problems) = CellOptions.parse(Array(infoWords("swift swift-only=\"a figure\"").dropFirst()))
        #expect(problems.isEmpty && options.swiftOnly == "a figure")
        #expect(options.words.map(\.description) == ["swift-only=\"a figure\""])
        #expect(CellOptions.parse(["swift-only"]).problems.count == 1)
    }

    @Test func aBilingualLessonWarnsAboutSwiftCellsWithoutTwins() {
        let source = "# T\n\n```swift\nprint(1)\n```\n\n```python twin\nprint(1)\n```\n\n```output\n1\n```\n\n```swift\nprint(2)\n```\n\n```output\n2\n```\n\n```swift swift-only=\"a figure\"\nprint(3)\n```\n\n```output\n3\n```\n"
        let diagnostics = LessonParser().parse(source: source, path: "l.md").diagnostics
        #expect(diagnostics.map(\.formatted) == ["l.md:15: warning: cell 2 has no PyTorch twin; add a `python twin` block, or mark it `swift-only=\"why\"`"])
    }
}
