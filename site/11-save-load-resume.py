# Save, load, resume: the PyTorch side of FreezeLab's lesson 11-save-load-resume, every PyTorch cell in order.
# `python 11-save-load-resume.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/11-save-load-resume.md:29)
import copy
import torch.nn.functional as F
torch.manual_seed(0)

def make_model():
    """The network of this lesson: a two-layer backbone and a head."""
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))

def train_step(model, optimizer, x, y):
    """One SGD step on the batch; returns the loss before the step."""
    optimizer.zero_grad()
    loss = F.mse_loss(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()

# cell 2 (lessons/11-save-load-resume.md:68)
x, y = torch.randn(16, 4), torch.randn(16, 2)
model = make_model()
model[0].requires_grad_(False)
head_only = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.1, momentum=0.9)
for _ in range(5):
    train_step(model, head_only, x, y)
checkpoint = copy.deepcopy(model.state_dict())   # what torch.save writes: the values, copied

resumed = make_model()
resumed.load_state_dict(checkpoint)
print("saved:  ", list(checkpoint.keys()))
print("frozen before saving:", [not p.requires_grad for p in model.parameters()])
print("frozen after loading:", [not p.requires_grad for p in resumed.parameters()])

# cell 3 (lessons/11-save-load-resume.md:109), raises: the lesson shows the error
try:
    saved_optimizer = copy.deepcopy(head_only.state_dict())
    resumed[0].requires_grad_(True)
    two_groups = torch.optim.SGD(resumed[2].parameters(), lr=0.1, momentum=0.9)
    two_groups.add_param_group({"params": resumed[0].parameters(), "lr": 0.01})
    two_groups.load_state_dict(saved_optimizer)
except Exception as error:
    print(error)

# cell 4 (lessons/11-save-load-resume.md:168)
def unfrozen(state):
    """A model with its backbone unfrozen and an optimizer with the head and backbone groups."""
    m = make_model()
    m.load_state_dict(state)
    opt = torch.optim.SGD(m[2].parameters(), lr=0.1, momentum=0.9)
    opt.add_param_group({"params": m[0].parameters(), "lr": 0.01})
    return m, opt

straight, straight_opt = unfrozen(checkpoint)
straight_losses = [train_step(straight, straight_opt, x, y) for _ in range(10)]

first, first_opt = unfrozen(checkpoint)
for _ in range(5):
    train_step(first, first_opt, x, y)
halfway = copy.deepcopy({"model": first.state_dict(), "optimizer": first_opt.state_dict()})

second, second_opt = unfrozen(halfway["model"])
second_opt.load_state_dict(halfway["optimizer"])
resumed_losses = [train_step(second, second_opt, x, y) for _ in range(5)]

print("uninterrupted, steps 6-10:", [f"{v:.6f}" for v in straight_losses[5:]])
print("resumed,       steps 6-10:", [f"{v:.6f}" for v in resumed_losses])
print("identical:", straight_losses[5:] == resumed_losses)
