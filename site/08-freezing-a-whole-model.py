# Freezing a whole model: the PyTorch side of FreezeLab's lesson 08-freezing-a-whole-model, every PyTorch cell in order.
# `python 08-freezing-a-whole-model.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/08-freezing-a-whole-model.md:31)
import torch.nn.functional as F
w0 = torch.tensor([[0.32726312948744857, 0.08230939162386801, -0.44985382234908206], [-0.3551304003132431, 0.14735511044116736, -0.17926755589125212], [0.11563004071026402, -0.5593513497015654, -0.07191612678466125], [0.2845064702740125, -0.1500411947335396, 0.40941144241128263]])
b0 = torch.tensor([-0.2146197595038755, 0.5116757611117014, -0.4515625430884899, 0.15698403706101652])
w2 = torch.tensor([[-0.4743406857852572, -0.044468939392140576, 0.06924774828471612, -0.3954266227592765], [0.2755862675392466, 0.418872202167564, 0.34849801093007177, 0.2238684571756356]])
b2 = torch.tensor([-0.20905521381931014, -0.17115949106706252])
x = torch.tensor([[0.4374507594365899, 0.7322879878949842, -1.705540510801445], [-0.05768548151504712, 0.41975161306823117, -0.6325408260724408], [1.264912806015315, 4.234564563588637, -0.7701443985872438], [-1.409502336193524, -0.18898397893252258, -0.7499282608446028]])
y = torch.tensor([[-0.4526473184942182, -0.18738472780155047], [-0.3448777774982402, -0.702709959079636], [-0.6572700131864823, 1.0849478748794774], [0.035833439626701824, -0.798360578264201]])

def describe(name, t):
    print(name + ": requires_grad =", t.requires_grad, "| grad_fn =", t.grad_fn.name() if t.grad_fn else None)

# cell 2 (lessons/08-freezing-a-whole-model.md:50)
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
with torch.no_grad():
    model[0].weight.copy_(w0); model[0].bias.copy_(b0)
    model[2].weight.copy_(w2); model[2].bias.copy_(b2)
print(model)

# cell 3 (lessons/08-freezing-a-whole-model.md:84)
with torch.no_grad():
    print("inside no-grad: grad enabled =", torch.is_grad_enabled())
    frozen_out = model(x)
print("outside:        grad enabled =", torch.is_grad_enabled())
print(frozen_out)
describe("output", frozen_out)

# cell 4 (lessons/08-freezing-a-whole-model.md:116), raises: the lesson shows the error
try:
    loss = F.mse_loss(frozen_out, y)
    describe("loss", loss)
    loss.backward()
except Exception as error:
    print(error)

# cell 5 (lessons/08-freezing-a-whole-model.md:137)
live_out = model(x)
describe("output", live_out)
print("same values:", torch.equal(live_out, frozen_out))

# cell 6 (lessons/08-freezing-a-whole-model.md:163)
model.requires_grad_(False)
print("trainable values:", sum(p.numel() for p in model.parameters() if p.requires_grad),
      "of", sum(p.numel() for p in model.parameters()))
all_frozen_out = model(x)
describe("output", all_frozen_out)

# cell 7 (lessons/08-freezing-a-whole-model.md:184), raises: the lesson shows the error
try:
    F.mse_loss(all_frozen_out, y).backward()
except Exception as error:
    print(error)

# cell 8 (lessons/08-freezing-a-whole-model.md:207)
probe = x.clone().requires_grad_(True)
probe_loss = F.mse_loss(model(probe), y)
describe("loss", probe_loss)
probe_loss.backward()
print("input grad computed:", probe.grad is not None)
print("parameter grads:", ["None" if p.grad is None else "set" for p in model.parameters()])
with torch.no_grad():
    under_no_grad = model(probe)
describe("same forward under no-grad", under_no_grad)

# cell 9 (lessons/08-freezing-a-whole-model.md:247)
model.requires_grad_(True)
model.eval()
print("training:", model.training)
eval_loss = F.mse_loss(model(x), y)
describe("loss in eval mode", eval_loss)
eval_loss.backward()
for name, p in model.named_parameters():
    print(name, "grad:", "None" if p.grad is None else "set")

# cell 10 (lessons/08-freezing-a-whole-model.md:286)
torch.manual_seed(3)
backbone = nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 4), nn.ReLU())
head = nn.Linear(4, 2)
data = torch.Generator().manual_seed(11)
inputs = torch.randn(32, 3, generator=data)
labels = (inputs[:, 0] + inputs[:, 1] > inputs[:, 2]).long()
print("class counts:", (labels == 0).sum().item(), (labels == 1).sum().item())

# cell 11 (lessons/08-freezing-a-whole-model.md:313)
backbone.requires_grad_(False)
backbone.eval()
snapshot = [p.detach().clone() for p in backbone.parameters()]
with torch.no_grad():
    features = backbone(inputs)
print("features:", features.size())
describe("features", features)

# cell 12 (lessons/08-freezing-a-whole-model.md:347)
head_opt = torch.optim.SGD(head.parameters(), lr=1.0, momentum=0.9)
losses = []
for _ in range(60):
    head_opt.zero_grad()
    loss = F.cross_entropy(head(features), labels)
    loss.backward()
    head_opt.step()
    losses.append(loss.item())
print("loss at step 1: ", f"{losses[0]:.4f}")
print("loss at step 60:", f"{losses[-1]:.4f}")

# cell 13 (lessons/08-freezing-a-whole-model.md:373)
unchanged = all(torch.equal(before, p) for before, p in zip(snapshot, backbone.parameters()))
print("backbone parameters unchanged:", unchanged)
print("backbone grads:", ["None" if p.grad is None else "set" for p in backbone.parameters()])

# cell 14 (lessons/08-freezing-a-whole-model.md:403)
backbone.requires_grad_(True)
raw = backbone(inputs)
cut = raw.detach()
describe("raw features", raw)
describe("detached features", cut)
head_opt.zero_grad()
F.cross_entropy(head(cut), labels).backward()
print("head grads:    ", ["None" if p.grad is None else "set" for p in head.parameters()])
print("backbone grads:", ["None" if p.grad is None else "set" for p in backbone.parameters()])

# cell 15 (lessons/08-freezing-a-whole-model.md:432)
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = w.exp()          # exp saves its output for backward
view = y.detach()    # the same storage, cut from the graph
view.add_(1)         # written through the detached view...
print("y changed too:", y)
print("same storage:", view.data_ptr() == y.data_ptr(), " versions:", y._version, view._version)
try:
    y.sum().backward()
except RuntimeError as error:
    print(str(error).split(" Hint")[0])

# cell 16 (lessons/08-freezing-a-whole-model.md:468), raises: the lesson shows the error
try:
    backbone = nn.Sequential(nn.Linear(3, 4), nn.ReLU())
    with torch.inference_mode():
        features = backbone(torch.randn(4, 3))
    print("inference tensor:", features.is_inference(), "  requires_grad:", features.requires_grad)
    head = nn.Linear(4, 2)
    head(features)              # the head's weight gradient needs its input saved
except Exception as error:
    print(error)
