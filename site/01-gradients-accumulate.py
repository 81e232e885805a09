# Gradients accumulate: the PyTorch side of FreezeLab's lesson 01-gradients-accumulate, every PyTorch cell in order.
# `python 01-gradients-accumulate.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/01-gradients-accumulate.md:18)
import torch.nn.functional as F
torch.manual_seed(0)

def max_abs_diff(a, b):
    """The largest absolute difference between two tensors of the same shape."""
    return (a - b).abs().max().item()

# cell 2 (lessons/01-gradients-accumulate.md:47)
w = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)  # a parameter: a leaf
x = torch.tensor([0.5, 0.5, 2.0])                       # data: a leaf too, no grad
h = w * x                                               # computed: not a leaf
loss = (h * h).sum()

print("w is a leaf:", w.is_leaf, "  x is a leaf:", x.is_leaf,
      "  h is a leaf:", h.is_leaf)
print("h.grad_fn:", h.grad_fn.name(), "  loss.grad_fn:", loss.grad_fn.name())
print("x * 2 is a leaf:", (x * 2).is_leaf, "  its grad_fn:", (x * 2).grad_fn)

# cell 3 (lessons/01-gradients-accumulate.md:78)
loss.backward()
print("w.grad:", w.grad)
print("h.grad:", h.grad)

# cell 4 (lessons/01-gradients-accumulate.md:105)
h2 = w * x
h2.retain_grad()
(h2 * h2).sum().backward()
print("h2.grad:", h2.grad)
print("w.grad: ", w.grad)

# cell 5 (lessons/01-gradients-accumulate.md:146)
torch.manual_seed(1)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
xb = torch.randn(6, 3)
yb = torch.randn(6, 2)

F.mse_loss(model(xb), yb).backward()
after_one = model[0].weight.grad.clone()    # a snapshot of the values
print(f"after one backward:\n{after_one}")

F.mse_loss(model(xb), yb).backward()
after_two = model[0].weight.grad
print(f"after two backwards:\n{after_two}")

exactly_double = torch.equal(2 * after_one, after_two)
print("exactly double" if exactly_double else "not double")

# cell 6 (lessons/01-gradients-accumulate.md:195)
a = torch.tensor(2.0, requires_grad=True)
out = a * 3.0 + a * a      # `a` is used in two places
out.backward()
print("a.grad:", a.grad, "  (3 + 2a = 7)")

# cell 7 (lessons/01-gradients-accumulate.md:234)
model.zero_grad()
F.mse_loss(model(xb), yb).backward()            # all 6 rows at once
full_batch = model[0].weight.grad.clone()

model.zero_grad()
for rows in [slice(0, 3), slice(3, 6)]:          # two micro-batches of 3 rows
    (F.mse_loss(model(xb[rows]), yb[rows]) * 0.5).backward()
accumulated = model[0].weight.grad

same = max_abs_diff(full_batch, accumulated) < 1e-12
print("same gradient as the full batch" if same else "different")

# cell 8 (lessons/01-gradients-accumulate.md:291)
without_zeroing = []
with_zeroing = []

model.zero_grad()
for _ in range(10):
    F.mse_loss(model(xb), yb).backward()
    without_zeroing.append(model[0].weight.grad.norm().item())
for _ in range(10):
    model.zero_grad()
    F.mse_loss(model(xb), yb).backward()
    with_zeroing.append(model[0].weight.grad.norm().item())

print("pass  ‖0.weight.grad‖ never reset   reset before each")
for i in [0, 1, 2, 9]:
    print(f"{i + 1:4d}  {without_zeroing[i]:27.4f}   {with_zeroing[i]:17.4f}")
growth = without_zeroing[9] / without_zeroing[0]
print(f"after 10 passes the norm is {growth:.4f} times the first")

# cell 9 (lessons/01-gradients-accumulate.md:341)
model.zero_grad(set_to_none=True)
print("set_to_none=True:  .grad is", model[0].bias.grad)

F.mse_loss(model(xb), yb).backward()
model.zero_grad(set_to_none=False)
print("set_to_none=False: .grad is", model[0].bias.grad)
