# Freezing with requires_grad=False: the PyTorch side of FreezeLab's lesson 02-freezing-with-requires-grad, every PyTorch cell in order.
# `python 02-freezing-with-requires-grad.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/02-freezing-with-requires-grad.md:48)
import torch.nn.functional as F
torch.manual_seed(0)

def norm(t):
    """The Euclidean norm of a gradient."""
    return t.norm().item()

def max_abs_diff(a, b):
    """The largest absolute difference between two tensors of the same shape."""
    return (a - b).abs().max().item()

def print_graph(t, model):
    """Prints the backward graph of `t` as PyTorch records it: from `t.grad_fn` through
    `next_functions`, one node per line, indented by depth. A leaf's AccumulateGrad node is
    labelled with the parameter of `model` it adds gradients into."""
    names = {id(p): name for name, p in model.named_parameters()}
    def visit(node, depth):
        leaf = names.get(id(getattr(node, "variable", None)))
        print("  " * depth + type(node).__name__ + (f"  {leaf}" if leaf else ""))
        for child, _ in node.next_functions:
            if child is not None:
                visit(child, depth + 1)
    if t.grad_fn is not None:
        visit(t.grad_fn, 0)
    else:
        print("(no grad_fn)")

# cell 2 (lessons/02-freezing-with-requires-grad.md:101)
def make_model(freezing=()):
    torch.manual_seed(1)                       # the same initial weights on every call
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(),
                          nn.Linear(4, 4), nn.ReLU(),
                          nn.Linear(4, 2))
    for i in freezing:
        model[i].requires_grad_(False)
    return model
x = torch.randn(6, 3)     # a batch of 6 rows
y = torch.randn(6, 2)

model = make_model(freezing=[2])               # freeze the middle Linear
for name, p in model.named_parameters():
    print(f"{name:9}", "requires_grad =", p.requires_grad)

# cell 3 (lessons/02-freezing-with-requires-grad.md:140)
F.mse_loss(model(x), y).backward()

for name, p in model.named_parameters():
    grad = "None" if p.grad is None else f"a {list(p.grad.shape)} tensor, norm {norm(p.grad):.4f}"
    print(f"{name:9}", f"{'requires_grad = ' + str(p.requires_grad):22}", ".grad:", grad)

# cell 4 (lessons/02-freezing-with-requires-grad.md:187)
model.zero_grad()
h = model[1](model[0](x))          # the input of the frozen layer
a = model[2](h)                    # its output
h.retain_grad(); a.retain_grad()
F.mse_loss(model[4](model[3](a)), y).backward()

by_hand = a.grad @ model[2].weight     # ∂L/∂a · W, with the frozen W
print("∂L/∂a:", a.grad.size(), "  ∂L/∂h:", h.grad.size())
print("∂L/∂h equals ∂L/∂a · 2.weight:", max_abs_diff(h.grad, by_hand) < 1e-15)
print("2.weight.grad:", "None" if model[2].weight.grad is None else "computed")

# cell 5 (lessons/02-freezing-with-requires-grad.md:220)
unfrozen = make_model()
F.mse_loss(unfrozen(x), y).backward()

frozen_params, unfrozen_params = dict(model.named_parameters()), dict(unfrozen.named_parameters())
for name in ["0.weight", "0.bias", "4.weight", "4.bias"]:
    diff = max_abs_diff(frozen_params[name].grad, unfrozen_params[name].grad)
    print(f"{name:9}", "identical gradient" if diff == 0 else f"differs by {diff}")

# cell 6 (lessons/02-freezing-with-requires-grad.md:266)
configurations = [("nothing frozen", make_model()),
                  ("layer 0 frozen", make_model(freezing=[0])),
                  ("layer 2 frozen", make_model(freezing=[2]))]
print((f"{'output of':12}" + "".join(f"{label:18}" for label, _ in configurations)).strip())
outputs = [x for _ in configurations]
for layer in range(5):
    outputs = [m[layer](out) for (_, m), out in zip(configurations, outputs)]
    kind = "Linear" if layer % 2 == 0 else "ReLU"
    names = [type(o.grad_fn).__name__ if o.grad_fn is not None else "None" for o in outputs]
    print((f"{f'{layer} {kind}':12}" + "".join(f"{n:18}" for n in names)).strip())

# cell 7 (lessons/02-freezing-with-requires-grad.md:317)
everything = make_model()
first_frozen = make_model(freezing=[0])
loss_everything = F.mse_loss(everything(x), y)
loss_first_frozen = F.mse_loss(first_frozen(x), y)
print("nothing frozen:")
print_graph(loss_everything, everything)
print("layer 0 frozen:")
print_graph(loss_first_frozen, first_frozen)

# cell 10 (lessons/02-freezing-with-requires-grad.md:463)
from torch.utils.flop_counter import FlopCounterMode
from torch.autograd.graph import saved_tensors_hooks

def backward_nodes(t):
    """Every node reachable from t.grad_fn through next_functions, once."""
    seen, todo = set(), [t.grad_fn]
    while todo:
        node = todo.pop()
        if node is not None and node not in seen:
            seen.add(node)
            todo += [child for child, _ in node.next_functions]
    return seen

print("case                nodes  AccumulateGrad  backward FLOPs  saved bytes")
for label, frozen in [("nothing frozen", []), ("layer 2 frozen", [2]),
                      ("layer 0 frozen", [0]), ("layers 0, 2 frozen", [0, 2])]:
    model = make_model(freezing=frozen)
    saved = {}                                 # a tensor saved twice is held once
    def keep(t):
        saved[t.data_ptr()] = t.numel() * t.element_size()
        return t
    with saved_tensors_hooks(keep, lambda t: t):
        loss = F.mse_loss(model(x), y)
    nodes = backward_nodes(loss)
    leaves = sum(type(n).__name__ == "AccumulateGrad" for n in nodes)
    counter = FlopCounterMode(display=False)
    with counter:
        loss.backward()
    print(f"{label:19}", f"{len(nodes) - leaves:6}", f"{leaves:15}", f"{counter.get_total_flops():15}", f"{sum(saved.values()):12}")
