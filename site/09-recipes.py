# Recipes: the PyTorch side of FreezeLab's lesson 09-recipes, every PyTorch cell in order.
# `python 09-recipes.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/09-recipes.md:36)
import torch.nn.functional as F
torch.manual_seed(0)
backbone = nn.Sequential(nn.Linear(4, 16), nn.BatchNorm1d(16), nn.Tanh(), nn.Linear(16, 8), nn.Tanh())
pretrain_head = nn.Linear(8, 2)
pretrained = nn.Sequential(backbone, pretrain_head)
gen_a = torch.Generator().manual_seed(1)
x_a = torch.randn(256, 4, generator=gen_a)
y_a = (x_a[:, 0] + x_a[:, 1] > 0).long()
pretrain_opt = torch.optim.Adam(pretrained.parameters(), lr=0.01)
for _ in range(150):
    pretrain_opt.zero_grad()
    F.cross_entropy(pretrained(x_a), y_a).backward()
    pretrain_opt.step()
print(pretrained)

# cell 2 (lessons/09-recipes.md:82)
def task_b(x):
    return (x[:, 0] + x[:, 1] > x[:, 2]).long()
gen_b = torch.Generator().manual_seed(2)
x_train = torch.randn(64, 4, generator=gen_b)
y_train = task_b(x_train)
x_test = torch.randn(512, 4, generator=gen_b)
y_test = task_b(x_test)
head = nn.Linear(8, 2)
model = nn.Sequential(backbone, head)
for name, p in model.named_parameters(): print(name, list(p.shape))

# cell 3 (lessons/09-recipes.md:128)
def accuracy(model, x, labels):
    modes = [(m, m.training) for m in model.modules()]
    model.eval()
    try:
        with torch.no_grad():
            logits = model(x)
    finally:
        for m, mode in modes:          # parents first, then children
            m.train(mode)
    return ((logits[:, 1] > logits[:, 0]).long() == labels).double().mean().item()

def pct(a):
    return f"{100 * a:.1f}%"
print("pretrained on task A:", pct(accuracy(pretrained, x_a, y_a)), "on its training data")

# cell 4 (lessons/09-recipes.md:182)
from itertools import chain

def snapshot(module):
    # Copies: a state_dict() holds live references, which would always compare equal.
    return {name: t.detach().clone() for name, t in chain(module.named_parameters(), module.named_buffers())}

def assert_frozen(module, before):
    """Prints every parameter or buffer that changed since `before`, with its largest absolute
    change, and returns whether nothing changed."""
    moved = 0
    tensors = list(chain(module.named_parameters(), module.named_buffers()))
    for name, t in tensors:
        change = (before[name] - t.detach()).abs().max().item()
        if change > 0:
            print(f"  MOVED {name}: max |change| = {change:.2e}")
            moved += 1
    print(f"  frozen: all {len(tensors)} tensors unchanged" if moved == 0 else f"  {moved} of {len(tensors)} tensors moved")
    return moved == 0

# cell 5 (lessons/09-recipes.md:208)
lin = nn.Linear(2, 1)
live = lin.state_dict()                                      # references to the parameters
copied = {name: t.clone() for name, t in lin.state_dict().items()}
with torch.no_grad():
    lin.weight.add_(1.0)                                     # the layer moves...
print("state_dict() snapshot says unchanged:", torch.equal(live["weight"], lin.weight))
print("cloned snapshot says unchanged:      ", torch.equal(copied["weight"], lin.weight))

# cell 6 (lessons/09-recipes.md:240)
backbone.requires_grad_(False)
backbone.eval()
trainable = [p for p in model.parameters() if p.requires_grad]
opt = torch.optim.SGD(trainable, lr=0.1, momentum=0.9, weight_decay=1e-3)
print("optimizer holds", len(trainable), "tensors,", sum(p.numel() for p in trainable), "of",
      sum(p.numel() for p in model.parameters()), "values")
print("head training:", head.training, "| BatchNorm training:", backbone[1].training)

# cell 7 (lessons/09-recipes.md:280)
def train(steps):
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = F.cross_entropy(model(x_train), y_train)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses
frozen_before = snapshot(backbone)
phase1 = train(steps=60)
print("loss:", f"{phase1[0]:.4f} → {phase1[-1]:.4f}")
print("test accuracy, head only:", pct(accuracy(model, x_test, y_test)))
print("backbone during phase 1:")
assert_frozen(backbone, frozen_before)

