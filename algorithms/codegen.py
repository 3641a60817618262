"""The PyTorch script equivalent to one run: what a learner would write to get the same path.

`gdscope code` prints it. Run on its own, the script prints the two parameters after every optimizer
step, one JSON list per line, and stops where gdscope stops a diverging run: the same numbers as
`gdscope trajectory` params[1:] (tests/app/test_code_command.py runs both and compares them). It does
what algorithms/reference.py does, written out flat: real torch.optim, autograd, DataLoader, float64.
"""

from __future__ import annotations

import inspect
import math
import textwrap

import numpy as np
import torch

from algorithms import expression_kernel as k
from algorithms.batches import resolve_batch_size
from algorithms.engine import RunSpec
from algorithms.expressions import Expression, ExpressionSurface
from algorithms.optimizers import OptimizerConfig
from algorithms.problems import Problem
from algorithms.reference import TORCH_OPTIMIZERS
from algorithms.schedules import ScheduleConfig, scheduler_calls
from algorithms.torch_random import centred_noise

# Each gallery surface's formula as torch code in x and y (tests check it against Surface.torch_value).
SURFACE_TORCH: dict[str, str] = {
    "bowl": "x**2 + y**2",
    "ravine": "x**2 + 10 * y**2",
    "saddle": "x**2 - y**2",
    "monkey-saddle": "x**3 - 3 * x * y**2",
    "rosenbrock": "(1 - x) ** 2 + 100 * (y - x**2) ** 2",
    "himmelblau": "(x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2",
    "beale": "(1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2",
    "rastrigin": "20 + x**2 + y**2 - 10 * torch.cos(2 * torch.pi * x) - 10 * torch.cos(2 * torch.pi * y)",
    "six-hump-camel": "(4 - 2.1 * x**2 + x**4 / 3) * x**2 + x * y + (-4 + 4 * y**2) * y**2",
}
WIDTH = 100  # wrap inline data lists at this many characters
# The two parameters' names in the script.
PARAMETER_NAMES = {
    "surface": ("x", "y"),
    "linear-regression": ("w", "b"),
    "logistic-regression": ("w", "b"),
    "tiny-net": ("w1", "w2"),
    "linear-net": ("w1", "w2"),
}


def surface_torch_expression(problem: Problem) -> str:
    """f(x, y) of an analytic problem as torch code: the gallery's table, or a typed formula's program."""
    surface = problem.surface
    assert surface is not None
    if isinstance(surface, ExpressionSurface) and surface.expression is not None:
        return program_to_torch(surface.expression)
    return SURFACE_TORCH[surface.id]


# Python precedence of what a rendered piece is, to put brackets only where they are needed.
_SUM, _PRODUCT, _UNARY, _POWER, _ATOM = 1, 2, 3, 4, 5
_INFIX = {k.OP_ADD: ("+", _SUM), k.OP_SUB: ("-", _SUM), k.OP_MUL: ("*", _PRODUCT), k.OP_DIV: ("/", _PRODUCT)}
_CALLS = {
    k.OP_SIN: "sin", k.OP_COS: "cos", k.OP_TAN: "tan", k.OP_EXP: "exp", k.OP_LOG: "log",
    k.OP_SQRT: "sqrt", k.OP_ABS: "abs", k.OP_TANH: "tanh", k.OP_SINH: "sinh", k.OP_COSH: "cosh",
    k.OP_ATAN: "atan", k.OP_ATAN2: "atan2", k.OP_MIN: "minimum", k.OP_MAX: "maximum",
}  # fmt: skip


def _number(value: float) -> tuple[str, int, bool]:
    """A constant as (code, precedence, is a plain Python number)."""
    if value == math.pi:
        return "torch.pi", _ATOM, True
    if value == math.e:
        return "torch.e", _ATOM, True
    negative_zero = value == 0 and math.copysign(1.0, value) < 0
    whole = value.is_integer() and abs(value) < 1e15 and not negative_zero
    text = str(int(value)) if whole else repr(value)
    return text, (_UNARY if text.startswith("-") else _ATOM), True


