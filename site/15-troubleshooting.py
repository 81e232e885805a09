# Troubleshooting: the PyTorch side of FreezeLab's lesson 15-troubleshooting, every PyTorch cell in order.
# `python 15-troubleshooting.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/15-troubleshooting.md:60)
model = nn.Linear(2, 1)
model.requires_grad = False                  # an attribute nobody reads
print("model.requires_grad:", model.requires_grad, "  weight.requires_grad:", model.weight.requires_grad)
model.requires_grad_(False)                  # the method: every parameter
print("after requires_grad_(False):", model.weight.requires_grad)

# cell 2 (lessons/15-troubleshooting.md:136)
import torch.nn.functional as F

def freezing_report(model, optimizer):
    """One line per parameter: requires_grad, what its .grad holds, and its optimizer group's
    weight decay (or "not in the optimizer"); then the mode of each BatchNorm and Dropout layer."""
    for name, p in model.named_parameters():
        grad = "None" if p.grad is None else ("zeros" if bool((p.grad == 0).all()) else "values")
        group = next((g for g in optimizer.param_groups if any(q is p for q in g["params"])), None)
        place = "not in the optimizer" if group is None else f"weight_decay {group['weight_decay']}"
        print(f"{name:<10}", f"{'requires_grad=' + str(p.requires_grad):<20}", f"{'grad=' + grad:<12}", place)
    for name, module in model.named_modules():
        if isinstance(module, (nn.modules.batchnorm._BatchNorm, nn.Dropout)):
            print(f"{name:<10}", type(module).__name__, "training" if module.training else "eval")

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=0.01)
F.mse_loss(model(torch.randn(8, 3)), torch.randn(8, 2)).backward()
for layer in [model[0], model[1]]:
    layer.requires_grad_(False)
optimizer.zero_grad(set_to_none=False)
freezing_report(model, optimizer)

# cell 3 (lessons/15-troubleshooting.md:224)
def frozen_drift(fixed, steps=10):
    """Trains the half-frozen model above for `steps` more steps on fresh batches, as the report
    found it or with both findings fixed; after each step, the largest change since freezing in
    the frozen layers' weights and in BatchNorm's running mean."""
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=0.01)
    F.mse_loss(model(torch.randn(8, 3)), torch.randn(8, 2)).backward()
    for layer in [model[0], model[1]]:
        layer.requires_grad_(False)
    norm = model[1]
    if fixed:
        norm.eval()                                       # use the statistics, never update them
    frozen = list(model[0].parameters()) + list(norm.parameters())
    before, mean_before = [p.detach().clone() for p in frozen], norm.running_mean.clone()
    weights, running_mean = [], []
    for _ in range(steps):
        optimizer.zero_grad(set_to_none=fixed)            # fixed: the frozen layers' .grad stays None
        F.mse_loss(model(torch.randn(8, 3)), torch.randn(8, 2)).backward()
        optimizer.step()
        weights.append(max((p - b).abs().max().item() for p, b in zip(frozen, before)))
        running_mean.append((norm.running_mean - mean_before).abs().max().item())
    return weights, running_mean

found, fixed = frozen_drift(False), frozen_drift(True)
print("largest change since freezing, after each of ten steps:")
for name, (weights, running_mean) in (("as found", found), ("fixed", fixed)):
    print(f"{name:<9}", "weights     ", " ".join(f"{v:.4f}" for v in weights))
    print(f"{'':<9}", "running mean", " ".join(f"{v:.4f}" for v in running_mean))