# cell 8 (lessons/09-recipes.md:334)
top = backbone[3]
top.requires_grad_(True)
print("left over from pretraining:", top.weight.grad is not None)
top.zero_grad()
opt.add_param_group({"params": top.parameters(), "lr": 0.03})
phase2 = train(steps=60)
print("loss:", f"{phase2[0]:.4f} → {phase2[-1]:.4f}")
print("test accuracy, + backbone[3]:", pct(accuracy(model, x_test, y_test)))

# cell 9 (lessons/09-recipes.md:368)
for layer in [backbone[0], backbone[1]]:
    layer.requires_grad_(True)
    layer.zero_grad()
backbone.train()
bottom = list(backbone[0].parameters()) + list(backbone[1].parameters())
opt.add_param_group({"params": bottom, "lr": 0.01})
phase3 = train(steps=60)
print("loss:", f"{phase3[0]:.4f} → {phase3[-1]:.4f}")
print("test accuracy, whole model:", pct(accuracy(model, x_test, y_test)))
for i, group in enumerate(opt.param_groups):
    print(f"group {i}: lr {group['lr']}, momentum {group['momentum']}, weight decay {group['weight_decay']}, {len(group['params'])} tensors")

# cell 10 (lessons/09-recipes.md:400), raises: the lesson shows the error
try:
    opt.add_param_group({"params": top.parameters(), "lr": 0.001})
except Exception as error:
    print(error)

# cell 11 (lessons/09-recipes.md:422)
print("phases:", len(phase1), "+", len(phase2), "+", len(phase3), "steps")

# cell 12 (lessons/09-recipes.md:451)
tw0 = torch.tensor([[0.1646772855573456, -1.3115601573798761e-05, 0.2115785803866129, 0.050352016406708604], [0.4423644940003118, -0.11646269551671327, 0.1327446504631091, 0.06689847257906321], [-0.16101061649186718, 0.41994102019208296, 0.1168998164264806, 0.04956856565563016], [-0.4139483756677707, 0.46975273648096566, -0.2522682198897292, -0.046601280872035626], [-0.345119057838946, 0.26218353626037155, 0.10140397113844445, -0.04879134585468791]])
tb0 = torch.tensor([-0.3691342288649665, -0.335742102275461, 0.10187415309017522, 0.12565144664356231, 0.3743433123027088])
tw2 = torch.tensor([[0.3225863562430011, -0.28015025290368356, 0.3641407092135112, -0.43519576375804614, 0.3826104221905288], [-0.3603486992207751, -0.14903795514191565, 0.36932360364747463, 0.26431523809730556, -0.21399215262806157], [0.2984860439096882, -0.053687725300126256, -0.3225761380592434, -0.40816086412529384, 0.12171650020456333], [-0.03896394694291006, 0.3575718472013439, -0.04958581782152612, 0.29463283093834985, -0.28209847600494936], [0.016524420538879304, -0.3313239917235997, -0.17718909977392525, 0.13222721791796607, 0.40477931104845477]])
tb2 = torch.tensor([0.35768237677838693, -0.08331084308874848, 0.11124846038536092, 0.05306791379668112, 0.14882181005710768])
tw4 = torch.tensor([[0.3094111792543903, 0.14040523361220336, 0.010475421611791026, 0.3574021063043563, 0.2810550451511038], [-0.07411078189074398, 0.44670932267389324, 0.24568111630989, 0.20786781246097963, -0.045567890878550975], [0.0073775840363446655, -0.40463090936192314, 0.07326872168596772, -0.16712392912458846, 0.27230848136674285]])
tb4 = torch.tensor([0.300942146295462, 0.08942829622317347, 0.4205956420635138])
tx0 = torch.tensor([[-1.0839881844042574, -0.5978434790598754, 0.7770864494108669, 0.14826433942550815], [0.494765047416743, -0.4299450056202109, 0.04662766914190765, 0.6225527162945185], [-0.5929028669074929, 0.6409759921931698, 0.08665168584233988, 0.3393538838469233], [-1.692555563546608, 0.6372660909643996, -0.06133015900092678, -0.0685005639466188], [1.5234263170306463, -0.44472426755023997, 1.5105144031611784, -0.22049052319615073], [1.0077006543597185, -0.9155366372763993, 0.9412613945317277, 1.0610802184283543], [0.2783595172968717, 0.4267804912155291, -2.165470590328686, 0.5128920567127455]])
ty0 = torch.tensor([[0.14012864400403288, -0.2845681965253357, 0.6478031201115765], [0.2217124244796258, -0.41157791219345297, 0.3514691157751723], [-1.6011837649975709, 1.1001164930138834, -0.0852541404289814], [-0.14308474108816102, -1.2883112923686144, -0.2793612491993407], [-1.2072993696031935, 1.0061793773594638, 0.33568782026092453], [0.6680440292804802, 1.2057074693688006, 0.35152171131322724], [1.1798305060687893, 1.0280820809463485, 1.0584692049341553]])
tx1 = torch.tensor([[0.683170780117986, 1.2065222722424531, -0.9692898004338234, -1.5573956925058536], [-0.365886941016547, 0.14036642245173703, 0.008538177005671789, 1.4051548104990386], [-1.0393426040454992, -0.317509142502416, 0.11235412406946121, 2.4205466222069516], [0.12599733109301087, 2.6524583377993305, 0.5449476429658208, 0.7800910269742548], [0.7255178747469319, 0.19397857396531723, 0.32222604496714796, -0.36062279694168964], [-0.14898865004944387, 0.362581242769167, -0.5737763326550334, -3.376994192743671], [0.4845842958132351, -1.8062077593778592, -0.15570288211238348, -1.3335215862779748]])
ty1 = torch.tensor([[-0.614273274940432, 0.7285856894709295, -1.3628357005595444], [-0.8931022833272201, -1.258172192435341, 0.24308819519367542], [0.031312840132680334, 0.0010881347767555361, -1.0827426768117652], [-0.047409973214550746, 0.26932918321066535, 0.600390255110735], [0.2781414246127158, -0.9475704653519657, -0.8603515471994132], [0.17608164335124277, -1.0394845180812966, -1.4959566709042442], [-1.4401955315953023, 0.6089269017167039, 0.016066039513329914]])

