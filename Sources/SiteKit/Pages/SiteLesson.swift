import Foundation
import LessonKit

/// A lesson as the site sees it: the parsed lesson, its result and findings, and where its page
/// goes.
struct SiteLesson {
    var lesson: Lesson
    /// The lesson's result, or `nil` when it was not verified.
    var result: LessonResult?
    /// The file name without `.md` (`01-why-freeze`), also the page's name.
    var slug: String

    init(lesson: Lesson, result: LessonResult?) {
        self.lesson = lesson
        self.result = result
        slug = Self.slug(forPath: lesson.path)
    }

    /// The page's file name.
    var page: String { "\(slug).html" }

    /// Whether `slug` can name a page as it is, in a link or a file name on any system: ASCII
    /// letters and digits, `-`, `_` and `.`, starting with a letter or digit.
    static func isSafePageName(_ slug: String) -> Bool {
        guard let first = slug.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || ("0"..."9").contains(first) else {
            return false
        }
        return slug.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

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

    /// What verification found, as every report tells it; a lesson with no result says so.
    /// Figures that fail to draw are added by the page renderer.
    var findings: [Finding] {
        guard let result else {
            return [Finding(diagnostic: Diagnostic(file: lesson.path, line: nil, message: "this lesson has no verification result"))]
        }
        return Finding.of(lesson: lesson, result: result)
    }
}
