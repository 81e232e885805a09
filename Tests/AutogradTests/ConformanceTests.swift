import Foundation
import Testing
@testable import Conformance

/// Every PyTorch trace shipped with the tests must replay with no difference.
@Suite struct ConformanceTests {
    static let traceFolder = Bundle.module.resourceURL!.appendingPathComponent("Traces")

    static var traceFiles: [URL] {
        (try? TraceRunner.traceFiles(in: [traceFolder.path])) ?? []
    }

    @Test func allFifteenTracesAreShipped() {
        #expect(Self.traceFiles.count == 15)
    }

    @Test(arguments: traceFiles)
    func traceReplaysExactly(_ file: URL) {
        let result = TraceRunner.replay(file: file)
        #expect(result.passed, "\(result.line)")
    }

    @Test func aChangedNumberIsReportedWithItsPlace() throws {
        // Tamper with one recorded loss: the replayer must point at it.
        let file = Self.traceFolder.appendingPathComponent("freeze_requires_grad_sgd.json")
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
        var actions = json["actions"] as! [[String: Any]]
        var expect = actions[3]["expect"] as! [String: Any]
        let loss = expect["loss"] as! Double
        expect["loss"] = loss + 1e-6
        actions[3]["expect"] = expect
        json["actions"] = actions
        let trace = try Trace.decode(JSONSerialization.data(withJSONObject: json))
        let result = TraceRunner.replay(trace)
        guard case .difference(let difference)? = result.failure else {
            Issue.record("expected a difference, got \(result.line)")
            return
        }
        #expect(difference.action == 3)
        #expect(difference.quantity == "loss")
    }

    @Test func aNullGradThatBecomesATensorFails() throws {
        let file = Self.traceFolder.appendingPathComponent("freeze_requires_grad_sgd.json")
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
        var actions = json["actions"] as! [[String: Any]]
        // Drop the freezing action: the first layer then gets a gradient where PyTorch had None.
        actions.removeFirst()
        json["actions"] = actions
        let result = TraceRunner.replay(try Trace.decode(JSONSerialization.data(withJSONObject: json)))
        #expect(!result.passed)
    }

    @Test func malformedFileNamesTheFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).json")
        try Data("{\"schema\": \"freezelab-trace/1\"".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = TraceRunner.replay(file: url)
        #expect(!result.passed)
        #expect(result.line.contains(url.path))
    }

    @Test func toleranceIsRelativeOrAbsolute() {
        #expect(agrees(1e12, 1e12 + 1e2))        // relative 1e-10
        #expect(agrees(1e-12, 5e-10))            // absolute below 1e-9
        #expect(!agrees(1.0, 1.0 + 1e-8))
    }
}
