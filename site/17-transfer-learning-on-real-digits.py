# Transfer learning on real digits: the PyTorch side of FreezeLab's lesson 17-transfer-learning-on-real-digits, every PyTorch cell in order.
# `python 17-transfer-learning-on-real-digits.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/17-transfer-learning-on-real-digits.md:49)
import torch.nn.functional as F

rows = [[float(v) for v in line.split(",")] for line in open("data/digits.csv")]
digits = [int(row[64]) for row in rows]

def images(indices):
    """The images at `indices` as a [n, 64] tensor, pixels scaled to 0...1."""
    return torch.tensor([rows[i][:64] for i in indices]) / 16

old = [i for i, d in enumerate(digits) if d <= 6]            # pretraining: digits 0-6
seen = {7: 0, 8: 0, 9: 0}
few, test = [], []                                           # the new task: 7, 8 and 9
for i, d in enumerate(digits):
    if d >= 7:
        if seen[d] < 10:
            few.append(i)
            seen[d] += 1
        else:
            test.append(i)
x_old, y_old = images(old), torch.tensor([digits[i] for i in old])
x_few, y_few = images(few), torch.tensor([digits[i] - 7 for i in few])
x_test, y_test = images(test), torch.tensor([digits[i] - 7 for i in test])
print(len(rows), "images of", x_old.shape[1], "pixels")
print("pretraining on digits 0-6:", len(old), "images")
print("new task, digits 7-9:", len(few), "labelled (10 of each),", len(test), "to test on")

# cell 2 (lessons/17-transfer-learning-on-real-digits.md:118)
def make_body():
    return nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU())

def correct(body, head, x, y):
    """How many of x the model classifies as y."""
    with torch.no_grad():
        return (head(body(x)).argmax(dim=1) == y).sum().item()

torch.manual_seed(0)
pretrained, old_head = make_body(), nn.Linear(64, 7)
pretrain_opt = torch.optim.Adam(list(pretrained.parameters()) + list(old_head.parameters()), lr=0.01)
for _ in range(100):
    pretrain_opt.zero_grad()
    loss = F.cross_entropy(old_head(pretrained(x_old)), y_old)
    loss.backward()
    pretrain_opt.step()
print(f"after 100 steps: loss {loss.item():.4f},",
      correct(pretrained, old_head, x_old, y_old), "of", len(old), "right")

# cell 3 (lessons/17-transfer-learning-on-real-digits.md:191)
methods = ["from scratch", "full fine-tuning", "first layer frozen", "requires_grad", "optimizer only"]
print(f"{'method':<19}{'test accuracy':>14}{'trained':>9}{'.grad values':>14}{'Adam state':>12}")
for method in methods:
    torch.manual_seed(1)
    body, head = make_body(), nn.Linear(64, 3)
    if method != "from scratch":
        body.load_state_dict(pretrained.state_dict())
    if method == "first layer frozen":
        body[0].requires_grad_(False)
    if method == "requires_grad":
        body.requires_grad_(False)
    trained = list(head.parameters()) if method == "optimizer only" else \
        [p for p in list(body.parameters()) + list(head.parameters()) if p.requires_grad]
    opt = torch.optim.Adam(trained, lr=0.01)
    for _ in range(100):
        opt.zero_grad()
        F.cross_entropy(head(body(x_few)), y_few).backward()
        opt.step()
        accuracy = correct(body, head, x_test, y_test) / len(test)
    grads = sum(p.grad.numel() for p in list(body.parameters()) + list(head.parameters()) if p.grad is not None)
    state = sum(s["exp_avg"].numel() + s["exp_avg_sq"].numel() for s in opt.state.values())
    print(f"{method:<19}{accuracy:>14.1%}{sum(p.numel() for p in trained):>9,}{grads:>14,}{state:>12,}")

# cell 4 (lessons/17-transfer-learning-on-real-digits.md:287)
def unfreeze_late(reset, frozen=50, after=50):
    """Trains the head alone for `frozen` steps (optimizer-only freezing, zeroing after each step),
    then adds the body to Adam at a tenth of the head's learning rate; with `reset`, the body's
    gradients are set to None first."""
    torch.manual_seed(1)
    body, head = make_body(), nn.Linear(64, 3)
    body.load_state_dict(pretrained.state_dict())
    opt = torch.optim.Adam(head.parameters(), lr=0.01)
    accuracy = []
    for step in range(frozen + after):
        if step == frozen:
            if reset:
                body.zero_grad()
            opt.add_param_group({"params": body.parameters(), "lr": 0.001})
            start = body[0].weight.detach().clone()
        F.cross_entropy(head(body(x_few)), y_few).backward()
        opt.step()
        opt.zero_grad()
        accuracy.append(correct(body, head, x_test, y_test) / len(test))
    moved = (body[0].weight - start).norm().item()
    scale = opt.state[body[0].weight]["exp_avg_sq"].sqrt().mean().item()
    return accuracy, moved, scale

runs = {"stale": unfreeze_late(reset=False), "reset": unfreeze_late(reset=True)}
print(f"{'':<34}{'stale':>8}{'reset':>8}")
print(f"{'accuracy when unfreezing':<34}", " ".join(f"{r[0][49]:>7.1%}" for r in runs.values()))
print(f"{'accuracy 50 steps later':<34}", " ".join(f"{r[0][-1]:>7.1%}" for r in runs.values()))
print(f"{'first layer moved (norm)':<34}", " ".join(f"{r[1]:>7.3f}" for r in runs.values()))
print(f"{'Adam sqrt(v) of that layer (mean)':<34}", " ".join(f"{r[2]:>7.5f}" for r in runs.values()))