# cell 13 (lessons/09-recipes.md:479)
net = nn.Sequential(nn.Linear(4, 5), nn.Tanh(), nn.Linear(5, 5), nn.ReLU(), nn.Linear(5, 3))
with torch.no_grad():
    for layer, (w, b) in zip([net[0], net[2], net[4]], [(tw0, tb0), (tw2, tb2), (tw4, tb4)]):
        layer.weight.copy_(w); layer.bias.copy_(b)
groups_opt = torch.optim.SGD(net[4].parameters(), lr=0.05, momentum=0.5, nesterov=True)
groups_opt.add_param_group({"params": list(net[0].parameters()) + list(net[2].parameters()), "lr": 0.001,
                            "momentum": 0.9, "nesterov": False})
for x, y in [(tx0, ty0), (tx1, ty1), (tx0, ty0)]:
    groups_opt.zero_grad()
    loss = F.mse_loss(net(x), y)
    loss.backward()
    groups_opt.step()
    print("loss", f"{loss.item():.12f}")

# cell 14 (lessons/09-recipes.md:526)
backbone.requires_grad_(False)
backbone.eval()
before = snapshot(backbone)
for _ in range(5):
    opt.zero_grad(set_to_none=False)
    F.cross_entropy(model(x_train), y_train).backward()
    opt.step()
print("backbone grad of 0.0.weight:", "None" if backbone[0].weight.grad is None else "zeros, not None")
print("re-frozen backbone, zero_grad(set_to_none=False):")
assert_frozen(backbone, before)

# cell 15 (lessons/09-recipes.md:565)
model.zero_grad()
before = snapshot(backbone)
train(steps=5)
print("re-frozen backbone, zero_grad() to None:")
assert_frozen(backbone, before)

# cell 16 (lessons/09-recipes.md:592)
top.requires_grad_(True)
opt.zero_grad()
F.cross_entropy(model(x_train), y_train).backward()
top.requires_grad_(False)        # too late: top's grads from this backward are still there
before = snapshot(backbone)
opt.step()
print("froze backbone[3] after backward, before step:")
assert_frozen(backbone, before)
