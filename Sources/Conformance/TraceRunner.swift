import Foundation

/// The outcome of replaying one trace file.
public struct TraceResult: Sendable {
    /// The trace's name (the file name when it could not be read).
    public let name: String
    /// The file replayed.
    public let path: String
    /// `nil` when every expectation agreed; otherwise what went wrong.
    public let failure: Failure?

    /// Why a trace did not pass.
    public enum Failure: Sendable, CustomStringConvertible {
        /// The engine disagreed with PyTorch.
        case difference(Difference)
        /// The file could not be read, decoded or replayed.
        case error(String)

        /// The first difference, or the error message.
        public var description: String {
            switch self {
            case .difference(let d): d.description
            case .error(let message): message
            }
        }
    }

    /// Whether the replay matched PyTorch everywhere.
    public var passed: Bool { failure == nil }

    /// `PASS name` or `FAIL name: <first difference>`.
    public var line: String {
        if let failure { return "FAIL \(name): \(failure)" }
        return "PASS \(name)"
    }
}

/// Finds, loads and replays trace files.
public enum TraceRunner {
    /// The `.json` files named by `paths`: files as given, folders searched (sorted, not recursive
    /// into hidden folders). Throws for a path that does not exist.
    public static func traceFiles(in paths: [String]) throws -> [URL] {
        var files: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw TraceError.unreadable(path: path, reason: "no such file or folder")
            }
            let url = URL(fileURLWithPath: path)
            if isDirectory.boolValue {
                let items = try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil,
                                                                        options: [.skipsHiddenFiles])
                files += items.filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
            } else {
                files.append(url)
            }
        }
        return files
    }

    /// Replays one trace file; unreadable or malformed files give a failure naming the file.
    public static func replay(file: URL) -> TraceResult {
        let fallbackName = file.deletingPathExtension().lastPathComponent
        let trace: Trace
        do {
            trace = try Trace.decode(try Data(contentsOf: file))
        } catch let error as DecodingError {
            return TraceResult(name: fallbackName, path: file.path,
                               failure: .error("\(file.path): malformed trace: \(describe(error))"))
        } catch {
            return TraceResult(name: fallbackName, path: file.path,
                               failure: .error("\(file.path): cannot read trace: \(error)"))
        }
        return replay(trace, path: file.path)
    }

    /// Replays a decoded trace.
    public static func replay(_ trace: Trace, path: String = "") -> TraceResult {
        do {
            var replayer = try Replayer(trace)
            let difference = try replayer.run()
            return TraceResult(name: trace.name, path: path, failure: difference.map { .difference($0) })
        } catch {
            let location = path.isEmpty ? "" : "\(path): "
            return TraceResult(name: trace.name, path: path, failure: .error("\(location)\(error)"))
        }
    }

    /// Replays every trace under `paths`, in order.
    public static func replay(paths: [String]) throws -> [TraceResult] {
        try traceFiles(in: paths).map { replay(file: $0) }
    }

    /// `N passed, M failed`.
    public static func summary(_ results: [TraceResult]) -> String {
        let passed = results.filter(\.passed).count
        return "\(passed) passed, \(results.count - passed) failed"
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "" : " at \(keys)"
        }
        switch error {
        case .dataCorrupted(let context): return "invalid JSON\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context): return "missing key \"\(key.stringValue)\"\(path(context))"
        case .typeMismatch(_, let context): return "wrong type\(path(context)): \(context.debugDescription)"
        case .valueNotFound(_, let context): return "missing value\(path(context))"
        @unknown default: return "\(error)"
        }
    }
}
