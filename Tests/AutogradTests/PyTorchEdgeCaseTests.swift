import Foundation
import Testing
@testable import Autograd
@testable import Conformance

/// Edge cases where the engine or the replayer once disagreed with PyTorch (numbers from
/// PyTorch 2.13, float64).
@Suite struct PyTorchEdgeCaseTests {
    @Test func mseLossBroadcastsDifferentShapesLikePyTorch() throws {
        // F.mse_loss([[1], [2]], [0, 3]) compares every row with every target: mean of [[1, -2], [2, -1]]².
        let x = Tensor([[1.0], [2.0]], requiresGrad: true)
        let y = Tensor([0.0, 3.0], requiresGrad: true)
        let loss = mseLoss(x, y)
        #expect(loss.item == 2.5)
        try loss.backward()
        #expect(x.grad?.scalars == [-0.5, 0.5])
        #expect(x.grad?.shape == [2, 1])
        #expect(y.grad?.scalars == [-1.5, 1.5])
    }

    @Test func nullBatchNormMomentumIsACumulativeAverage() throws {
        // BatchNorm1d(1, momentum=None) after batches [1, 3] and [0, 4, 8]: mean 3, var 9.
        let json = """
        {"schema": "freezelab-trace/1", "name": "cma", "layers": [
           {"kind": "batchnorm1d", "features": 1, "momentum": null,
            "params": {"weight": [1.0], "bias": [0.0]},
            "buffers": {"running_mean": [0.0], "running_var": [1.0]}}],
         "loss": "mse",
         "batches": [{"x": [[1.0], [3.0]], "y": [[0.0], [0.0]]}, {"x": [[0.0], [4.0], [8.0]], "y": [[0.0], [0.0], [0.0]]}],
         "actions": [{"do": "forward", "batch": 0, "no_grad": true}, {"do": "forward", "batch": 1, "no_grad": true},
                     {"do": "check", "expect": {"buffers": {"0.running_mean": [3.0], "0.running_var": [9.0]}}}]}
        """
        let trace = try Trace.decode(Data(json.utf8))
        #expect(trace.layers[0].cumulativeAverage)
        let result = TraceRunner.replay(trace)
        #expect(result.passed, "\(result.line)")
    }

    @Test func absentBatchNormMomentumIsTheDefault() throws {
        let json = """
        {"schema": "freezelab-trace/1", "name": "default", "layers": [{"kind": "batchnorm1d", "features": 1}],
         "loss": "mse", "batches": [], "actions": []}
        """
        let layer = try Trace.decode(Data(json.utf8)).layers[0]
        #expect(!layer.cumulativeAverage && layer.momentum == nil)
    }
}
