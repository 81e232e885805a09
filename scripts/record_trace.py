#!/usr/bin/env python3
"""Record a FreezeLab trace (`freezelab-trace/2`) from an experiment plan, in real PyTorch.

    python3 scripts/record_trace.py PLAN.json [-o TRACE.json]
    swift run freezelab replay TRACE.json

A plan is a trace without expectations (see docs/traces.md and the schema):

    {
      "name": "my_experiment", "summary": "One sentence.",
      "seed": 0,                                   # optional, default 0: torch.manual_seed before the layers
      "layers": [{"kind": "linear", "in": 3, "out": 4},                 # PyTorch's default init
                 {"kind": "batchnorm1d", "features": 4, "momentum": 0.3, "seed": 7},
                 {"kind": "relu"},
                 {"kind": "linear", "in": 4, "out": 2, "params": {"weight": [[...]], "bias": [...]}}],
      "loss": "mse",                                # or "cross_entropy"
      "batches": [{"x": [[...]], "y": [[...]]},     # explicit
                  {"rows": 4, "seed": 1}],          # or seeded: x ~ N(0, 1); y ~ N(0, 1) or random classes
      "actions": [{"do": "forward_backward", "batch": 0}, {"do": "check"}, ...]
    }

A layer's initial values are, in order of preference: its `params`/`buffers`; its own `seed`
(a linear layer draws PyTorch's default init after `torch.manual_seed(seed)`; a batchnorm1d layer
draws weight ~ U(0.5, 1.5) and bias ~ U(-0.5, 0.5)); PyTorch's default init from the plan's `seed`.
Actions are copied as they are and every `expect` is filled from PyTorch, in float64.

Parity actions (schema 2) need no model: `seed` (torch.manual_seed), `draw` (a sampler: randn,
rand, normal, uniform, randint, randperm, bernoulli — expect its exact values and printed text),
`init` (a fresh nn.Linear from the generator, or nn.Dropout applied in train mode to
1, 2, …, n — expect the exact values), `print` (a tensor from `values` given as Python float
reprs, so nan and inf fit — expect `str(tensor)`), `print_module` (an nn.Sequential of
`modules` — expect `str(model)`), `graph` (the loss of a batch, not backpropagated — expect the
nodes reachable from its grad_fn through next_functions, as nested [name, [children]]).

Hooks and clipping: `hook` (id, param, scale: register_hook multiplying the parameter's gradient
by `scale`), `remove_hook` (id), `clip_grad_norm` (max_norm, norm_type "2"/"1"/"inf", params —
default every parameter — expect the total norm and the clipped grads).

Modules on their own: `probe` (module: {kind embedding (num, dim, padding_idx, or pretrained
values and freeze) or layernorm (shape, eps, affine, bias)}, input and input_dtype, upstream) — a
fresh module drawn from the generator, run forward, then sum(output * upstream) backpropagated:
expect its initial params, text, output, requires_grad, grads and the input's grad.

Schedulers: `scheduler` (id, optimizer, scheduler: {kind step/exponential/cosine/lambda/one_cycle
and PyTorch's arguments; lambda takes `factors`, one per epoch, the last repeating}) and
`scheduler_step` (id) — expect every group's lr and momentum, or PyTorch's error message.

State dicts: `save_state` (id, target "model" or an optimizer id: a deep copy of its state_dict;
the model's keys are expected), `load_state` (id, target, strict, and edits to a model dict:
drop, rename, reshape — expect PyTorch's error message, or the missing and unexpected keys).
Needs a local PyTorch (scripts/setup.sh puts one in .venv); never run in CI.
"""
import argparse
import copy
import json
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def as_list(t):
    return t.detach().tolist()


