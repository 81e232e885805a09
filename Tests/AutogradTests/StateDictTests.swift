import Testing
import Autograd

/// State dicts beyond what the recorded traces check (`state_dict_resume_reproduces_training`,
/// `state_dict_does_not_store_requires_grad`, `load_state_dict_errors`): non-persistent buffers,
/// copies rather than references, and PyTorch's text for the keys that did not match. Expected
/// texts and orders are what PyTorch 2.13 printed for the same modules.
@Suite struct StateDictTests {
    final class Masked: Module {
        let lin = Linear(2, 2)
        @Buffer(persistent: false) var mask = Tensor.ones([2])
        @Buffer var count = Tensor.zeros([1])
    }

    @Test func ownEntriesComeFirstAndNonPersistentBuffersAreLeftOut() {
        // PyTorch: ['count', 'lin.weight', 'lin.bias'] (register_buffer('mask', …, persistent=False)).
        let model = Masked()
        #expect(model.stateDict().keys == ["count", "lin.weight", "lin.bias"])
        #expect(model.namedBuffers().map(\.name) == ["mask", "count"])
    }

    @Test func aStateDictHoldsCopiesTakenWhenItWasMade() throws {
        let model = Sequential(Linear(2, 2))
        let saved = model.stateDict()
        let before = model[0].weight.scalars
        model[0].weight.assign(Tensor.zeros([2, 2]))
        #expect(saved["0.weight"]?.scalars == before)
        let keys = try model.loadStateDict(saved)
        #expect(model[0].weight.scalars == before)
        #expect(keys.description == "<All keys matched successfully>")
    }

    @Test func incompatibleKeysPrintAsPyTorchsNamedTuple() throws {
        let model = Sequential(Linear(3, 4), BatchNorm1d(4))
        var saved = model.stateDict()
        saved["0.bais"] = saved["0.bias"]
        saved["0.bias"] = nil
        saved["extra"] = Tensor.zeros([1])
        let keys = try model.loadStateDict(saved, strict: false)
        #expect(keys.description == "_IncompatibleKeys(missing_keys=['0.bias'], unexpected_keys=['extra', '0.bais'])")
        #expect(throws: AutogradError.self) { try model.loadStateDict(saved) }
    }
}
