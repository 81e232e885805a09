import Foundation
import Testing
@testable import Conformance

/// Traces recorded locally from PyTorch with `scripts/record_trace.py` (see `docs/traces.md`)
/// to probe semantics the shipped traces do not cover: every one must replay with no difference.
@Suite struct RecordedTraceTests {
    static let traceFolder = Bundle.module.resourceURL!.appendingPathComponent("RecordedTraces")

    static var traceFiles: [URL] {
        (try? TraceRunner.traceFiles(in: [traceFolder.path])) ?? []
    }

    @Test func recordedTracesAreBundled() {
        #expect(!Self.traceFiles.isEmpty)
    }

    @Test(arguments: traceFiles)
    func recordedTraceReplaysExactly(_ file: URL) {
        // On failure the line names the first difference: action, quantity, expected and actual.
        let result = TraceRunner.replay(file: file)
        #expect(result.passed, "\(result.line)")
    }

    @Test func nameIsTheFileStem() throws {
        for file in Self.traceFiles {
            let trace = try Trace.decode(Data(contentsOf: file))
            #expect(trace.name == file.deletingPathExtension().lastPathComponent)
        }
    }
}
