# Freezing at scale: the PyTorch side of FreezeLab's lesson 16-freezing-at-scale, every PyTorch cell in order.
# `python 16-freezing-at-scale.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/16-freezing-at-scale.md:21)
import os, tempfile
import torch.distributed as dist
import torch.multiprocessing as mp

def worker(rank, world, store, freeze_after_wrapping, results):
    """One of two processes: wrap a small model in DDP, freeze its first layer before or after
    wrapping, and train two steps; report the head's weight sum or the error."""
    dist.init_process_group("gloo", init_method=f"file://{store}", rank=rank, world_size=world)
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 2))
    if not freeze_after_wrapping:
        model[0].requires_grad_(False)
    ddp = nn.parallel.DistributedDataParallel(model)
    if freeze_after_wrapping:
        model[0].requires_grad_(False)
    optimizer = torch.optim.SGD([p for p in ddp.parameters() if p.requires_grad], lr=0.1)
    try:
        for step in range(2):
            optimizer.zero_grad()
            ddp(torch.ones(3, 4) * (rank + 1)).sum().backward()   # each process its own batch
            optimizer.step()
        results.put((rank, f"trained; head weight sum {model[2].weight.sum().item():.6f}"))
    except RuntimeError as error:
        results.put((rank, str(error).split(". ")[0] + "."))
    del ddp                  # before the group it uses, or the exit can hang (below)
    dist.destroy_process_group()

for freeze_after_wrapping in (False, True):
    context = mp.get_context("fork")
    results = context.Queue()
    store = os.path.abspath(tempfile.mktemp(prefix="ddp-store-", dir="."))
    processes = [context.Process(target=worker, args=(rank, 2, store, freeze_after_wrapping, results))
                 for rank in range(2)]
    for p in processes:
        p.start()
    reports = sorted(results.get(timeout=60) for _ in processes)
    for p in processes:
        p.join(30)
    if os.path.exists(store):
        os.remove(store)                                   # gloo's file store, no longer needed
    print("frozen after wrapping:" if freeze_after_wrapping else "frozen before wrapping:")
    for rank, report in reports:
        print(f"  process {rank}: {report}")

# cell 2 (lessons/16-freezing-at-scale.md:140)
def late_worker(rank, world, store, rewrap, results):
    """One of two processes: the first layer frozen when DDP wraps the model and unfrozen before
    step 3, wrapped again or not; reports the gap between the processes' first-layer weights."""
    dist.init_process_group("gloo", init_method=f"file://{store}", rank=rank, world_size=world)
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 2))
    model[0].requires_grad_(False)
    ddp = nn.parallel.DistributedDataParallel(model)
    optimizer = torch.optim.SGD(model[2].parameters(), lr=0.1)
    gaps = []
    for step in range(8):
        if step == 2:
            model[0].requires_grad_(True)
            optimizer.add_param_group({"params": model[0].parameters()})
            if rewrap:
                ddp = nn.parallel.DistributedDataParallel(model)
        optimizer.zero_grad()
        ddp(torch.ones(3, 4) * (rank + 1)).sum().backward()              # each its own batch
        optimizer.step()
        weights = [torch.zeros_like(model[0].weight) for _ in range(world)]
        dist.all_gather(weights, model[0].weight.detach())
        gaps.append((weights[0] - weights[1]).abs().max().item())
    results.put(gaps)
    del ddp                  # before the group it uses (see above)
    dist.destroy_process_group()

print("gap between the processes' first-layer weights after each step:")
for name, rewrap in (("unfrozen, not wrapped again", False), ("unfrozen and wrapped again", True)):
    context = mp.get_context("fork")
    results = context.Queue()
    store = os.path.abspath(tempfile.mktemp(prefix="ddp-store-", dir="."))
    processes = [context.Process(target=late_worker, args=(rank, 2, store, rewrap, results)) for rank in range(2)]
    for p in processes:
        p.start()
    gaps = results.get(timeout=60)                      # both processes report the same gaps
    results.get(timeout=60)
    for p in processes:
        p.join(30)
    if os.path.exists(store):
        os.remove(store)
    print(" ", f"{name + ':':<29}", " ".join(f"{gap:.4f}" for gap in gaps))

# cell 3 (lessons/16-freezing-at-scale.md:203)
import warnings
from torch.utils.checkpoint import checkpoint

torch.manual_seed(0)
embed = nn.Embedding(10, 4)
embed.requires_grad_(False)                                 # a frozen input layer
block = nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 4))
head = nn.Linear(4, 2)
tokens = torch.tensor([1, 2, 3])
for reentrant in (True, False):
    block.zero_grad(set_to_none=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        hidden = checkpoint(block, embed(tokens), use_reentrant=reentrant)
        head(hidden).sum().backward()
    print(f"use_reentrant={reentrant}: the block's weight gradient is",
          "None" if block[0].weight.grad is None else "there")
    for warning in caught:
        print("  warning:", str(warning.message).split("\n")[0])
