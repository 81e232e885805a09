# Why zeroing matters: the PyTorch side of FreezeLab's lesson 04-why-zeroing-matters, every PyTorch cell in order.
# `python 04-why-zeroing-matters.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/04-why-zeroing-matters.md:78)
import torch.nn.functional as F
torch.manual_seed(0)

def norm(t):
    """The Euclidean norm of a tensor, or None when there is none."""
    return None if t is None else t.norm().item()

def f4(x):
    """A value with 4 decimals, or "None"."""
    return "None" if x is None else f"{x:.4f}"

def max_abs_diff(a, b):
    """The largest absolute difference between two tensors of the same shape."""
    return (a - b).abs().max().item()

def max_param_diff(a, b):
    """The largest absolute difference between the parameters of two models of the same shape."""
    return max(max_abs_diff(p, q) for p, q in zip(a.parameters(), b.parameters()))

# The initial weights and the two batches of the PyTorch reference traces
# `optimizer_only_then_unfreeze_stale_grad` and `optimizer_only_then_unfreeze_zeroed`
# (copied from the trace files; float64, exact).
def make_model():
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[-0.5379655173088249, -0.24625117501954397, 0.31513503314795976],
                                           [-0.3753619343014317, 0.29487572827535974, 0.12499705718522952],
                                           [-0.3478799217890512, -0.07688512208053896, -0.10987905793930983],
                                           [0.3216412872375844, -0.3620177261929814, 0.10905014915800137]]))
        model[0].bias.copy_(torch.tensor([-0.061178606650115555, -0.18249148515963678, 0.5427582857867769, -0.47684799569679176]))
        model[2].weight.copy_(torch.tensor([[-0.38510286053353565, 0.03316687281049301, 0.4490077029994212, -0.37275001870539254],
                                           [0.15937676733046865, 0.04645947772024727, -0.4507759690665685, -0.23486687917339086]]))
        model[2].bias.copy_(torch.tensor([-0.058821793715836734, -0.4153672134538997]))
    return model
batches = [
    (torch.tensor([[0.7198251676658504, 0.8306180904619974, -0.03567052857286689],
                  [-0.5890877159562806, -1.069924679755838, -0.10883759678756927],
                  [-0.4604915400155189, -0.19066600764754055, -0.9502984884695024],
                  [-0.9795957278554346, -0.9138105267907577, -0.7668337537478478],
                  [0.9653271399704028, -1.3183924161674427, 0.703859017016698],
                  [0.3166327116977095, 1.1739498774441461, 0.3772571958549811]]),
     torch.tensor([[0.6113075610850572, 0.6764461076493513],
                  [0.41240638058835527, 0.02611266416334916],
                  [-0.028180778070420093, 1.4627517882134844],
                  [3.7888978769720807, 0.26818099339145945],
                  [0.4019125220783924, -0.6148446461670403],
                  [0.37918479407252564, 0.4948499604909937]])),
    (torch.tensor([[0.3820930528526695, 2.1441832337700735, 0.17976726362776538],
                  [0.47174582694999384, -0.9229531593360172, 0.3618952452051789],
                  [-0.8781039254730897, 1.1598953652263229, 0.40703597536054575],
                  [-0.2117143645327168, 1.167617423383812, 1.1373511196476682],
                  [1.059375405628504, 0.6721348489891337, -0.28751482544366225],
                  [-1.448845041147988, -1.6073917714451056, 1.0665396819760065]]),
     torch.tensor([[0.5371398442918304, -0.4347968435808151],
                  [-0.251095454492978, 0.15139769388106955],
                  [-1.0159374529577128, 0.17421980264092757],
                  [-2.1331120309927143, 0.9253765488047269],
                  [0.27198887974838987, -1.3666825859445146],
                  [1.0924728066536535, 0.6160970725207895]])),
]

# cell 2 (lessons/04-why-zeroing-matters.md:171)
stale = make_model()
stale_opt = torch.optim.SGD(stale[2].parameters(), lr=0.05, momentum=0.9)
clean = make_model()
clean_opt = torch.optim.SGD(clean[2].parameters(), lr=0.05, momentum=0.9)

