# Optimizer-only freezing: the PyTorch side of FreezeLab's lesson 03-optimizer-only-freezing, every PyTorch cell in order.
# `python 03-optimizer-only-freezing.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/03-optimizer-only-freezing.md:69)
import torch.nn.functional as F
torch.manual_seed(0)

def norm(t):
    """The Euclidean norm of a gradient, or None when there is no gradient."""
    return None if t is None else t.norm().item()

def f4(x):
    """A value with 4 decimals, or "None"."""
    return "None" if x is None else f"{x:.4f}"

def max_abs_diff(a, b):
    """The largest absolute difference between two tensors of the same shape."""
    return (a - b).abs().max().item()

def print_graph(t, model):
    """Prints the backward graph of `t` from `t.grad_fn` through `next_functions`, one node per
    line, indented by depth; an AccumulateGrad node is labelled with its parameter's name."""
    names = {id(p): name for name, p in model.named_parameters()}
    def visit(node, depth):
        leaf = names.get(id(getattr(node, "variable", None)))
        print("  " * depth + type(node).__name__ + (f"  {leaf}" if leaf else ""))
        for child, _ in node.next_functions:
            if child is not None:
                visit(child, depth + 1)
    visit(t.grad_fn, 0)

# The initial weights and the batch of the PyTorch reference traces `freeze_requires_grad_sgd`
# and `freeze_optimizer_only_sgd` (copied from the trace files; float64, exact).
def make_model():
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[0.48215752542811824, -0.46544222124001233, 0.24104509612931826],
                                            [0.04648997545125775, 0.477188948401218, 0.02968976056435173],
                                            [-0.43831628661525496, -0.26910604740347216, 0.2226023563349831],
                                            [-0.043575563137918716, -0.48256001522040703, 0.21131177711973748]]))
        model[0].bias.copy_(torch.tensor([0.13824320476647342, 0.35563112149698217, 0.2688598391011468, -0.15428849328763242]))
        model[2].weight.copy_(torch.tensor([[0.44139602003446404, -0.3029506648503148, 0.2579341778681868, -0.38607503431682216],
                                            [0.24399008608739844, 0.2067595900863742, 0.2945342617956746, 0.1953273686061083]]))
        model[2].bias.copy_(torch.tensor([-0.07637763295661548, -0.3656088992285107]))
    return model
x = torch.tensor([[-0.32011125949334185, -0.13852694221735581, -0.14418767051681228],
                  [-1.3326616897674182, 1.0504134063089272, -0.24587100146970314],
                  [0.43245459642280504, -0.7809969164258229, -1.0451643451146118],
                  [-0.005032371838295409, 1.1877309068046207, -0.35853751212269924],
                  [0.3508018274161674, -0.9688738656058214, 2.190743010721362],
                  [-0.05735309891957308, 0.6732930729893253, -0.5285967591605243]])
y = torch.tensor([[1.0956127157767022, -0.523124646515618], [-0.8462221081002127, -0.9945825134204795],
                  [0.6310912067999019, 0.5327252827686194], [-0.845385846786825, 0.9405607146180334],
                  [-2.122406044152986, 0.023346108287884686], [0.483569595178479, 1.2895133632023712]])

# cell 2 (lessons/03-optimizer-only-freezing.md:145)
# A: freeze the first layer with the flag; the optimizer may see every parameter.
model_a = make_model()
model_a[0].requires_grad_(False)
opt_a = torch.optim.SGD(model_a.parameters(), lr=0.1)

# B: leave every flag on; give the optimizer only the last layer.
model_b = make_model()
opt_b = torch.optim.SGD(model_b[2].parameters(), lr=0.1)

def trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)

def in_optimizer(opt):
    return sum(len(group["params"]) for group in opt.param_groups)

print("A: values that require grad:", trainable(model_a), "  tensors in optimizer:", in_optimizer(opt_a))
print("B: values that require grad:", trainable(model_b), "  tensors in optimizer:", in_optimizer(opt_b))
print("same starting weights:", all(torch.equal(a, b) for a, b in zip(model_a.parameters(), model_b.parameters())))

# cell 3 (lessons/03-optimizer-only-freezing.md:208)
loss_a, loss_b = [], []
grad_norm_a, grad_norm_b = [], []

print("step  loss A   loss B   max |A − B| in 2.weight, 2.bias")
for step in range(1, 11):
    opt_a.zero_grad()
    la = F.mse_loss(model_a(x), y)
    la.backward()
    opt_a.step()

    opt_b.zero_grad()
    lb = F.mse_loss(model_b(x), y)
    lb.backward()
    opt_b.step()

    loss_a.append(la.item()); loss_b.append(lb.item())
    grad_norm_a.append(norm(model_a[0].weight.grad)); grad_norm_b.append(norm(model_b[0].weight.grad))
    diff = max(max_abs_diff(model_a[2].weight, model_b[2].weight), max_abs_diff(model_a[2].bias, model_b[2].bias))
    print(f"{step:4d}  {la.item():.4f}   {lb.item():.4f}   " + ("0 (identical)" if diff == 0 else f"{diff}"))

# cell 4 (lessons/03-optimizer-only-freezing.md:257)
trace_loss_a = [1.2109231658126287, 1.1463204506515472, 1.0916581261734952]  # freeze_requires_grad_sgd
trace_loss_b = [1.2109231658126287, 1.1463204506515472, 1.0916581261734952]  # freeze_optimizer_only_sgd
agree = all(abs(loss_a[i] - trace_loss_a[i]) < 1e-9 and abs(loss_b[i] - trace_loss_b[i]) < 1e-9 for i in range(3))
print("first three losses agree with the traces within 1e-9:", agree)

# cell 5 (lessons/03-optimizer-only-freezing.md:290)
print("step  ‖0.weight.grad‖ in A   ‖0.weight.grad‖ in B")
for step in range(1, 11):
    print(f"{step:>4}", f"{f4(grad_norm_a[step - 1]):>20}", f"{f4(grad_norm_b[step - 1]):>22}")

# cell 6 (lessons/03-optimizer-only-freezing.md:328)
trace_grad_after_3 = torch.tensor([[0.15604382563479866, -0.32157382066677476, 1.3579962907270833],
                                   [-0.08774562978138724, -0.2749642255890701, 0.05840693775497026],
                                   [-0.20966005312299932, 0.04768227663277147, 0.8314560134975661],
                                   [-0.16447790674400592, 0.45426885739898654, -1.0271577752930043]])
print("the trace's ‖0.weight.grad‖ after 3 steps:", f4(norm(trace_grad_after_3)))
print("this run's after 3 steps:                 ", f4(grad_norm_b[2]))

# cell 7 (lessons/03-optimizer-only-freezing.md:356)
before = norm(model_b[0].weight.grad)
opt_b.zero_grad()
print("0.weight is in B's optimizer:", any(p is model_b[0].weight for g in opt_b.param_groups for p in g["params"]))
print("‖0.weight.grad‖ before B's zero_grad:", f4(before))
print("‖0.weight.grad‖ after  B's zero_grad:", f4(norm(model_b[0].weight.grad)))
print("2.weight.grad after    B's zero_grad:", model_b[2].weight.grad)

# cell 8 (lessons/03-optimizer-only-freezing.md:391)
print("A:")
print_graph(F.mse_loss(model_a(x), y), model_a)
print("B:")
print_graph(F.mse_loss(model_b(x), y), model_b)
print("gradient values B keeps for its frozen layer:", model_b[0].weight.grad.numel() + model_b[0].bias.grad.numel())
