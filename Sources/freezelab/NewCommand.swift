import ArgumentParser
import Foundation
import LessonKit

/// `freezelab new "Title"`: a new lesson from the template.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create lessons/NN-slug.md from a template, numbered after the last lesson.")

    @Argument(help: "The lesson's title.")
    var title: String

    @Option(help: "The lessons folder.")
    var folder: String = "lessons"

    func run() throws {
        guard !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            Terminal.error("error: the title is empty; give the lesson one, such as: freezelab new \"Freezing half a layer\"")
            throw ExitCode.failure
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let existing = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }
        let template = LessonTemplate(title: title.trimmingCharacters(in: .whitespacesAndNewlines), existingFileNames: existing)
        let path = "\(folder)/\(template.fileName)"
        guard !FileManager.default.fileExists(atPath: path) else {
            Terminal.error("error: \(path) already exists")
            throw ExitCode.failure
        }
        try LessonFile.write(template.text, to: path)
        print(path)
    }
}