def _wrap(piece: tuple[str, int, bool], needed: int) -> str:
    return piece[0] if piece[1] >= needed else f"({piece[0]})"


def program_to_torch(expression: Expression) -> str:
    """A typed f(x, y) as torch code doing the very operations Expression.torch_value does, in order."""
    stack: list[tuple[str, int, bool]] = []  # (code, precedence, is a Python number rather than a tensor)
    consts = iter(expression.consts.tolist())
    for op in expression.ops.tolist():
        if op in (k.OP_X, k.OP_Y):
            stack.append(("x" if op == k.OP_X else "y", _ATOM, False))
        elif op == k.OP_CONST:
            stack.append(_number(next(consts)))
        elif op == k.OP_POWC:  # a ** b groups from the right: a power base needs brackets
            base = stack.pop()
            stack.append((f"{_wrap(base, _ATOM)} ** {_wrap(_number(next(consts)), _UNARY)}", _POWER, False))
        elif op == k.OP_POW:
            b, a = stack.pop(), stack.pop()
            stack.append((f"{_wrap(a, _ATOM)} ** {_wrap(b, _UNARY)}", _POWER, False))
        elif op in _INFIX:  # left to right: the right operand of the same level needs brackets
            symbol, level = _INFIX[op]
            b, a = stack.pop(), stack.pop()
            stack.append((f"{_wrap(a, level)} {symbol} {_wrap(b, level + 1)}", level, False))
        elif op == k.OP_NEG:
            stack.append((f"-{_wrap(stack.pop(), _POWER)}", _UNARY, False))
        elif op in k.BINARY_OPS:  # torch.atan2/minimum/maximum take tensors, as Expression makes them
            b, a = stack.pop(), stack.pop()
            args = [f"torch.tensor({p[0]}, dtype=torch.float64)" if p[2] else p[0] for p in (a, b)]
            stack.append((f"torch.{_CALLS[op]}({', '.join(args)})", _ATOM, False))
        else:
            stack.append((f"torch.{_CALLS[op]}({stack.pop()[0]})", _ATOM, False))
    ((code, _, constant),) = stack
    return f"x * 0.0 + y * 0.0 + {code}" if constant else code


def pytorch_script(problem: Problem, spec: RunSpec, steps: int) -> str:
    """A complete, commented script that trains ``spec`` on ``problem`` for ``steps`` steps."""
    if steps < 0:
        raise ValueError(f"steps must be ≥ 0, got {steps}")
    config = spec.optimizer.validate()
    names = PARAMETER_NAMES[problem.kind]
    sections = [
        _header(problem, config, steps),
        _IMPORTS,
        f"STEPS = {steps}  # optimizer steps to take\n"
        f"BOUND = {float(problem.bound)!r}  # gdscope stops a run once a |parameter| exceeds this",
        _data(problem, spec),
        _loader(problem, spec),
        _model(problem, spec),
        _optimizer(problem, config, names),
    ]
    if spec.schedule is not None:
        sections.append(_scheduler(problem, spec, steps))
    # Two blank lines before the top-level functions and the call, as PEP 8 has it.
    training = _training(problem, names, spec.schedule)
    return "\n\n".join(sections) + "\n\n\n" + training + "\n\n\ntrain()\n"


_IMPORTS = """\
import json
import math

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset"""


def _header(problem: Problem, config: OptimizerConfig, steps: int) -> str:
    p0, p1 = PARAMETER_NAMES[problem.kind]
    name = _docstring_text(problem.name_en)
    return (
        f'"""{name}, trained with torch.optim.{config.torch_class_name} for {steps} steps.\n\n'
        "Generated by `gdscope code`. After every optimizer step it prints the parameters\n"
        f"[{p0}, {p1}] as one JSON list per line: the numbers `gdscope trajectory` gives with the same\n"
        'options. Everything is float64, as in gdscope.\n"""'
    )


