/// A new lesson's file name and starter text, for `freezelab new "Title"`.
public struct LessonTemplate: Equatable, Sendable {
    /// The file name, `NN-slug.md`.
    public var fileName: String
    /// The starter text: title, summary, one cell with its output.
    public var text: String

    /// The summary a new lesson starts with; publishing it unchanged draws a warning.
    public static let placeholderSummary = "One sentence on what this lesson shows."

    /// The template for `title`, numbered one past the highest `NN-` among `existingFileNames`.
    public init(title: String, existingFileNames: [String]) {
        let numbers = existingFileNames.compactMap { name in Int(name.prefix { $0.isNumber }) }
        let number = (numbers.max() ?? 0) + 1
        let numberText = number < 10 ? "0\(number)" : "\(number)"
        fileName = "\(numberText)-\(Self.slug(for: title)).md"
        text = """
            ---
            summary: \(Self.placeholderSummary)
            ---

            # \(title)

            Say what the reader will see, then show it.

            ```swift
            print(1 + 1)
            ```

            ```output
            2
            ```

            """
    }

    /// The lower-case, hyphen-separated form of `title` used in file names (`Freeze a layer!` →
    /// `freeze-a-layer`).
    public static func slug(for title: String) -> String {
        var slug = ""
        for character in title.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug.isEmpty ? "lesson" : slug
    }
}
