import Foundation
import LessonKit
import Testing
@testable import SiteKit

/// A lesson's PyTorch side as a script and a notebook, made from the parsed lesson.
@Suite struct LessonDownloadsTests {
    static let lesson = LessonParser().parse(source: """
        # Twins

        Some prose.

        ```swift hidden
        let a = 1
        ```

        ```python twin
        a = 1
        ```

        ```swift expect-error
        try fail()
        ```

        ```python twin
        raise ValueError("no")
        ```

        ```output
        no
        ```

        ```python run
        print(a)
        ```

        ```output
        1
        ```

        """, path: "lessons/01-twins.md").lesson

    @Test func theScriptRunsEveryPyTorchCellInOrder() {
        let script = LessonDownloads(lesson: Self.lesson).script(slug: "01-twins")
        #expect(script.contains(PythonProgramPlan.prelude))
        #expect(script.contains("# cell 1 (lessons/01-twins.md:9)\na = 1\n"))
        #expect(script.contains("# cell 2 (lessons/01-twins.md:17), raises: the lesson shows the error\ntry:\n    raise ValueError(\"no\")\nexcept Exception as error:\n    print(error)\n"))
        #expect(script.contains("# cell 3 (lessons/01-twins.md:25)\nprint(a)\n"))
    }

    @Test func theNotebookHasProseCodeAndVerifiedOutputs() throws {
        let data = try LessonDownloads(lesson: Self.lesson).notebook()
        let notebook = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(notebook["nbformat"] as? Int == 4 && notebook["nbformat_minor"] as? Int == 5)
        let cells = try #require(notebook["cells"] as? [[String: Any]])
        #expect(cells.map { $0["cell_type"] as? String } == ["code", "markdown", "code", "code", "code"])
        #expect(cells.map { $0["id"] as? String } == ["cell-1", "cell-2", "cell-3", "cell-4", "cell-5"])
        #expect((cells[2]["metadata"] as? [String: [String: Bool]])?["jupyter"]?["source_hidden"] == true)
        let outputs = cells[4]["outputs"] as? [[String: Any]]
        #expect(outputs?.first?["text"] as? [String] == ["1\n"])
        #expect(try LessonDownloads(lesson: Self.lesson).notebook() == data)   // the same bytes every time
    }

    @Test func proseWithNestedCodeStaysAndANestedTwinBecomesACodeCell() throws {
        let lesson = LessonParser().parse(source: """
            # Nested

            - Run this:

              ```python
              model.eval()
              ```

            Then:

            1. This pair:

               ```swift
               print(2)
               ```

               ```python twin
               print(2)
               ```

               ```output
               2
               ```

            """, path: "lessons/02-nested.md").lesson
        let data = try LessonDownloads(lesson: lesson).notebook()
        let notebook = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try #require(notebook["cells"] as? [[String: Any]])
        let sources = cells.map { ($0["source"] as? [String] ?? []).joined() }
        // The list item with a plain code block keeps its text and its code.
        #expect(sources.contains { $0.contains("Run this:") && $0.contains("model.eval()") })
        // The twin inside a list item is a code cell with its output; the Swift code is not there.
        let twin = try #require(cells.first { ($0["source"] as? [String])?.joined() == "print(2)" })
        #expect((twin["outputs"] as? [[String: Any]])?.first?["text"] as? [String] == ["2\n"])
        #expect(!sources.contains { $0.contains("```swift") })
    }
}