def _docstring_text(text: str) -> str:
    """Text that cannot end or escape a triple-quoted string."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _floats(values: np.ndarray, indent: int) -> str:
    """An exact inline list of floats (repr round-trips), wrapped to WIDTH."""
    text = ", ".join(repr(float(v)) for v in values)
    lines = textwrap.wrap(text, WIDTH - indent, break_on_hyphens=False, break_long_words=False)
    if len(lines) == 1:
        return f"[{lines[0]}]"
    pad = " " * indent
    return "[\n" + "\n".join(pad + line for line in lines) + "\n]"


def _data(problem: Problem, spec: RunSpec) -> str:
    if problem.surface is not None:
        return _noise_samples(problem, spec.seed)
    x, y = problem.data_arrays("train")
    held_out = problem.split is not None and len(problem.split.val) + len(problem.split.test) > 0
    which = "\n# (the training part of the train/validation/test split)" if held_out else ""
    if problem.kind in ("tiny-net", "linear-net"):
        shape, reshape = "one number each", ""
    else:
        shape, reshape = "shaped (samples, 1) as nn.Linear expects", ".reshape(-1, 1)"
    return (
        f"# The training set: {len(x)} samples (x, y), {shape}.{which}\n"
        f"x_data = torch.tensor({_floats(x, 4)}, dtype=torch.float64){reshape}\n"
        f"y_data = torch.tensor({_floats(y, 4)}, dtype=torch.float64){reshape}"
    )


def _regenerated_noise(samples: int, scale: float, seed: int) -> np.ndarray:
    """The ε the printed torch calls make (replayed bit for bit by algorithms.torch_random)."""
    return centred_noise(samples, scale, seed)


def noise_scale(problem: Problem, seed: int) -> float | None:
    """The σ that regenerates the problem's ε exactly from ``seed``, or None (the Problem keeps only ε)."""
    noise = np.asarray(problem.noise)
    unit = _regenerated_noise(len(noise), 1.0, seed)
    if not np.any(noise):
        candidates = [0.0]
    else:
        mask = np.abs(unit) > 0.1
        if not mask.any():
            return None
        estimate = float(np.median(noise[mask] / unit[mask]))
        candidates = [float(f"{estimate:.{digits}g}") for digits in (6, 10, 12, 15, 17)]
    for scale in candidates:
        if scale >= 0 and np.array_equal(_regenerated_noise(len(noise), scale, seed), noise):
            return scale
    return None


def _noise_samples(problem: Problem, seed: int) -> str:
    noise = np.asarray(problem.noise)
    intro = (
        f"# Gradient noise: {len(noise)} synthetic samples; sample i has the loss f(x, y) + ε_i·(x, y).\n"
        "# The ε_i are re-centred so that they sum to 0: the full-batch loss is exactly f, and a\n"
        "# mini-batch gradient is ∇f plus the batch mean of ε.\n"
    )
    scale = noise_scale(problem, seed)
    if scale is not None:
        return intro + (
            f"noise_generator = torch.Generator().manual_seed({seed})\n"
            f"eps = torch.randn({len(noise)}, 2, generator=noise_generator, dtype=torch.float64)"
            f" * {scale!r}  # σ = {scale!r}\n"
            "eps = eps - eps.mean(dim=0, keepdim=True)"
        )
    rows = ",\n".join(f"    [{float(a)!r}, {float(b)!r}]" for a, b in noise)
    return intro + f"eps = torch.tensor(\n    [\n{rows}\n    ],\n    dtype=torch.float64,\n)"