def build_layer(spec):
    """One nn module from a plan layer, and the layer as the trace records it."""
    kind = spec["kind"]
    if spec.get("seed") is not None:
        torch.manual_seed(spec["seed"])
    if kind == "linear":
        module = nn.Linear(spec["in"], spec["out"], bias=spec.get("bias", True))
    elif kind == "batchnorm1d":
        module = nn.BatchNorm1d(spec["features"], eps=spec.get("eps", 1e-5), momentum=spec.get("momentum", 0.1))
        if spec.get("seed") is not None and "params" not in spec:
            with torch.no_grad():
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.5, 0.5)
    elif kind in ("relu", "tanh", "sigmoid"):
        return {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}[kind](), {"kind": kind}
    else:
        sys.exit(f"unknown layer kind {kind!r}")
    with torch.no_grad():
        for name, value in {**spec.get("params", {}), **spec.get("buffers", {})}.items():
            getattr(module, name).copy_(torch.tensor(value))
    recorded = {"kind": kind}
    for key in ("in", "out", "features", "eps", "momentum"):
        if key in spec:
            recorded[key] = spec[key]
    recorded["params"] = {name: as_list(p) for name, p in module.named_parameters()}
    if kind == "batchnorm1d":
        recorded["buffers"] = {name: as_list(module._buffers[name]) for name in ("running_mean", "running_var")}
    return module, recorded


def build_batch(spec, plan, model):
    """An explicit batch as given, or a seeded one shaped by the model."""
    if "x" in spec:
        return {"x": spec["x"], "y": spec["y"]}
    torch.manual_seed(spec["seed"])
    linears = [m for m in model if isinstance(m, nn.Linear)]
    rows = spec["rows"]
    x = torch.randn(rows, linears[0].in_features)
    classes = linears[-1].out_features
    if plan["loss"] == "cross_entropy":
        y = torch.randint(0, classes, (rows,)).tolist()
    else:
        y = as_list(torch.randn(rows, classes))
    return {"x": as_list(x), "y": y}


def draw(action):
    """A sampler call as the `draw` action names it."""
    sampler, shape = action["sampler"], tuple(action.get("shape", ()))
    if sampler == "randn":
        return torch.randn(shape)
    if sampler == "rand":
        return torch.rand(shape)
    if sampler == "normal":
        return torch.normal(action["mean"], action["std"], shape)
    if sampler == "uniform":
        return torch.empty(shape).uniform_(action["low"], action["high"])
    if sampler == "randint":
        return torch.randint(action["low"], action["high"], shape)
    if sampler == "randperm":
        return torch.randperm(action["n"])
    if sampler == "bernoulli":
        return torch.empty(shape).bernoulli_(action["p"])
    sys.exit(f"unknown sampler {sampler!r}")


def module_from(spec):
    """A module for `print_module`, built from its spec's keyword arguments."""
    kind = spec["kind"]
    if kind == "linear":
        return nn.Linear(spec["in"], spec["out"], bias=spec.get("bias", True))
    if kind == "batchnorm1d":
        return nn.BatchNorm1d(spec["features"], eps=spec.get("eps", 1e-5), momentum=spec.get("momentum", 0.1),
                              affine=spec.get("affine", True))
    if kind == "dropout":
        return nn.Dropout(spec.get("p", 0.5))
    return {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}[kind]()


def walk(fn):
    """A grad_fn and the nodes after it, as nested [name, [children]] (None edges left out)."""
    return [type(fn).__name__, [walk(n) for n, _ in fn.next_functions if n is not None]]


def exact(t):
    """Values as the trace stores them: a flat list, compared bit for bit on replay."""
    return t.detach().reshape(-1).tolist()


def make_probe_module(spec):
    """An nn.Embedding or nn.LayerNorm from a probe's `module` spec."""
    if spec["kind"] == "embedding":
        if "pretrained" in spec:
            return nn.Embedding.from_pretrained(torch.tensor(spec["pretrained"]), freeze=spec.get("freeze", True),
                                                padding_idx=spec.get("padding_idx"))
        return nn.Embedding(spec["num"], spec["dim"], padding_idx=spec.get("padding_idx"))
    if spec["kind"] == "layernorm":
        return nn.LayerNorm(spec["shape"], eps=spec.get("eps", 1e-5), elementwise_affine=spec.get("affine", True),
                            bias=spec.get("bias", True))
    sys.exit(f"unknown probe module {spec['kind']!r}")


