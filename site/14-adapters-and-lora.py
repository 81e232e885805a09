# Adapters and LoRA: the PyTorch side of FreezeLab's lesson 14-adapters-and-lora, every PyTorch cell in order.
# `python 14-adapters-and-lora.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/14-adapters-and-lora.md:36)
import copy
import torch.nn.functional as F
torch.manual_seed(0)

class LoRALinear(nn.Module):
    """A linear layer with a frozen base and a trainable low-rank update B·A (LoRA)."""
    def __init__(self, base, rank):
        super().__init__()
        self.base = base
        self.lora_a = nn.Parameter(torch.randn(rank, base.weight.shape[1]) * 0.01)  # small random values
        self.lora_b = nn.Parameter(torch.zeros(base.weight.shape[0], rank))        # zeros: starts as the base
        base.requires_grad_(False)

    def forward(self, x):
        return self.base(x) + x @ self.lora_a.t() @ self.lora_b.t()

# cell 2 (lessons/14-adapters-and-lora.md:72)
pretrained = nn.Linear(64, 64)
full = copy.deepcopy(pretrained)                 # copies: no new random draws
lora = LoRALinear(copy.deepcopy(pretrained), rank=4)
for name, model in [("full fine-tuning", full), ("LoRA, rank 4", lora)]:
    trained = sum(p.numel() for p in model.parameters() if p.requires_grad)
    print(f"{name:<17}", "trains", f"{trained:>5,}", "parameters;", "Adam keeps", f"{2 * trained:>5,}", "values of state")
print("LoRA's parameters:", [f"{n} {'trained' if p.requires_grad else 'frozen'}" for n, p in lora.named_parameters()])

# cell 3 (lessons/14-adapters-and-lora.md:101)
x, target = torch.randn(32, 64), torch.randn(32, 64)
F.mse_loss(lora(x), target).backward()
print("‖A.grad‖ =", lora.lora_a.grad.norm().item(), "  ‖B.grad‖ > 0:", lora.lora_b.grad.norm().item() > 0)
print("the base has a gradient:", lora.base.weight.grad is not None)

# cell 4 (lessons/14-adapters-and-lora.md:146)
lora.zero_grad()
full_opt = torch.optim.Adam(full.parameters(), lr=0.01)
lora_opt = torch.optim.Adam([p for p in lora.parameters() if p.requires_grad], lr=0.01)
losses = [("full fine-tuning", []), ("LoRA, rank 4", [])]
for _ in range(40):
    for i, (model, opt) in enumerate([(full, full_opt), (lora, lora_opt)]):
        opt.zero_grad()
        loss = F.mse_loss(model(x), target)
        loss.backward()
        opt.step()
        losses[i][1].append(loss.item())
for name, values in losses:
    print(f"{name:<17}", "loss", f"{values[0]:.4f}", "→", f"{values[-1]:.4f}")

with torch.no_grad():
    merged = copy.deepcopy(lora.base)
    merged.weight.copy_(lora.base.weight + lora.lora_b @ lora.lora_a)
print("merged layer gives the same outputs:", torch.allclose(merged(x), lora(x)))
