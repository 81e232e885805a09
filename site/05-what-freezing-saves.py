# What freezing saves: the PyTorch side of FreezeLab's lesson 05-what-freezing-saves, every PyTorch cell in order.
# `python 05-what-freezing-saves.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/05-what-freezing-saves.md:23)
import torch.nn.functional as F
torch.manual_seed(0)

# cell 2 (lessons/05-what-freezing-saves.md:54)
def workload(mode):
    """The benchmark's network and optimizer in one of the four modes (seed 0, as the engine's)."""
    torch.manual_seed(0)
    backbone = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU())
    head = nn.Linear(256, 10)
    model = nn.Sequential(backbone, head)
    if mode == "requires_grad":
        backbone.requires_grad_(False)
    trained = model if mode in ("full", "requires_grad") else head
    return model, backbone, head, torch.optim.SGD(trained.parameters(), lr=0.01)

modes = ["full", "requires_grad", "optimizer_only", "no_grad_backbone"]
workloads = [workload(mode) for mode in modes]

print("mode              parameters  requiring grad  tensors in SGD")
for mode, (model, _, _, opt) in zip(modes, workloads):
    total = sum(p.numel() for p in model.parameters())
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    in_sgd = sum(len(group["params"]) for group in opt.param_groups)
    print(f"{mode:16}", f"{total:>11,}", f"{trainable:>15,}", f"{in_sgd:>15}")

# cell 3 (lessons/05-what-freezing-saves.md:101)
def train_step(mode, backbone, head, optimizer, x, target):
    optimizer.zero_grad()
    if mode == "no_grad_backbone":
        with torch.no_grad():
            features = backbone(x)
    else:
        features = backbone(x)
    loss = F.cross_entropy(head(features), target)
    loss.backward()
    optimizer.step()

# cell 9 (lessons/05-what-freezing-saves.md:262)
from torch.utils.flop_counter import FlopCounterMode
from torch.autograd.graph import saved_tensors_hooks

x, target = torch.randn(64, 784), torch.randint(0, 10, (64,))   # FLOPs depend on shapes only

def counted(fn):
    """What fn returns, and the FLOPs FlopCounterMode saw while it ran."""
    counter = FlopCounterMode(display=False)
    with counter:
        result = fn()
    return result, counter.get_total_flops()

def loss_of(mode, backbone, head):
    if mode == "no_grad_backbone":
        with torch.no_grad():
            features = backbone(x)
    else:
        features = backbone(x)
    return F.cross_entropy(head(features), target)

print("mode             forward FLOPs  backward FLOPs  saved MB  activations MB")
for mode, (model, backbone, head, optimizer) in zip(modes, workloads):
    # What the caller holds anyway: the parameters (a weight is saved as a view of itself) and x.
    held = {p.data_ptr() for p in model.parameters()} | {x.data_ptr()}
    for step in (1, 2):                       # report step 2, as above
        optimizer.zero_grad()
        saved = {}                            # a tensor saved twice is held once
        def keep(t):
            saved[t.data_ptr()] = t.numel() * t.element_size()
            return t
        with saved_tensors_hooks(keep, lambda t: t):
            loss, forward_flops = counted(lambda: loss_of(mode, backbone, head))
        _, backward_flops = counted(loss.backward)
        optimizer.step()
    activations = sum(size for pointer, size in saved.items() if pointer not in held)
    print(f"{mode:16}", f"{forward_flops:>13,}", f"{backward_flops:>15,}", f"{sum(saved.values()) / 1e6:9.2f}",
          f"{activations / 1e6:15.2f}")