def probe(action):
    """Makes a module (drawing from the generator), runs it on `input`, backpropagates
    sum(output * upstream): the initial parameters, the text, the output and every gradient."""
    module = make_probe_module(action["module"])
    initial = {name: as_list(p) for name, p in module.named_parameters()}
    if action.get("input_dtype") == "int64":
        x = torch.tensor(action["input"], dtype=torch.long)
    else:
        x = torch.tensor(action["input"], requires_grad=True)
    out = module(x)
    result = {"params": initial, "text": str(module), "output": as_list(out), "requires_grad": out.requires_grad}
    if out.requires_grad:
        (out * torch.tensor(action["upstream"])).sum().backward()
    result["grads"] = {name: None if p.grad is None else as_list(p.grad) for name, p in module.named_parameters()}
    if x.requires_grad:
        result["input_grad"] = as_list(x.grad)
    return result


def make_scheduler(spec, optimizer):
    """A torch.optim.lr_scheduler from a plan's spec (PyTorch's argument names)."""
    S = torch.optim.lr_scheduler
    kind = spec["kind"]
    if kind == "step":
        return S.StepLR(optimizer, step_size=spec["step_size"], gamma=spec.get("gamma", 0.1))
    if kind == "exponential":
        return S.ExponentialLR(optimizer, gamma=spec["gamma"])
    if kind == "cosine":
        return S.CosineAnnealingLR(optimizer, T_max=spec["T_max"], eta_min=spec.get("eta_min", 0.0))
    if kind == "lambda":
        factors = spec["factors"]
        return S.LambdaLR(optimizer, lambda epoch: factors[min(epoch, len(factors) - 1)])
    if kind == "one_cycle":
        keys = ("total_steps", "pct_start", "anneal_strategy", "cycle_momentum", "base_momentum", "max_momentum",
                "div_factor", "final_div_factor", "three_phase")
        max_lr = spec["max_lr"]
        return S.OneCycleLR(optimizer, max_lr=max_lr[0] if len(max_lr) == 1 else max_lr, **{k: spec[k] for k in keys if k in spec})
    sys.exit(f"unknown scheduler kind {kind!r}")


