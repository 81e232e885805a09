#!/usr/bin/env python3
"""Write the plans of the PyTorch parity traces (random draws, layer initialisation, dropout masks,
printed text) into scripts/parity-plans/. Record them with:

    for plan in scripts/parity-plans/*.json; do
        .venv/bin/python scripts/record_trace.py "$plan" -o Tests/AutogradTests/ParityTraces/$(basename "$plan")
    done

The plans are data, kept in the repository so a re-recording with another PyTorch is one loop.
"""
import json
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "parity-plans")
SEEDS = [0, 1, 2, 3, 7, 42, 123, 2024, 31337, 4294967295, 4294967296 + 5, 2**63 + 11]
SIZES = [1, 2, 3, 5, 8, 15, 16, 17, 31, 32, 33, 47, 64, 100]


def write(name, summary, actions, seed=0):
    plan = {"name": name, "summary": summary, "seed": seed, "actions": actions}
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(plan, f, indent=1)
        f.write("\n")


def samplers(seed):
    """Every sampler at many sizes, one seed, with the stream carried across calls."""
    actions = [{"do": "seed", "seed": seed}]
    for n in SIZES:
        actions += [{"do": "draw", "sampler": "randn", "shape": [n]},
                    {"do": "draw", "sampler": "rand", "shape": [n]}]
    actions += [
        {"do": "draw", "sampler": "randn", "shape": [3]},          # an odd count keeps a normal…
        {"do": "draw", "sampler": "randn", "shape": [2, 3]},       # …which the next small draw uses
        {"do": "draw", "sampler": "randn", "shape": [4, 5]},       # 20 values: the 16-wide path
        {"do": "draw", "sampler": "randn", "shape": [1]},          # the kept normal survives it
        {"do": "draw", "sampler": "normal", "mean": 0.7, "std": 1.3, "shape": [5]},
        {"do": "draw", "sampler": "normal", "mean": -2.0, "std": 0.25, "shape": [33]},
        {"do": "draw", "sampler": "uniform", "low": -2.3, "high": 5.1, "shape": [7]},
        {"do": "draw", "sampler": "uniform", "low": 0.5, "high": 1.5, "shape": [2, 2]},
        {"do": "draw", "sampler": "randint", "low": 0, "high": 10, "shape": [12]},
        {"do": "draw", "sampler": "randint", "low": -5, "high": 3, "shape": [2, 4]},
        {"do": "draw", "sampler": "randperm", "n": 1},
        {"do": "draw", "sampler": "randperm", "n": 10},
        {"do": "draw", "sampler": "randperm", "n": 37},
        {"do": "draw", "sampler": "bernoulli", "p": 0.3, "shape": [20]},
    ]
    write(f"parity_draws_seed_{seed}", f"Every sampler after torch.manual_seed({seed}), the stream carried across calls.", actions)


def layers(seed):
    """Linear initialisation and Dropout masks of several shapes, interleaved with draws."""
    actions = [{"do": "seed", "seed": seed},
               {"do": "draw", "sampler": "randn", "shape": [3]}]
    for i, o in [(1, 1), (2, 2), (3, 4), (5, 2), (16, 8), (10, 1)]:
        actions.append({"do": "init", "layer": {"kind": "linear", "in": i, "out": o}})
    actions.append({"do": "init", "layer": {"kind": "linear", "in": 4, "out": 3, "bias": False}})
    actions.append({"do": "draw", "sampler": "rand", "shape": [2]})
    for p, shape in [(0.5, [4]), (0.1, [5, 8]), (0.3, [2, 3, 4]), (0.9, [17]), (1.0, [3]), (0.0, [3])]:
        actions.append({"do": "init", "layer": {"kind": "dropout", "p": p, "shape": shape}})
    actions.append({"do": "draw", "sampler": "randn", "shape": [2]})
    write(f"parity_layers_seed_{seed}", f"Linear initialisation and Dropout masks after torch.manual_seed({seed}).", actions)


def many_seeds():
    """Dozens of seeds in one trace: each re-seeds, then draws from every sampler and builds layers,
    so a seed-dependent slip (seeding arithmetic, the kept normal, the 16-wide path) cannot hide."""
    seeds = list(range(8, 40)) + [99, 1000, 65535, 65536, 10**9 + 7, 2**31 - 1, 2**31, 2**40 + 3, 2**62, 2**64 - 1]
    actions = []
    for seed in seeds:
        actions += [{"do": "seed", "seed": seed},
                    {"do": "draw", "sampler": "randn", "shape": [5]},
                    {"do": "draw", "sampler": "rand", "shape": [19]},
                    {"do": "draw", "sampler": "randn", "shape": [18]},
                    {"do": "init", "layer": {"kind": "linear", "in": 3, "out": 2}},
                    {"do": "init", "layer": {"kind": "dropout", "p": 0.4, "shape": [9]}},
                    {"do": "draw", "sampler": "randint", "low": -3, "high": 9, "shape": [4]},
                    {"do": "draw", "sampler": "randperm", "n": 12},
                    {"do": "draw", "sampler": "normal", "mean": 1.5, "std": 0.5, "shape": [3]}]
    write("parity_many_seeds", f"{len(seeds)} seeds, each followed by every sampler and a Linear and Dropout.", actions)


