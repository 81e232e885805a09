# Traps that move a frozen layer: the PyTorch side of FreezeLab's lesson 06-traps-that-move-a-frozen-layer, every PyTorch cell in order.
# `python 06-traps-that-move-a-frozen-layer.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/06-traps-that-move-a-frozen-layer.md:93)
import torch.nn.functional as F
torch.manual_seed(0)

def norm(t):
    """The Euclidean norm of a tensor, or None when there is none."""
    return None if t is None else t.norm().item()

def f4(x):
    """A value with 4 decimals, or "None"."""
    return "None" if x is None else f"{x:.4f}"

def moved(p, step):
    """How far `step` moves `p`: the norm of the change of its values."""
    before = p.detach().clone()
    step()
    return (p.detach() - before).norm().item()

# Initial weights and batches of the PyTorch reference traces (copied from the trace files;
# float64, exact). `momentum_skips_frozen_when_grad_none` and
# `momentum_moves_frozen_when_grad_zeroed_not_none` share the first set,
# `adamw_decays_frozen_zero_grad` uses the second.
def make_sgd_model():
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[-0.026431805657079567, 0.26749183724598924, -0.5108891273787158],
                                           [0.5117136375930991, 0.5180362184203106, 0.05923296826673492],
                                           [-0.10382674531198627, 0.29972173906944843, -0.45278605047834153],
                                           [-0.054209931051175976, -0.37385469083636036, 0.41456888011188153]]))
        model[0].bias.copy_(torch.tensor([-0.10375454074434727, -0.5720624851560752, 0.0564828384881952, -0.18485002102365172]))
        model[2].weight.copy_(torch.tensor([[-0.09647817014439429, 0.1979857761734882, -0.06020992092406118, -0.2747240967454411],
                                           [-0.2716636566997808, 0.0055246542836961945, -0.14534380674178846, -0.33951928789653746]]))
        model[2].bias.copy_(torch.tensor([0.14278146808077496, -0.005294291634779569]))
    return model
sgd_batch = (torch.tensor([[0.8502950330562377, -0.10584664975500328, -0.12984330846405345],
                          [0.5606282444621217, -0.8296230490834757, -0.7397455607592972],
                          [0.2790255320324028, -1.367962539496211, 0.45447790860247655],
                          [-0.4812260928791639, -0.6148389437940335, 0.3185758845094988],
                          [0.09233290516428222, -0.9940890270505727, -0.39194276759508534],
                          [1.4275523667584014, 2.895828300496911, -0.18314209996395797]]),
             torch.tensor([[0.02396778888095172, -0.4130613702837133],
                          [0.0475838909278072, 1.641172624936828],
                          [-0.9220520387628113, 0.18433896999134702],
                          [0.9709132562355898, -0.18986683645717317],
                          [0.45401271062154125, 1.4598210331232648],
                          [-0.4468445515180376, 0.6038670265648308]]))
def make_adamw_model():
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[0.1639848046113932, -0.2774076646872625, -0.16070242277498706],
                                           [-0.2134664768990594, -0.27006466577156346, 0.4057949067101207],
                                           [0.09156511008993139, 0.2540875527224693, 0.40116134951373766],
                                           [-0.05418836095923059, -0.1638302474797313, -0.20123874861024718]]))
        model[0].bias.copy_(torch.tensor([0.34790045005681314, -0.32492924222655656, -0.4491260704980686, -0.19736063196240086]))
        model[2].weight.copy_(torch.tensor([[-0.14666885419113182, -0.12829643349501016, 0.25763393577350974, 0.007832284992216219],
                                           [0.15499817460589335, -0.10243891974413365, -0.4633101971802544, -0.1513644091824282]]))
        model[2].bias.copy_(torch.tensor([0.3509525458778118, -0.25152354602288285]))
    return model
