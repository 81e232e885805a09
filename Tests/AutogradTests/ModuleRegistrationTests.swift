import Testing
@testable import Autograd

/// A module written the PyTorch way: stored properties register themselves. The expected names
/// and orders are what PyTorch 2.13 printed for the same module:
///
/// ```python
/// class Net(nn.Module):
///     def __init__(self):
///         super().__init__()
///         self.body = nn.Sequential(nn.Linear(3, 4), nn.ReLU())
///         self.blocks = nn.ModuleList([nn.Linear(4, 4), nn.Linear(4, 4, bias=False)])
///         self.head = nn.Linear(4, 2)
///         self.scale = nn.Parameter(torch.ones(2))
///         self.register_buffer("steps", torch.zeros(1))
///         self.norm = nn.BatchNorm1d(2)
///         self.extra = None
/// ```
@Suite struct ModuleRegistrationTests {
    final class Net: Module {
        let body = Sequential(Linear(3, 4), ReLU())
        let blocks = ModuleList([Linear(4, 4), Linear(4, 4, bias: false)])
        let head = Linear(4, 2)
        let scale = Tensor.ones([2], requiresGrad: true)
        @Buffer var steps = Tensor.zeros([1])
        let norm = BatchNorm1d(2)
        let extra: Module? = nil
        let width = 4  // plain state: not registered
    }

    @Test func storedPropertiesRegisterInDeclarationOrderWithPyTorchsNames() {
        let net = Net()
        #expect(net.namedParameters().map(\.name) == ["scale", "body.0.weight", "body.0.bias", "blocks.0.weight", "blocks.0.bias",
                                                      "blocks.1.weight", "head.weight", "head.bias", "norm.weight", "norm.bias"])
        #expect(net.namedBuffers().map(\.name) == ["steps", "norm.running_mean", "norm.running_var", "norm.num_batches_tracked"])
        #expect(net.namedModules().map(\.name) == ["", "body", "body.0", "body.1", "blocks", "blocks.0", "blocks.1", "head", "norm"])
        #expect(net.namedChildren().map(\.name) == ["body", "blocks", "head", "norm"])
        #expect(net.parameters().first === net.scale)
        #expect(net.buffers().first === net.steps)
    }

    @Test func applyVisitsChildrenFirstAsPyTorchDoes() {
        var order: [String] = []
        Net().apply { order.append($0.typeName) }
        #expect(order == ["Linear", "ReLU", "Sequential", "Linear", "Linear", "ModuleList", "Linear", "BatchNorm1d", "Net"])
    }

    @Test func printsAsPyTorchPrintsIt() {
        #expect(Net().description == """
            Net(
              (body): Sequential(
                (0): Linear(in_features=3, out_features=4, bias=True)
                (1): ReLU()
              )
              (blocks): ModuleList(
                (0): Linear(in_features=4, out_features=4, bias=True)
                (1): Linear(in_features=4, out_features=4, bias=False)
              )
              (head): Linear(in_features=4, out_features=2, bias=True)
              (norm): BatchNorm1d(2, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)
            )
            """)
        // PyTorch folds a run of equal entries of a ModuleList (not of a Sequential).
        let list = ModuleList([Linear(4, 4), Linear(4, 4), Linear(4, 4), ReLU(), Linear(4, 4)])
        #expect(list.description == """
            ModuleList(
              (0-2): 3 x Linear(in_features=4, out_features=4, bias=True)
              (3): ReLU()
              (4): Linear(in_features=4, out_features=4, bias=True)
            )
            """)
        #expect(ModuleList().description == "ModuleList()")
    }

    @Test func arraysOfModulesAndTensorsRegisterByPosition() {
        final class Stack: Module {
            let layers = [Linear(2, 2), Linear(2, 2, bias: false)]
            let gains = [Tensor.ones([1], requiresGrad: true), Tensor.ones([1], requiresGrad: true)]
        }
        // As PyTorch names an nn.ModuleList and an nn.ParameterList, in declaration order.
        #expect(Stack().namedParameters().map(\.name) == ["layers.0.weight", "layers.0.bias", "layers.1.weight", "gains.0", "gains.1"])
    }

    @Test func aSubclassOfASubclassRegistersTheBaseClassesPropertiesFirst() {
        class Base: Module { let first = Linear(1, 1) }
        final class Derived: Base { let second = Linear(1, 1) }
        #expect(Derived().namedChildren().map(\.name) == ["first", "second"])
    }

    @Test func moduleDictKeepsInsertionOrderAndReplacesInPlace() {
        let dict = ModuleDict([("encoder", Linear(2, 3)), ("head", Linear(3, 1))])
        dict["encoder"] = Linear(2, 3, bias: false)
        dict["extra"] = ReLU()
        #expect(dict.keys == ["encoder", "head", "extra"])
        #expect(dict.namedParameters().map(\.name) == ["encoder.weight", "head.weight", "head.bias"])
    }

    @Test func freezingSwitchesActOnEveryParameterBelow() {
        let net = Net()
        net.body.requiresGrad_(false)
        #expect(net.numParameters(trainableOnly: true) == net.numParameters() - (3 * 4 + 4))
        #expect(net.modules().count == 9)
        net.eval()
        #expect(net.modules().allSatisfy { !$0.isTraining })
    }

    @Test func aMisspeltNameIsAnsweredWithTheNamesThereAre() {
        let linear = Linear(3, 4)
        #expect(linear.missingAttribute("wieght") == "'Linear' object has no attribute 'wieght'. Did you mean: 'weight'?")
        #expect(linear.missingAttribute("gamma") == "'Linear' object has no attribute 'gamma' (it has: weight, bias)")
        #expect(ReLU().missingAttribute("weight") == "'ReLU' object has no attribute 'weight' (it has no parameters or buffers)")
        #expect(BatchNorm1d(2).missingAttribute("runningMaen") == "'BatchNorm1d' object has no attribute 'running_maen'. Did you mean: 'running_mean'?")
    }
}
