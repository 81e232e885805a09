# Embeddings and pretrained weights: the PyTorch side of FreezeLab's lesson 13-embeddings-and-pretrained-weights, every PyTorch cell in order.
# `python 13-embeddings-and-pretrained-weights.py` prints the lesson's outputs, as verified when the site was built.
import torch
import torch.nn as nn
torch.set_default_dtype(torch.float64)
torch.manual_seed(67280421310721)

# cell 1 (lessons/13-embeddings-and-pretrained-weights.md:22)
import torch.nn.functional as F
torch.manual_seed(0)

def drift(w, row, start):
    """The largest absolute change of row `row` of `w` since `start`."""
    return (w.detach()[row] - start[row]).abs().max().item()

# cell 2 (lessons/13-embeddings-and-pretrained-weights.md:44)
vectors = torch.randn(6, 3)                      # six "pretrained" 3-dimensional vectors
frozen = nn.Embedding.from_pretrained(vectors)
tuned = nn.Embedding.from_pretrained(vectors.clone(), freeze=False)
print("from_pretrained(vectors):              requires_grad =", frozen.weight.requires_grad)
print("from_pretrained(vectors, freeze=False): requires_grad =", tuned.weight.requires_grad)

# cell 3 (lessons/13-embeddings-and-pretrained-weights.md:75)
table = nn.Embedding.from_pretrained(vectors.clone(), freeze=False)
tokens = torch.tensor([0, 2, 2])
table(tokens).sum().backward()
for row in range(6):
    print(f"row {row}:", table.weight.grad[row])

# cell 4 (lessons/13-embeddings-and-pretrained-weights.md:130)
def unused_row_drift(make_optimizer):
    """Trains a fresh copy of the table on batches that use tokens 0-2 only, and returns how far
    row 5 (a token never seen) has moved after each step."""
    e = nn.Embedding.from_pretrained(vectors.clone(), freeze=False)
    optimizer = make_optimizer(e.parameters())
    target = torch.ones(3, 3)
    moves = []
    for _ in range(20):
        optimizer.zero_grad()
        F.mse_loss(e(torch.tensor([0, 1, 2])), target).backward()
        optimizer.step()
        moves.append(drift(e.weight, 5, vectors))
    return moves

optimizers = [
    ("SGD", lambda p: torch.optim.SGD(p, lr=0.1)),
    ("Adam", lambda p: torch.optim.Adam(p, lr=0.01)),
    ("AdamW, weight decay 0.01", lambda p: torch.optim.AdamW(p, lr=0.01)),
    ("SGD, weight decay 0.01", lambda p: torch.optim.SGD(p, lr=0.1, weight_decay=0.01)),
]
for name, make in optimizers:
    moves = unused_row_drift(make)
    print(f"{name:<25}", "unused row 5 moved by", f"{moves[-1]:.6f}")

# cell 5 (lessons/13-embeddings-and-pretrained-weights.md:191)
def rows_with_gradient(table):
    return [r for r in range(table.weight.shape[0]) if table.weight.grad[r].abs().sum().item() > 0]
seq, following = torch.tensor([1, 2, 1]), torch.tensor([2, 1, 2])       # rows 0, 3, 4 and 5 never looked up
untied, output = nn.Embedding(6, 3), nn.Linear(3, 6, bias=False)
F.cross_entropy(output(untied(seq)), following).backward()
print("untied: table rows with a gradient", rows_with_gradient(untied))
tied = nn.Embedding(6, 3)
F.cross_entropy(tied(seq) @ tied.weight.t(), following).backward()   # the output layer is the table
print("tied:   table rows with a gradient", rows_with_gradient(tied))

# cell 6 (lessons/13-embeddings-and-pretrained-weights.md:213)
class TiedLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(6, 3)
        self.lm_head = nn.Linear(3, 6, bias=False)
        self.lm_head.weight = self.embed.weight      # tie: one Parameter, two modules

model = TiedLM()
print("parameters:", [name for name, _ in model.named_parameters()])
print("state_dict:", list(model.state_dict()))
model.embed.requires_grad_(False)
print("lm_head.weight requires grad after freezing embed:", model.lm_head.weight.requires_grad)

# cell 7 (lessons/13-embeddings-and-pretrained-weights.md:252)
padded = nn.Embedding(6, 3, padding_idx=0)
padded(torch.tensor([1, 0, 0, 0, 3])).sum().backward()    # a short sequence, padded with 0
print("row 0 at the start:", padded.weight[0])
print("row 0 gradient:    ", padded.weight.grad[0])
print("row 1 gradient:    ", padded.weight.grad[1])