def _loader(problem: Problem, spec: RunSpec) -> str:
    size = resolve_batch_size(spec.batch_size, problem.n_samples)
    if size == problem.n_samples:
        what = f"One batch of all {size} samples: plain (full-batch) gradient descent."
    else:
        order = "reshuffled every epoch" if spec.shuffle else "in the data's order"
        what = f"Mini-batches of {size} sample{'s' if size > 1 else ''}, {order}."
    tensors = "eps" if problem.surface is not None else "x_data, y_data"
    return (
        f"# {what}\n"
        "loader = DataLoader(\n"
        f"    TensorDataset({tensors}),\n"
        f"    batch_size={size},\n"
        f"    shuffle={spec.shuffle},\n"
        f"    generator=torch.Generator().manual_seed({spec.seed}),\n"
        ")"
    )


def _model(problem: Problem, spec: RunSpec) -> str:
    s0, s1 = (repr(float(v)) for v in spec.start)
    if problem.surface is not None:
        typed = isinstance(problem.surface, ExpressionSurface)
        description = problem.name_en if typed else f"{problem.name_en}: {problem.surface.formula_text}"
        return (
            "# The two parameters, starting from the chosen point.\n"
            f"x = torch.tensor({s0}, dtype=torch.float64, requires_grad=True)\n"
            f"y = torch.tensor({s1}, dtype=torch.float64, requires_grad=True)\n\n\n"
            "def f(x, y):\n"
            f'    """{_docstring_text(description)}"""\n'
            f"    return {surface_torch_expression(problem)}\n"  # (the join adds PEP 8's second blank line)
        )
    reduction = f'"{problem.reduction}"'
    over = "summed over" if problem.reduction == "sum" else "averaged over"
    if problem.kind == "linear-net":
        return (
            "# Two linear layers y_hat = w2·(w1·x): two scalar parameters, no activation between them.\n"
            f"w1 = torch.tensor({s0}, dtype=torch.float64, requires_grad=True)\n"
            f"w2 = torch.tensor({s1}, dtype=torch.float64, requires_grad=True)\n\n\n"
            "def model(x):\n"
            "    return w2 * (w1 * x)\n\n\n"
            f"criterion = nn.MSELoss(reduction={reduction})  # squared errors {over} the batch"
        )
    if problem.kind == "tiny-net":
        return (
            "# The tiny network y_hat = w2·tanh(w1·x): two scalar parameters.\n"
            f"w1 = torch.tensor({s0}, dtype=torch.float64, requires_grad=True)\n"
            f"w2 = torch.tensor({s1}, dtype=torch.float64, requires_grad=True)\n\n\n"
            "def model(x):\n"
            "    return w2 * torch.tanh(w1 * x)\n\n\n"
            f"criterion = nn.MSELoss(reduction={reduction})  # squared errors {over} the batch"
        )
    if problem.kind == "logistic-regression":
        criterion = (
            f"# sigmoid + binary cross-entropy in one numerically stable step, {over} the batch\n"
            f"criterion = nn.BCEWithLogitsLoss(reduction={reduction})"
        )
    else:
        criterion = f"criterion = nn.MSELoss(reduction={reduction})  # squared errors {over} the batch"
    output = "the logit of P(y = 1)" if problem.kind == "logistic-regression" else "the prediction"
    return (
        f"# The model w·x + b ({output}).\n"
        "model = nn.Linear(1, 1).double()\n"
        "with torch.no_grad():  # start from the chosen point\n"
        f"    model.weight.fill_({s0})\n"
        f"    model.bias.fill_({s1})\n"
        "w, b = model.weight, model.bias\n\n" + criterion
    )


def _optimizer(problem: Problem, config: OptimizerConfig, names: tuple[str, str]) -> str:
    kwargs = config.torch_kwargs()
    order = list(inspect.signature(TORCH_OPTIMIZERS[config.name]).parameters)
    options = [f"    {key}={kwargs[key]!r}," for key in sorted(kwargs, key=order.index)]
    lr0, lr1 = config.learning_rates
    if lr0 == lr1:
        params = "model.parameters()" if problem.kind.endswith("regression") else f"[{', '.join(names)}]"
        head = [f"    {params},", f"    lr={lr0!r},"]
        comment = "# The optimizer, with every option written out (torch's defaults included)."
    else:
        head = [
            "    [",
            f'        {{"params": [{names[0]}], "lr": {lr0!r}}},',
            f'        {{"params": [{names[1]}], "lr": {lr1!r}}},',
            "    ],",
        ]
        comment = "# The optimizer; each parameter is its own param group with its own learning rate."
    lines = [comment, f"optimizer = torch.optim.{config.torch_class_name}(", *head, *options, ")"]
    return "\n".join(lines)


