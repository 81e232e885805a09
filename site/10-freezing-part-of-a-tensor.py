# Freezing part of a tensor: the PyTorch side of FreezeLab's lesson 10-freezing-part-of-a-tensor, every PyTorch cell in order.
# `python 10-freezing-part-of-a-tensor.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/10-freezing-part-of-a-tensor.md:22)
import torch.nn.functional as F
torch.manual_seed(0)

def drift(w, row, start):
    """The largest absolute change of row `row` of `w` since `start`."""
    return (w.detach()[row] - start).abs().max().item()

# cell 2 (lessons/10-freezing-part-of-a-tensor.md:47)
layer = nn.Linear(4, 3)
x, y = torch.randn(8, 4), torch.randn(8, 3)
print("row 0 is a leaf:", layer.weight[0].is_leaf)
try:
    layer.weight[0].requires_grad_(False)
except RuntimeError as error:
    print(error)

# cell 3 (lessons/10-freezing-part-of-a-tensor.md:86)
start = layer.weight.detach().clone()
mask = torch.ones(3, 4)
mask[0] = 0                                    # row 0: no gradient
handle = layer.weight.register_hook(lambda grad: grad * mask)

sgd = torch.optim.SGD(layer.parameters(), lr=0.1)
for _ in range(20):
    sgd.zero_grad()
    F.mse_loss(layer(x), y).backward()
    sgd.step()
print("row 0 gradient after the hook:", layer.weight.grad[0])
print("row 0 moved by:", drift(layer.weight, 0, start[0]))
print("row 1 moved by:", f"{drift(layer.weight, 1, start[1]):.4f}")

# cell 4 (lessons/10-freezing-part-of-a-tensor.md:157)
def run(make_optimizer, mask_from=0):
    """Trains a fresh copy of the layer for 20 steps with make_optimizer, masking row 0's
    gradient from step mask_from on, and returns how far row 0 moved after each step."""
    model = nn.Linear(4, 3)
    with torch.no_grad():
        model.weight.copy_(start)
        model.bias.zero_()
    optimizer = make_optimizer(model.parameters())
    handle, moves = None, []
    for step in range(20):
        if step == mask_from:
            handle = model.weight.register_hook(lambda grad: grad * mask)
        optimizer.zero_grad()
        F.mse_loss(model(x), y).backward()
        optimizer.step()
        moves.append(drift(model.weight, 0, start[0]))
    handle.remove()
    return moves

runs = [
    ("SGD", run(lambda p: torch.optim.SGD(p, lr=0.1))),
    ("SGD, momentum 0.9", run(lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9))),
    ("SGD, weight decay 0.1", run(lambda p: torch.optim.SGD(p, lr=0.1, weight_decay=0.1))),
    ("Adam", run(lambda p: torch.optim.Adam(p, lr=0.05))),
    ("Adam, masked from step 5", run(lambda p: torch.optim.Adam(p, lr=0.05), mask_from=5)),
    ("AdamW, weight decay 0.1", run(lambda p: torch.optim.AdamW(p, lr=0.05, weight_decay=0.1))),
]
for name, moves in runs:
    print(f"{name:<26}", "row 0 moved by", f"{moves[-1]:.6f}")

# cell 5 (lessons/10-freezing-part-of-a-tensor.md:231)
restored = nn.Linear(4, 3)
with torch.no_grad():
    restored.weight.copy_(start)
    restored.bias.zero_()
adamw = torch.optim.AdamW(restored.parameters(), lr=0.05, weight_decay=0.1)
for _ in range(20):
    adamw.zero_grad()
    F.mse_loss(restored(x), y).backward()
    adamw.step()
    with torch.no_grad():
        restored.weight[0] = start[0]
print("AdamW, restored after each step: row 0 moved by", drift(restored.weight, 0, start[0]))