def train_step(model, opt, batch, reset):
    """One training step: forward, backward, step, then reset the gradients with `reset`."""
    x, y = batches[batch]
    loss = F.mse_loss(model(x), y)
    loss.backward()
    opt.step()
    reset()
    return loss.item()

for batch in [0, 1, 0]:                        # three steps with the body frozen
    train_step(stale, stale_opt, batch, stale_opt.zero_grad)
    train_step(clean, clean_opt, batch, clean.zero_grad)
print("‖0.weight.grad‖ while frozen:  stale", f4(norm(stale[0].weight.grad)), "  clean", f4(norm(clean[0].weight.grad)))

# cell 3 (lessons/04-why-zeroing-matters.md:214)
stale_opt.add_param_group({"params": stale[0].parameters(), "lr": 0.01, "momentum": 0})
clean_opt.add_param_group({"params": clean[0].parameters(), "lr": 0.01, "momentum": 0})

stale_before, clean_before = stale[0].weight.detach().clone(), clean[0].weight.detach().clone()
train_step(stale, stale_opt, 0, stale_opt.zero_grad)
train_step(clean, clean_opt, 0, clean.zero_grad)

stale_update = norm(stale[0].weight.detach() - stale_before)
clean_update = norm(clean[0].weight.detach() - clean_before)
print("first body update, stale: ", f4(stale_update))
print("first body update, clean: ", f4(clean_update))
print("ratio:", f"{stale_update / clean_update:.2f}")

# cell 4 (lessons/04-why-zeroing-matters.md:259)
trace_stale = torch.tensor([[-0.533469277236085, -0.2382393871693273, 0.32132083137321316],
                           [-0.37547976545805756, 0.29496983680887684, 0.12524974477177772],
                           [-0.3492365975505627, -0.0884595223658418, -0.1141061570472626],
                           [0.3210243808531888, -0.36116914351315005, 0.10859994893783544]])
trace_clean = torch.tensor([[-0.536553107557791, -0.24498645716795997, 0.3162764492254862],
                           [-0.37533507323623294, 0.29497531856730724, 0.12502906123838067],
                           [-0.34950858293339027, -0.07991554483497379, -0.1103962439046463],
                           [0.32153170020990374, -0.3618680580647146, 0.10897024482879807]])
print("stale 0.weight matches the trace within 1e-9:", max_abs_diff(stale[0].weight, trace_stale) < 1e-9)
print("clean 0.weight matches the trace within 1e-9:", max_abs_diff(clean[0].weight, trace_clean) < 1e-9)

# cell 5 (lessons/04-why-zeroing-matters.md:323)
VARIANTS = ["optimizer.zero_grad() only", "model.zero_grad()", "second optimizer", "requires_grad = False"]
STALE, MODEL_ZERO_GRAD, SECOND_OPTIMIZER, REQUIRES_GRAD = VARIANTS

def train(variant, frozen_steps, total_steps):
    model = make_model()
    body, head = model[0], model[2]
    opt = torch.optim.SGD(head.parameters(), lr=0.05, momentum=0.9)
    body_opt = torch.optim.SGD(body.parameters(), lr=0.01)   # only SECOND_OPTIMIZER uses it
    if variant == REQUIRES_GRAD:
        body.requires_grad_(False)
    losses, first_body_update = [], 0.0
    for step in range(1, total_steps + 1):
        unfrozen = step > frozen_steps
        if step == frozen_steps + 1:                       # unfreeze the body
            if variant == REQUIRES_GRAD:
                body.requires_grad_(True)
            if variant != SECOND_OPTIMIZER:
                opt.add_param_group({"params": body.parameters(), "lr": 0.01, "momentum": 0})
        before = body.weight.detach().clone()
        x, y = batches[(step - 1) % 2]
        loss = F.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        if variant == SECOND_OPTIMIZER and unfrozen:
            body_opt.step()
        if variant in (STALE, REQUIRES_GRAD):
            opt.zero_grad()
        elif variant == MODEL_ZERO_GRAD:
            model.zero_grad()
        else:
            opt.zero_grad(); body_opt.zero_grad()
        if step == frozen_steps + 1:
            first_body_update = norm(body.weight.detach() - before)
        losses.append(loss.item())
    return losses, first_body_update, model

