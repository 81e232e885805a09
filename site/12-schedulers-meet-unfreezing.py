# Schedulers meet unfreezing: the PyTorch side of FreezeLab's lesson 12-schedulers-meet-unfreezing, every PyTorch cell in order.
# `python 12-schedulers-meet-unfreezing.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/12-schedulers-meet-unfreezing.md:36)
def set_up():
    """A head-only SGD optimizer and the backbone tensors to add later."""
    head, backbone = torch.zeros(2, 8, requires_grad=True), torch.zeros(8, 4, requires_grad=True)
    return torch.optim.SGD([head], lr=0.1, momentum=0.9), [backbone]

def follow(name, optimizer, backbone, scheduler):
    """Steps scheduler six times, adding the backbone with lr 0.01 after step 2, and prints every
    group's learning rate after each step, or the error a step raised."""
    print(name)
    for step in range(1, 7):
        if step == 3:
            optimizer.add_param_group({"params": backbone, "lr": 0.01})
        try:
            scheduler.step()
            print(f"  step {step}:", "  ".join(f"{g['lr']:.4f}" for g in optimizer.param_groups))
        except (ValueError, KeyError, ZeroDivisionError) as error:
            print(f"  step {step}: {error}  (rates now", "  ".join(f"{g['lr']:.4f}" for g in optimizer.param_groups) + ")")

# cell 2 (lessons/12-schedulers-meet-unfreezing.md:73)
from torch.optim import lr_scheduler as S

optimizer, backbone = set_up()
follow("StepLR(step_size=2, gamma=0.5)", optimizer, backbone, S.StepLR(optimizer, step_size=2, gamma=0.5))
optimizer, backbone = set_up()
follow("ExponentialLR(gamma=0.8)", optimizer, backbone, S.ExponentialLR(optimizer, gamma=0.8))
optimizer, backbone = set_up()
follow("CosineAnnealingLR(T_max=4, eta_min=0.01)", optimizer, backbone, S.CosineAnnealingLR(optimizer, T_max=4, eta_min=0.01))
optimizer, backbone = set_up()
follow("LambdaLR(lambda epoch: 0.5 ** epoch)", optimizer, backbone, S.LambdaLR(optimizer, lr_lambda=lambda epoch: 0.5 ** epoch))

# cell 3 (lessons/12-schedulers-meet-unfreezing.md:164)
head, body = torch.zeros(2, 8, requires_grad=True), torch.zeros(8, 4, requires_grad=True)
both = torch.optim.SGD([head], lr=0.1, momentum=0.9)
both.add_param_group({"params": [body], "lr": 0.01})
unfreeze_at = 3
schedule = S.LambdaLR(both, lr_lambda=[
    lambda epoch: 0.8 ** epoch,                                                      # the head
    lambda epoch: 0 if epoch < unfreeze_at else 0.8 ** (epoch - unfreeze_at),        # the backbone
])
print("step 0:", "  ".join(f"{g['lr']:.4f}" for g in both.param_groups))
for step in range(1, 7):
    schedule.step()
    print(f"step {step}:", "  ".join(f"{g['lr']:.4f}" for g in both.param_groups))