def printing():
    """Printed text: modes, widths, wrapping, summaries, suffixes, special values."""
    r = repr
    cases = [
        ([], [0]), ([], [0, 3]), ([7.0], []), ([-0.0], []), ([0.5], []), ([1e-5], []),
        ([1.0, 2.0], [2]), ([1.0, 2.5], [2]), ([0.0, -0.0], [2]), ([-0.0, 1.0], [2]),
        ([1e-5, 1e3], [2]), ([1.0, 1001.0], [2]), ([1.0, 1000.0], [2]), ([1e8, 1.0], [2]), ([123456789.0, 2.0], [2]),
        ([0.00009, 0.5], [2]), ([0.0001, 0.5], [2]), ([float("nan"), 1.0], [2]), ([float("inf"), -1.5], [2]),
        ([float("-inf"), 2.0, float("nan")], [3]), ([float("nan")], []), ([float("inf"), float("-inf")], [2]),
        ([0.12345, -1.0, 2.5, 0.0], [2, 2]), ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [2, 3]),
        ([i * 0.5 - 3 for i in range(24)], [2, 3, 4]), ([i - 12.0 for i in range(24)], [2, 3, 4]),
        ([i / 7 for i in range(30)], [30]), ([i * 1000.0 for i in range(40)], [40]),
        ([(i * 37 % 101) / 9.0 - 5 for i in range(1200)], [1200]),
        ([(i * 13 % 17) / 3.0 for i in range(2000)], [40, 50]),
        ([float(i) for i in range(1500)], [10, 10, 15]),
        ([1.23456789e-7, 9.87654321e9, -3.5], [3]), ([0.00015, 0.00025], [2]), ([2.5, 3.5, -2.5], [3]),
        ([0.99995, 0.99994999], [2]), ([1e20, -1e-20], [2]), ([5e-324, 1.0], [2]),
        ([-1.0, -2.0, -3.0], [3]), ([100.0, -100.0], [2]), ([1e16, 3.0], [2]),
    ]
    actions = []
    for values, shape in cases:
        actions.append({"do": "print", "values": [r(v) for v in values], "shape": shape})
    actions.append({"do": "print", "values": ["0.5", "-1.25"], "shape": [2], "requires_grad": True})
    actions.append({"do": "print", "values": [r(i / 3) for i in range(60)], "shape": [6, 10], "requires_grad": True})
    actions.append({"do": "print", "values": [r(float(i)) for i in range(70)], "shape": [70], "requires_grad": True})
    actions.append({"do": "print", "values": ["3", "-12", "7"], "shape": [3], "dtype": "int64"})
    actions.append({"do": "print", "values": [r(float(i * 7919 % 100000)) for i in range(1100)], "shape": [1100], "dtype": "int64"})
    actions.append({"do": "print", "values": [], "shape": [0], "dtype": "int64"})
    actions.append({"do": "print_module", "modules": [
        {"kind": "linear", "in": 3, "out": 4}, {"kind": "relu"}, {"kind": "tanh"}, {"kind": "sigmoid"},
        {"kind": "dropout", "p": 0.25}, {"kind": "dropout"}, {"kind": "batchnorm1d", "features": 16},
        {"kind": "batchnorm1d", "features": 4, "momentum": None, "affine": False},
        {"kind": "batchnorm1d", "features": 4, "eps": 0.001, "momentum": 0.3},
        {"kind": "linear", "in": 4, "out": 2, "bias": False}]})
    write("parity_printing", "How PyTorch prints float64 (and int64) tensors: modes, widths, wrapping, summaries, suffixes.", actions)


def graphs():
    """The nodes PyTorch records for small models in several freezing modes (walked from the loss
    through next_functions): AccumulateGrad for leaves, TBackward0 inside every Linear."""
    lin = lambda i, o, **k: {"kind": "linear", "in": i, "out": o, **k}
    models = {
        "mlp_mse": ([lin(3, 4), {"kind": "relu"}, lin(4, 4), {"kind": "tanh"}, lin(4, 2)], "mse"),
        "batchnorm_ce": ([lin(3, 4), {"kind": "batchnorm1d", "features": 4}, {"kind": "sigmoid"}, lin(4, 3)], "cross_entropy"),
        "no_bias": ([lin(3, 4, bias=False), {"kind": "relu"}, lin(4, 2, bias=False)], "mse"),
    }
    for name, (layers, loss) in models.items():
        params = []
        for i, layer in enumerate(layers):
            if layer["kind"] == "linear":
                params += [f"{i}.weight"] + ([f"{i}.bias"] if layer.get("bias", True) else [])
            elif layer["kind"] == "batchnorm1d":
                params += [f"{i}.weight", f"{i}.bias"]
        first = [p for p in params if p.startswith("0.")]
        last = [p for p in params if p.startswith(f"{len(layers) - 1}.")]
        actions = [{"do": "graph", "batch": 0},
                   {"do": "requires_grad", "params": first, "value": False},
                   {"do": "graph", "batch": 0},
                   {"do": "requires_grad", "params": [p for p in params if p.endswith("weight") and p in first + last], "value": False},
                   {"do": "graph", "batch": 0},
                   {"do": "graph", "batch": 0, "no_grad": True},
                   {"do": "requires_grad", "params": params, "value": False},
                   {"do": "requires_grad", "params": [p for p in params if p.endswith("bias")], "value": True},
                   {"do": "graph", "batch": 0},
                   {"do": "mode", "train": False},
                   {"do": "graph", "batch": 0}]
        plan = {"name": f"parity_graph_{name}", "summary": "The autograd graph PyTorch records, walked through next_functions.",
                "seed": 0, "layers": layers, "loss": loss, "batches": [{"rows": 5, "seed": 3}], "actions": actions}
        with open(os.path.join(HERE, plan["name"] + ".json"), "w") as f:
            json.dump(plan, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    os.makedirs(HERE, exist_ok=True)
    for seed in SEEDS:
        samplers(seed)
    for seed in SEEDS[:6]:
        layers(seed)
    many_seeds()
    printing()
    graphs()