# cell 6 (lessons/04-why-zeroing-matters.md:377)
runs = [(variant, train(variant, frozen_steps=100, total_steps=120)) for variant in VARIANTS]

print(f"{'variant':>26}", " first body update   loss@100 loss@101 loss@102 loss@103")
for variant, (losses, first_update, _) in runs:
    print(f"{variant:>26}", f"{f4(first_update):>18}", "  " +
          " ".join(f"{f4(l):>8}" for l in losses[99:103]))
print("naive first body update / fixed one:", f"{runs[0][1][1] / runs[1][1][1]:.0f}")

# cell 7 (lessons/04-why-zeroing-matters.md:415)
reference = runs[1][1][2]                            # model.zero_grad()
for variant, (_, _, model) in runs[2:]:
    diff = max_param_diff(model, reference)
    print(variant, "vs model.zero_grad(): max parameter difference", "0 (identical)" if diff == 0 else f4(diff))
print("naive vs model.zero_grad(): max parameter difference", f4(max_param_diff(runs[0][1][2], reference)))

# cell 8 (lessons/04-why-zeroing-matters.md:459)
frozen_for = [1, 3, 10, 30, 100, 300]
print(f"{'frozen steps':>12}", f"{'naive update':>13}", f"{'fixed update':>13}", f"{'ratio':>7}")
for k in frozen_for:
    _, naive_update, _ = train(STALE, frozen_steps=k, total_steps=k + 20)
    _, fixed_update, _ = train(MODEL_ZERO_GRAD, frozen_steps=k, total_steps=k + 20)
    print(f"{k:>12}", f"{f4(naive_update):>13}", f"{f4(fixed_update):>13}", f"{naive_update / fixed_update:>7.1f}")

# cell 9 (lessons/04-why-zeroing-matters.md:519)
lucky = make_model()
lucky_opt = torch.optim.SGD(lucky[2].parameters(), lr=0.05, momentum=0.9)
for batch in [0, 1, 0]:
    lucky_opt.zero_grad()
    F.mse_loss(lucky(batches[batch][0]), batches[batch][1]).backward()
    lucky_opt.step()
lucky_opt.add_param_group({"params": lucky[0].parameters(), "lr": 0.01, "momentum": 0})
print("‖0.weight.grad‖ right after add_param_group:  ", f4(norm(lucky[0].weight.grad)))
lucky_opt.zero_grad()
print("‖0.weight.grad‖ after the next optimizer reset:", f4(norm(lucky[0].weight.grad)))

# cell 10 (lessons/04-why-zeroing-matters.md:563)
flag_off = make_model()
for batch in [0, 1, 0]:                                # three backward passes, no reset
    F.mse_loss(flag_off(batches[batch][0]), batches[batch][1]).backward()
flag_off[0].requires_grad_(False)                      # "freeze" the body now
sgd = torch.optim.SGD(flag_off[0].parameters(), lr=0.01)

w0 = flag_off[0].weight.detach().clone()
print("requires_grad:", flag_off[0].weight.requires_grad, "  ‖grad‖:", f4(norm(flag_off[0].weight.grad)))
sgd.step()
print("step() moved the weight by", f4(norm(flag_off[0].weight.detach() - w0)),
      "  lr × ‖grad‖ =", f4(0.01 * norm(flag_off[0].weight.grad)))

# cell 11 (lessons/04-why-zeroing-matters.md:593)
flag_off.zero_grad()                                   # set_to_none=True, the default
w1 = flag_off[0].weight.detach().clone()
sgd.step()
print("grad:", "None" if flag_off[0].weight.grad is None else "present",
      "  moved:", "no" if max_abs_diff(flag_off[0].weight, w1) == 0 else "yes")