class Recorder:
    def __init__(self, plan):
        self.plan = plan
        torch.manual_seed(plan.get("seed", 0))
        built = [build_layer(spec) for spec in plan.get("layers", [])]
        self.layers = [recorded for _, recorded in built]
        self.model = nn.Sequential(*[module for module, _ in built])
        self.params = dict(self.model.named_parameters())
        self.names = {p: name for name, p in self.params.items()}
        self.batches = [build_batch(spec, plan, self.model) for spec in plan.get("batches", [])]
        # Parity actions start from the plan's seed, as if nothing had drawn before them.
        torch.manual_seed(plan.get("seed", 0))
        self.optimizers = {}
        self.hooks = {}
        self.saved = {}
        self.schedulers = {}
        self.kept = {}

    def loss(self, batch, no_grad=False):
        x = torch.tensor(batch["x"])
        with torch.set_grad_enabled(not no_grad):
            out = self.model(x)
        if self.plan["loss"] == "mse":
            return out, F.mse_loss(out, torch.tensor(batch["y"]))
        if self.plan["loss"] == "cross_entropy":
            return out, F.cross_entropy(out, torch.tensor(batch["y"], dtype=torch.long))
        sys.exit(f"unknown loss {self.plan['loss']!r}")

    def param(self, name):
        if name not in self.params:
            sys.exit(f"unknown parameter {name!r}; the model has {', '.join(self.params)}")
        return self.params[name]

    def group(self, spec):
        return {**spec, "params": [self.param(name) for name in spec["params"]],
                **({"betas": tuple(spec["betas"])} if "betas" in spec else {})}

    # What the schema records: grads (None → null), params, buffers, optimizer state.
    def grads(self):
        return {name: None if p.grad is None else as_list(p.grad) for name, p in self.params.items()}

    def state(self):
        states = {}
        for id, opt in self.optimizers.items():
            states[id] = {}
            for p, entries in opt.state.items():
                recorded = {}
                for key, value in entries.items():
                    if value is None:
                        continue
                    recorded[key] = float(value) if key == "step" else as_list(value)
                if recorded:
                    states[id][self.names[p]] = recorded
        return states

    def everything(self):
        return {"params": {name: as_list(p) for name, p in self.params.items()}, "grads": self.grads(),
                "buffers": {name: as_list(b) for name, b in self.model.named_buffers() if name.endswith(("running_mean", "running_var"))},
                "state": self.state()}

    @staticmethod
    def schedule(optimizer):
        """Every group's lr, and its momentum (SGD) or first beta (Adam)."""
        return {"lrs": [g["lr"] for g in optimizer.param_groups],
                "momentums": [g["betas"][0] if "betas" in g else g["momentum"] for g in optimizer.param_groups]}

    def perform(self, action):
        do = action["do"]
        if do == "forward_backward":
            _, loss = self.loss(self.batches[action["batch"]])
            loss.backward()
            return {"loss": loss.item()}
        if do == "forward":
            out, _ = self.loss(self.batches[action["batch"]], action.get("no_grad", False))
            return {"output": as_list(out), "requires_grad": out.requires_grad}
        if do == "backward_error":
            _, loss = self.loss(self.batches[action["batch"]], action.get("no_grad", False))
            try:
                loss.backward()
            except RuntimeError as error:
                assert "does not require grad" in str(error), error
                return {"error": "no_grad_fn", "torch_message": str(error)}
            sys.exit(f"backward_error: backward succeeded in PyTorch ({action})")
        if do == "optimizer":
            kind = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[action["kind"]]
            # foreach=False: the single-tensor (for-loop) implementation the engine follows.
            self.optimizers[action["id"]] = kind([self.group(g) for g in action["groups"]], foreach=False)
            return None
        if do == "add_param_group":
            self.optimizers[action["optimizer"]].add_param_group(self.group(action["group"]))
            return None
        if do == "step":
            self.optimizers[action["optimizer"]].step()
            everything = self.everything()
            return {key: everything[key] for key in ("params", "grads", "state")}
        if do == "zero_grad":
            target = self.model if action["target"] == "model" else self.optimizers[action["target"]]
            target.zero_grad(set_to_none=action.get("set_to_none", True))
            return {"grads": self.grads()}
        if do == "requires_grad":
            for name in action["params"]:
                self.param(name).requires_grad_(action["value"])
            return None
        if do == "mode":
            self.model.train(action["train"])
            return None
        if do == "hook":
            mask = torch.tensor(action["scale"])
            self.hooks[action["id"]] = self.param(action["param"]).register_hook(lambda grad, mask=mask: grad * mask)
            return None
        if do == "remove_hook":
            self.hooks.pop(action["id"]).remove()
            return None
        if do == "clip_grad_norm":
            params = [self.param(name) for name in action["params"]] if "params" in action else list(self.model.parameters())
            total = torch.nn.utils.clip_grad_norm_(params, action["max_norm"], norm_type=float(action.get("norm_type", "2")))
            return {"total_norm": total.item(), "grads": self.grads()}
        if do == "save_state":
            # A deep copy, as torch.save would make: the saved values do not move with training.
            target = self.model if action["target"] == "model" else self.optimizers[action["target"]]
            self.saved[action["id"]] = copy.deepcopy(target.state_dict())
            return {"keys": list(self.saved[action["id"]].keys())} if action["target"] == "model" else None
        if do == "load_state":
            saved = copy.deepcopy(self.saved[action["id"]])
            if action["target"] == "model":
                for name in action.get("drop", []):
                    del saved[name]
                for old, new in action.get("rename", {}).items():
                    saved[new] = saved.pop(old)
                for name, shape in action.get("reshape", {}).items():
                    saved[name] = torch.zeros(shape)
                try:
                    keys = self.model.load_state_dict(saved, strict=action.get("strict", True))
                except RuntimeError as error:
                    return {"message": str(error)}
                return {"missing_keys": keys.missing_keys, "unexpected_keys": keys.unexpected_keys}
            try:
                self.optimizers[action["target"]].load_state_dict(saved)
            except ValueError as error:
                return {"message": str(error)}
            return None
        if do == "probe":
            return probe(action)
        if do == "scheduler":
            self.schedulers[action["id"]] = make_scheduler(action["scheduler"], self.optimizers[action["optimizer"]])
            return self.schedule(self.optimizers[action["optimizer"]])
        if do == "scheduler_step":
            scheduler = self.schedulers[action["id"]]
            try:
                scheduler.step()
            except (ValueError, KeyError, ZeroDivisionError) as error:
                return {"message": str(error), **self.schedule(scheduler.optimizer)}
            return self.schedule(scheduler.optimizer)
        if do == "versions":
            # `_version` of every parameter and buffer: how many in-place changes each has had.
            named = list(self.model.named_parameters()) + list(self.model.named_buffers())
            return {"versions": {name: t._version for name, t in named}}
        if do == "forward_keep":
            # A loss kept for a later backward; its input made under inference_mode if asked.
            batch = self.batches[action["batch"]]
            if action.get("inference_input", False):
                with torch.inference_mode():
                    batch = {**batch, "x": torch.tensor(batch["x"])}
                x = batch["x"]
                out = self.model(x)
                y = torch.tensor(batch["y"]) if self.plan["loss"] == "mse" else torch.tensor(batch["y"], dtype=torch.long)
                loss = F.mse_loss(out, y) if self.plan["loss"] == "mse" else F.cross_entropy(out, y)
            else:
                _, loss = self.loss(batch)
            self.kept[action["id"]] = loss
            return {"loss": loss.item()}
        if do == "backward_kept":
            try:
                self.kept.pop(action["id"]).backward()
            except RuntimeError as error:
                assert "modified by an inplace operation" in str(error), error
                return {"error": "modified_in_place", "message": str(error)}
            return {"grads": self.grads()}
        if do == "check":
            return self.everything()
        if do == "graph":
            _, loss = self.loss(self.batches[action["batch"]], action.get("no_grad", False))
            return {"graph": None if loss.grad_fn is None else walk(loss.grad_fn), "requires_grad": loss.requires_grad}
        if do == "seed":
            torch.manual_seed(action["seed"])
            return None
        if do == "draw":
            t = draw(action)
            return {"values": exact(t), "text": str(t)}
        if do == "init":
            layer = action["layer"]
            if layer["kind"] == "linear":
                m = nn.Linear(layer["in"], layer["out"], bias=layer.get("bias", True))
                return {"params": {name: exact(p) for name, p in m.named_parameters()}, "text": str(m)}
            if layer["kind"] == "dropout":
                shape = tuple(layer["shape"])
                x = torch.arange(1.0, 1.0 + torch.Size(shape).numel()).reshape(shape)
                m = nn.Dropout(layer["p"])
                return {"values": exact(m(x)), "text": str(m)}
            sys.exit(f"unknown layer kind for init {layer['kind']!r}")
        if do == "print_module":
            return {"text": str(nn.Sequential(*[module_from(spec) for spec in action["modules"]]))}
        if do == "print":
            values = torch.tensor([float(v) for v in action["values"]], dtype=getattr(torch, action.get("dtype", "float64")))
            t = values.reshape(action["shape"]).requires_grad_(action.get("requires_grad", False))
            return {"text": str(t)}
        sys.exit(f"unknown action {do!r}")

    def record(self):
        parity = {"seed", "draw", "init", "print", "print_module", "graph"}
        schema = 2 if any(a["do"] in parity for a in self.plan["actions"]) else 1
        trace = {"schema": f"freezelab-trace/{schema}", "name": self.plan["name"], "summary": self.plan.get("summary", ""),
                 "torch_version": torch.__version__, "dtype": "float64", "layers": list(self.layers),
                 "loss": self.plan.get("loss"), "batches": self.batches, "actions": []}
        if schema == 2:
            trace["seed"] = self.plan.get("seed", 0)
        # Every batch is fixed before the first action, so later seeds cannot change the model.
        for action in self.plan["actions"]:
            action = {key: value for key, value in action.items() if key != "expect"}
            expect = self.perform(action)
            if expect is not None:
                action["expect"] = expect
            trace["actions"].append(action)
        return trace


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("plan", help="the experiment plan (JSON)")
    parser.add_argument("-o", "--output", help="where to write the trace (default: standard output)")
    args = parser.parse_args()
    with open(args.plan) as f:
        plan = json.load(f)
    text = json.dumps(Recorder(plan).record(), indent=1) + "\n"
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
