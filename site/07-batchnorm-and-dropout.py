# BatchNorm and Dropout: the PyTorch side of FreezeLab's lesson 07-batchnorm-and-dropout, every PyTorch cell in order.
# `python 07-batchnorm-and-dropout.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/07-batchnorm-and-dropout.md:39)
import torch.nn.functional as F
w0 = torch.tensor([[-0.2547495363640743, -0.26131599068491523, 0.4181089374922697], [0.1809282151579961, 0.4878948880790089, 0.39207322819701307], [-0.23704603940026478, 0.07011526117687615, 0.3037363685437714], [0.29947992989572786, -0.5045797474726189, -0.5108905175339286]])
b0 = torch.tensor([-0.3840065161466925, -0.5338945686775924, -0.4362575924142684, 0.40130874800534033])
g1 = torch.tensor([0.5132047395577145, 1.4498624465599965, 0.609935885707748, 1.4936169389547])
be1 = torch.tensor([0.42419207329466924, 0.3652042633507657, 0.16030510618818383, -0.19265041791748705])
w3 = torch.tensor([[0.3948998153826417, 0.2310225719574913, 0.4489609645126154, 0.33938997148286837], [-0.36087789852351176, 0.45785527251909913, 0.030940285986378654, -0.41145438494516856]])
b3 = torch.tensor([0.14384315073411313, 0.21756331861323275])
x0 = torch.tensor([[-0.5582364888444304, -0.3366956410756757, 0.2085945464949805], [-1.7196224128603383, 0.5389467248159018, -2.219386425548944], [-1.6496592184306644, -1.8868855150609607, -0.13213466605557525], [-1.578979269388622, -0.6541102621535176, -1.378913736646689], [-1.4245652245923288, -0.4275695310980957, -1.8456131997456289], [-0.31814745349169105, 1.9777750240167522, 0.4185424762425322]])
y0 = torch.tensor([[-0.8666783396246643, -0.13729726852835458], [-0.671422561287731, 0.9973607333443583], [-0.15900743860970976, 0.6804302748503834], [-0.8668563608119577, 2.503204847285039], [-0.5643811585094425, 1.1559597721142092], [-0.6877362930681086, 0.351539040504979]])
x1 = torch.tensor([[1.1967129956999676, 0.16350058685014293, 0.6623702679442338], [-0.4856182409834508, -1.2898057984746294, -0.3177029286733935], [-1.4988452603650364, -1.2314228776158174, 0.8268148086700943], [-0.17711577810315707, -0.6695542414854573, -0.10845259595819497], [-1.363698145107556, -0.7468996957478627, -0.027979569813946302], [-2.023271285295712, -0.8427428762061318, -0.7809729346764519]])
y1 = torch.tensor([[-0.8778440899089948, -1.6491653110552704], [-2.1338028559114908, 0.7411487943768996], [0.8240264681766947, -0.23155260056979937], [0.748373419711358, -0.45509108159483347], [0.048508238858897296, 0.1113117379548011], [2.2176928197496295, 1.331858785009311]])

def fmt(values, digits=4):
    return "[" + ", ".join(f"{v:.{digits}f}" for v in values) + "]"

# cell 2 (lessons/07-batchnorm-and-dropout.md:72)
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))
with torch.no_grad():
    model[0].weight.copy_(w0); model[0].bias.copy_(b0)
    model[1].weight.copy_(g1); model[1].bias.copy_(be1)
    model[3].weight.copy_(w3); model[3].bias.copy_(b3)
model[0].requires_grad_(False)
model[1].requires_grad_(False)
opt = torch.optim.SGD(model[3].parameters(), lr=0.1)

for name, p in model.named_parameters(): print(name, "requires_grad =", p.requires_grad)
for name, b in model.named_buffers(): print(name, b)

# cell 3 (lessons/07-batchnorm-and-dropout.md:124)
for step, (x, y) in enumerate([(x0, y0), (x1, y1)]):
    opt.zero_grad()
    loss = F.mse_loss(model(x), y)
    loss.backward()
    opt.step()
    print(f"step {step + 1}: loss", f"{loss.item():.10f}")
    print("  running_mean", fmt(model[1].running_mean.tolist(), 10))
    print("  running_var ", fmt(model[1].running_var.tolist(), 10))
print("1.weight grad:", "None" if model[1].weight.grad is None else "set",
      "| 1.weight unchanged:", torch.equal(model[1].weight, g1))
print("1.num_batches_tracked:", model[1].num_batches_tracked)