adamw_batch = (torch.tensor([[0.6072116526437173, 0.4976028987866376, -0.8992265134654225],
                            [0.3371366984149451, -0.014587675083621241, -0.2681344738289093],
                            [0.7376408280756231, 0.34551718764575784, -1.5591559347261015],
                            [-0.2810971444570949, -0.8494667029268204, 1.149780023874274],
                            [0.31324331732908156, -0.08711192452839261, 0.9700665555183842],
                            [-0.43477697286339895, -0.1978068151386392, 0.46899698290866365]]),
               torch.tensor([[0.43547894724922304, 1.6743699995497452],
                            [0.19890810414243104, -0.28873591144662625],
                            [0.5365586772142753, 2.2253247224078336],
                            [-1.4364125634235876, 0.707532495767637],
                            [1.100325063361616, -0.42045834931400905],
                            [-0.059701574111302266, -0.9949854689298379]]))

# cell 2 (lessons/06-traps-that-move-a-frozen-layer.md:199)
def freeze_midway(set_to_none, weight_decay=0.01, steps=30):
    model = make_sgd_model()
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=weight_decay)
    moves, losses = [], []
    for step in range(1, steps + 1):
        if step == 3:
            model[0].requires_grad_(False)                     # freeze after two steps
        opt.zero_grad(set_to_none=set_to_none)
        loss = F.mse_loss(model(sgd_batch[0]), sgd_batch[1])
        loss.backward()
        moves.append(moved(model[0].weight, opt.step))         # how far 0.weight moved
        losses.append(loss.item())
    return moves, losses, model, opt

to_none = freeze_midway(set_to_none=True)
to_zeros = freeze_midway(set_to_none=False)

print("step  ‖Δ 0.weight‖ set_to_none=True   set_to_none=False")
for step in [1, 2, 3, 4, 5, 6, 10, 20, 30]:
    print(f"{step:>4}", f"{f4(to_none[0][step - 1]):>25}", f"{f4(to_zeros[0][step - 1]):>19}")

# cell 3 (lessons/06-traps-that-move-a-frozen-layer.md:251)
trace_to_none  = [0.7087085272803835, 0.646329832172873, 0.5610426625973418, 0.48912294109039284]
trace_to_zeros = [0.7087085272803835, 0.646329832172873, 0.5610426625973418, 0.489452244546078]
print("set_to_none=True matches the trace within 1e-9: ", all(abs(to_none[1][i] - trace_to_none[i]) < 1e-9 for i in range(4)))
print("set_to_none=False matches the trace within 1e-9:", all(abs(to_zeros[1][i] - trace_to_zeros[i]) < 1e-9 for i in range(4)))
print("loss at step 4:", f4(to_none[1][3]), "(set_to_none=True) vs", f4(to_zeros[1][3]), "(set_to_none=False)")

# cell 4 (lessons/06-traps-that-move-a-frozen-layer.md:281)
for name, (_, _, model, opt) in [("set_to_none=True ", to_none), ("set_to_none=False", to_zeros)]:
    w = model[0].weight
    grad = "None" if w.grad is None else ("all zeros" if torch.all(w.grad == 0) else "not zero")
    buffer = "kept" if opt.state[w].get("momentum_buffer") is not None else "none"
    print(name, " requires_grad:", w.requires_grad, "  grad:", f"{grad:9}",
          "  momentum buffer:", buffer)

# cell 5 (lessons/06-traps-that-move-a-frozen-layer.md:320)
momentum_only = freeze_midway(set_to_none=False, weight_decay=0)
print("step  ‖Δ 0.weight‖  ratio to the step before")
m = momentum_only[0]
for step in range(3, 9):
    print(f"{step:>4}", f"{f4(m[step - 1]):>12}", f"{f4(m[step - 1] / m[step - 2]):>13}")
after_freezing = sum(m[2:])
print("distance moved while frozen:", f4(after_freezing),
      " =", f"{after_freezing / m[1]:.2f}", "× the last trained step")

