import Foundation
import Testing
@testable import Conformance

/// Traces recorded from real PyTorch by `scripts/make_parity_plans.py` and `record_trace.py`:
/// random draws after many seeds, `Linear` initialisation, `Dropout` masks and printed text, which
/// the engine must reproduce exactly — the same bits, the same characters.
@Suite(.serialized) struct ParityTraceTests {
    static let traceFolder = Bundle.module.resourceURL!.appendingPathComponent("ParityTraces")

    static var traceFiles: [URL] {
        (try? TraceRunner.traceFiles(in: [traceFolder.path])) ?? []
    }

    @Test func dozensOfSeedsAndEverySamplerAreCovered() throws {
        #expect(Self.traceFiles.count >= 23)
        var samplers = Set<String>()
        var seeds = Set<UInt64>()
        for file in Self.traceFiles {
            let trace = try Trace.decode(Data(contentsOf: file))
            #expect(trace.schema == "freezelab-trace/2")
            for action in trace.actions {
                if let sampler = action.sampler { samplers.insert(sampler) }
                if let seed = action.seed { seeds.insert(seed) }
            }
        }
        #expect(samplers == ["randn", "rand", "normal", "uniform", "randint", "randperm", "bernoulli"])
        #expect(seeds.count >= 48)
    }

    @Test(arguments: traceFiles)
    func parityTraceReplaysExactly(_ file: URL) {
        let result = TraceRunner.replay(file: file)
        #expect(result.passed, "\(result.line)")
    }
}