# cell 4 (lessons/07-batchnorm-and-dropout.md:170)
probe = nn.BatchNorm1d(3)
print("before:", fmt(probe.running_mean.tolist()))
with torch.no_grad():
    probe(x0)
print("after a forward under withNoGrad:", fmt(probe.running_mean.tolist()))

# cell 5 (lessons/07-batchnorm-and-dropout.md:200)
model.eval()
for step, (x, y) in enumerate([(x0, y0), (x1, y1)]):
    opt.zero_grad()
    loss = F.mse_loss(model(x), y)
    loss.backward()
    opt.step()
    print(f"step {step + 3}: loss", f"{loss.item():.10f}")
    print("  running_mean", fmt(model[1].running_mean.tolist(), 10))

# cell 6 (lessons/07-batchnorm-and-dropout.md:240)
row = x0[:1]
alone = model(row)[0].tolist()
in_batch = model(x0)[0].tolist()
print("eval, alone:   ", fmt(alone))
print("eval, in batch:", fmt(in_batch))
model.train()
with torch.no_grad():
    in_other_batch = model(x0[0:3])[0].tolist()
with torch.no_grad():
    print("train, in batch:      ", fmt(model(x0)[0].tolist()))
print("train, in other batch:", fmt(in_other_batch))

# cell 7 (lessons/07-batchnorm-and-dropout.md:302)
def running_mean_trace(bn_in_eval):
    torch.manual_seed(7)
    net = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))
    net[0].requires_grad_(False)
    net[1].requires_grad_(False)
    if bn_in_eval:
        net[1].eval()
    sgd = torch.optim.SGD(net[3].parameters(), lr=0.05)
    data = torch.Generator().manual_seed(42)
    means = []
    for _ in range(30):
        x = torch.normal(1.5, 1.0, (8, 3), generator=data)
        y = torch.randn(8, 2, generator=data)
        sgd.zero_grad()
        F.mse_loss(net(x), y).backward()
        sgd.step()
        means.append(net[1].running_mean[0].item())
    return means
tracking = running_mean_trace(bn_in_eval=False)
frozen = running_mean_trace(bn_in_eval=True)
print("requires_grad=False, train mode: running_mean[0] after 30 steps =", f"{tracking[-1]:.4f}")
print("requires_grad=False, eval mode:  running_mean[0] after 30 steps =", f"{frozen[-1]:.4f}")

# cell 8 (lessons/07-batchnorm-and-dropout.md:349)
model[1].eval()
print("after model[1].eval():  BatchNorm training =", model[1].training)
model.train()
print("after model.train():    BatchNorm training =", model[1].training)

# cell 9 (lessons/07-batchnorm-and-dropout.md:393)
def freeze_batch_norm(model):
    """Puts every BatchNorm layer whose parameters are all frozen into eval mode, and returns
    their names. Call it after every `model.train()`. The shared base class catches BatchNorm1d,
    2d, 3d and SyncBatchNorm alike."""
    names = []
    for name, module in model.named_modules():
        if isinstance(module, nn.modules.batchnorm._BatchNorm):
            if all(not p.requires_grad for p in module.parameters()):
                module.eval()
                names.append(name)
    return names

model.train()
print("kept in eval:", freeze_batch_norm(model))
print("BatchNorm training =", model[1].training, "| head training =", model[3].training)
before = model[1].running_mean.clone()
model(x1)
print("running_mean unchanged by a train-mode forward:", torch.equal(model[1].running_mean, before))

# cell 10 (lessons/07-batchnorm-and-dropout.md:431)
plain = nn.Sequential(nn.Linear(3, 3), nn.BatchNorm1d(3, affine=False))
print("parameters of the BatchNorm:", list(plain[1].parameters()))
plain.train()
print("kept in eval:", freeze_batch_norm(plain))

# cell 11 (lessons/07-batchnorm-and-dropout.md:462)
torch.manual_seed(1)
drop = nn.Dropout(0.5)
ones = torch.ones(2, 6)
print("train:", drop(ones))
print("train:", drop(ones))
drop.eval()
print("eval: ", drop(ones))

# cell 12 (lessons/07-batchnorm-and-dropout.md:501)
torch.manual_seed(2)
backbone = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Dropout(0.5))
backbone.requires_grad_(False)
sample = torch.randn(2, 3)
with torch.no_grad():
    f1, f2 = backbone(sample), backbone(sample)
print("train mode, same input twice:", "identical" if torch.equal(f1, f2) else "different")
backbone.eval()
with torch.no_grad():
    f3, f4 = backbone(sample), backbone(sample)
print("eval mode, same input twice: ", "identical" if torch.equal(f3, f4) else "different")