def _scheduler(problem: Problem, spec: RunSpec, steps: int) -> str:
    schedule = spec.schedule
    assert schedule is not None
    per_epoch = -(-problem.n_samples // resolve_batch_size(spec.batch_size, problem.n_samples))
    kwargs = schedule.kwargs(spec.optimizer, scheduler_calls(schedule, steps, per_epoch))
    order = list(inspect.signature(getattr(torch.optim.lr_scheduler, schedule.name)).parameters)
    options = [f"    {key}={kwargs[key]!r}," for key in sorted(kwargs, key=order.index)]
    when = "every optimizer step" if schedule.interval == "step" else "every epoch (a pass over the loader)"
    driven = " with the training loss" if schedule.kind.uses_loss else ""
    return "\n".join(
        [
            f"# The learning-rate schedule, stepped after {when}{driven}.",
            f"scheduler = torch.optim.lr_scheduler.{schedule.name}(",
            "    optimizer,",
            *options,
            ")",
        ]
    )


def _scheduler_lines(schedule: ScheduleConfig | None) -> tuple[str, str, str, str]:
    """The loop's scheduler lines: (epoch start, after each loss, after each step, after each epoch)."""
    if schedule is None:
        return "", "", "", ""
    pad = " " * 12
    if schedule.interval == "step":
        call = "scheduler.step(loss.item())" if schedule.kind.uses_loss else "scheduler.step()"
        return "", "", f"{pad}{call}\n", ""
    if not schedule.kind.uses_loss:
        return "", "", "", "\n        scheduler.step()  # the epoch is over"
    return (
        "        epoch_loss = 0.0\n",
        f"{pad}epoch_loss += loss.item()\n",
        "",
        "\n        scheduler.step(epoch_loss / len(loader))  # the epoch's mean training loss",
    )


def _training(problem: Problem, names: tuple[str, str], schedule: ScheduleConfig | None = None) -> str:
    epoch_start, after_loss, after_step, after_epoch = _scheduler_lines(schedule)
    p0, p1 = names
    if problem.surface is not None:
        full = "f(x, y).item()"
        batch = "(eps_batch,)"
        loss = "f(x, y) + (eps_batch[:, 0] * x + eps_batch[:, 1] * y).mean()"
    else:
        full = "criterion(model(x_data), y_data).item()"
        batch = "x_batch, y_batch"
        loss = "criterion(model(x_batch), y_batch)"
    return f'''\
def still_running():
    """gdscope's rule: both parameters finite and within BOUND, and a finite training loss."""
    point = [{p0}.item(), {p1}.item()]
    if not all(math.isfinite(v) for v in point) or max(abs(v) for v in point) > BOUND:
        return False
    with torch.no_grad():
        return math.isfinite({full})


def train():
    if not still_running():
        return
    step = 0
    epochs = math.ceil(STEPS / len(loader))
    for epoch in range(epochs):
{epoch_start}        for {batch} in loader:
            optimizer.zero_grad()
            loss = {loss}
            loss.backward()
            if not all(math.isfinite(v) for v in (loss.item(), {p0}.grad.item(), {p1}.grad.item())):
                return  # the loss or its gradient overflowed: the run diverged
{after_loss}            optimizer.step()
{after_step}            if not still_running():
                return  # diverged, or left the picture
            print(json.dumps([{p0}.item(), {p1}.item()]))
            step += 1
            if step == STEPS:
                return{after_epoch}'''