# cell 6 (lessons/06-traps-that-move-a-frozen-layer.md:372)
decayed = make_sgd_model()
F.mse_loss(decayed(sgd_batch[0]), sgd_batch[1]).backward()   # some earlier training step
decayed.zero_grad(set_to_none=False)                          # zeros, not None
decayed[0].requires_grad_(False)                              # frozen
plain = torch.optim.SGD(decayed.parameters(), lr=0.1, weight_decay=0.1)

start = norm(decayed[0].weight)
norms = [start]
for _ in range(100):
    plain.zero_grad(set_to_none=False)
    F.mse_loss(decayed(sgd_batch[0]), sgd_batch[1]).backward()
    plain.step()
    norms.append(norm(decayed[0].weight))
print("‖0.weight‖ per step, ratio to the step before:", ", ".join(f4(norms[i] / norms[i - 1]) for i in range(1, 4)))
print("after 100 steps the frozen weight has", f4(norms[100] / start), "of its norm (0.99^100 =", f4(0.99 ** 100) + ")")

# cell 7 (lessons/06-traps-that-move-a-frozen-layer.md:417)
_, _, model, opt = to_none
w = model[0].weight
buffer_now = opt.state[w]["momentum_buffer"]
before_freezing = freeze_midway(set_to_none=True, steps=2)      # the same run, stopped after step 2
buffer_then = before_freezing[3].state[before_freezing[2][0].weight]["momentum_buffer"]
print("set_to_none run, 28 steps after freezing: momentum buffer norm", f4(norm(buffer_now)))
print("same buffer as after step 2:", torch.equal(buffer_now, buffer_then),
      "  still in the optimizer:", any(p is w for g in opt.param_groups for p in g["params"]))

# cell 8 (lessons/06-traps-that-move-a-frozen-layer.md:481)
def adam_run(make_optimizer, set_to_none, steps=30):
    model = make_adamw_model()
    opt = make_optimizer(model.parameters())
    moves, losses, norms = [], [], []
    for step in range(1, steps + 1):
        if step == 3:
            model[0].requires_grad_(False)
        opt.zero_grad(set_to_none=set_to_none)
        loss = F.mse_loss(model(adamw_batch[0]), adamw_batch[1])
        loss.backward()
        moves.append(moved(model[0].weight, opt.step))
        losses.append(loss.item())
        norms.append(norm(model[0].weight))
    return moves, losses, norms

adamw_zeros = adam_run(lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1), set_to_none=False)
adamw_none  = adam_run(lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1), set_to_none=True)
adam_zeros  = adam_run(lambda p: torch.optim.Adam(p, lr=0.01), set_to_none=False)      # no weight decay at all

trace_adamw = [1.1986710356045518, 1.1794099756887022, 1.1614926686238622, 1.14468845999313]
print("AdamW, zeros matches the trace adamw_decays_frozen_zero_grad within 1e-9:",
      all(abs(adamw_zeros[1][i] - trace_adamw[i]) < 1e-9 for i in range(4)))
print("step  ‖Δ 0.weight‖ AdamW, None  AdamW, zeros   Adam (no decay), zeros")
for step in [1, 2, 3, 4, 5, 10, 20, 30]:
    print(f"{step:>4}", f"{f4(adamw_none[0][step - 1]):>23}", f"{f4(adamw_zeros[0][step - 1]):>14}",
          f"{f4(adam_zeros[0][step - 1]):>24}")

# cell 9 (lessons/06-traps-that-move-a-frozen-layer.md:536)
long_run = adam_run(lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1), set_to_none=False, steps=300)
print("AdamW, zeros: ‖0.weight‖ at step 300 / at step 299:", f4(long_run[2][299] / long_run[2][298]))
print("1 − lr · weight_decay:                             ", f4(1 - 0.01 * 0.1))
print("‖0.weight‖ at step 2:", f4(long_run[2][1]), "  at step 300:", f4(long_run[2][299]))
