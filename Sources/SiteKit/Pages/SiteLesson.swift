import Foundation
import LessonKit

/// A lesson as the site sees it: the parsed lesson, its result, where its page goes, and its
/// Markdown parsed for rendering.
struct SiteLesson {
    var lesson: Lesson
    /// The lesson's result, or `nil` when it was not verified.
    var result: LessonResult?
    /// The file name without `.md` (`01-why-freeze`), also the page's name.
    var slug: String
    var document: MarkdownDocument

    init(lesson: Lesson, result: LessonResult?) {
        self.lesson = lesson
        self.result = result
        slug = Self.slug(forPath: lesson.path)
        document = MarkdownDocument(markdown: lesson.markdown)
    }

    /// The page's file name.
    var page: String { "\(slug).html" }

    /// The number in front of the slug (`01-…` → 1), shown in the sidebar.
    var number: Int? {
        Int(slug.prefix(while: { $0.isNumber }))
    }

    /// `lessons/01-why-freeze.md` → `01-why-freeze`.
    static func slug(forPath path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    /// The result of one cell, if any.
    func result(of cell: Cell) -> CellResult? {
        result?.cells.first { $0.index == cell.index }
    }

    /// Everything that keeps this lesson from being verified, each with its line. Figures that
    /// fail to draw are added by the page renderer.
    var verificationFailures: [SiteFailure] {
        guard let result else {
            return [SiteFailure(path: lesson.path, line: nil, message: "this lesson has no verification result")]
        }
        var failures = result.diagnostics.filter { $0.severity == .error }.map {
            SiteFailure(path: $0.file, line: $0.line, message: $0.message)
        }
        for cell in lesson.cells {
            let place = "cell \(cell.index + 1)"
            guard let cellResult = self.result(of: cell) else {
                failures.append(SiteFailure(path: lesson.path, line: cell.line, message: "\(place) has no result"))
                continue
            }
            switch cellResult.status {
            case .passed, .skipped: break
            case .failed:
                failures.append(SiteFailure(path: lesson.path, line: cell.line,
                                            message: "\(place): \(cellResult.message ?? "output does not match")"))
            case .notRun:
                failures.append(SiteFailure(path: lesson.path, line: cell.line,
                                            message: "\(place) did not run\(cellResult.message.map { ": \($0)" } ?? "")"))
            }
        }
        return failures
    }
}
