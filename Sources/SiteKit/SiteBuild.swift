import Foundation
import LessonKit

/// The main job as one call — check every lesson of `lessons/`, then render and write the site —
/// so `freezelab build` and `freezelab serve` run the same pipeline.
public struct SiteBuild: Sendable {
    /// Checks the lessons; its package root is where `lessons/` is.
    public var checker: LessonChecker
    /// The folder the site is written into, relative to the package root.
    public var output: String

    /// Creates a build.
    public init(checker: LessonChecker, output: String = "site") {
        self.checker = checker
        self.output = output
    }

    /// What one build did.
    public struct Outcome: Sendable {
        /// Every lesson, checked.
        public var checked: [CheckedLesson]
        /// What was written and what failed.
        public var report: SiteReport
        /// The site as written: site-relative path → bytes.
        public var files: [String: Data]
        /// Why the site has no engine reference page, if it has none.
        public var referenceProblem: String?
    }

    /// Checks the lessons and writes the site.
    ///
    /// - Throws: ``LessonChecker/MissingLessonsFolder`` without `lessons/`; when the engine
    ///   cannot be built; when Graphviz is missing or the site cannot be written.
    public func run() async throws -> Outcome {
        let checked = try await checker.check(paths: try checker.lessonPaths(in: "lessons"))
        let root = URL(fileURLWithPath: checker.options.packageRoot)
        var builder = SiteBuilder(lessonsDirectory: root.appendingPathComponent("lessons"))
        builder.dataFiles = Self.dataFiles(in: root.appendingPathComponent("data"))
        // The engine reference, from the module the lessons were just checked against. A package
        // whose engine cannot be read gets no reference page, and the build says why.
        var referenceProblem: String?
        do {
            let symbols = try await EngineSymbols.extract(engine: checker.engine(), compiler: checker.options.compiler.executable,
                                                          stampFolder: checker.options.cacheFolder)
            builder.reference = try EngineReference.read(symbols)
        } catch {
            referenceProblem = "no engine reference page: \(error)"
        }
        let site = try builder.render(checked: checked)
        var report = try SiteWriter(directory: root.appendingPathComponent(output)).write(site.files)
        report.failures = site.failures
        return Outcome(checked: checked, report: report, files: site.files, referenceProblem: referenceProblem)
    }

    /// The files directly in the package's `data` folder (lessons open them as `data/…`), by
    /// name; none when there is no such folder.
    static func dataFiles(in folder: URL) -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var files: [String: Data] = [:]
        for name in names where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            let path = folder.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
               let data = FileManager.default.contents(atPath: path) {
                files[name] = data
            }
        }
        return files
    }
}
