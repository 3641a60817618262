"""Each update of a run, term by term: the optimizer's state as torch.optim keeps it, with its numbers.

The run's own gradients are replayed through the update rule of its optimizer (the same float operations
as algorithms/kernels.py, so the replayed parameters are the run's own); every intermediate is kept under
torch's state names (``momentum_buffer``, ``sum``, ``square_avg``, ``grad_avg``, ``exp_avg``,
``exp_avg_sq``, ``max_exp_avg_sq``). One pass over the run (a few ms for a thousand steps); reading a step
is then an index.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from algorithms.engine import RunResult, batches_per_epoch
from algorithms.optimizers import OptimizerConfig
from algorithms.problems import Problem
from algorithms.schedules import constant_momentum, step_schedule

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class UpdateTerms:
    """Per update t (rows) and parameter (columns): each named quantity after update t.

    ``values["grad"]`` is ∂L/∂p, ``values["d_p"]`` the gradient after coupled weight decay,
    ``values["param"]`` the parameter before the update and ``values["new_param"]`` after it.
    """

    config: OptimizerConfig
    values: dict[str, FloatArray]

    @property
    def steps(self) -> int:
        return len(self.values["grad"])

    def at(self, t: int, i: int) -> dict[str, float]:
        """Every quantity of update t (0-based) of parameter i."""
        return {name: float(column[t, i]) for name, column in self.values.items()}


def _lerp(start: float, end: float, weight: float) -> float:
    """ATen's lerp (two formulas switched at weight 0.5), as the kernels use it."""
    if abs(weight) < 0.5:
        return start + weight * (end - start)
    return end - (end - start) * (1.0 - weight)


def update_terms(result: RunResult, problem: Problem | None = None) -> UpdateTerms:
    """Replay result's gradients through its optimizer, keeping every term of every update.

    The lr of each step is the run's own (a scheduler's, ReduceLROnPlateau's included); a scheduler that
    cycles the momentum (or Adam's β₁) needs ``problem`` for the length of an epoch.
    """
    config = result.spec.optimizer
    steps = len(result.grad)
    values: dict[str, FloatArray] = {}
    momenta = np.full((steps, 2), constant_momentum(config))
    if result.spec.schedule is not None and problem is not None:
        per_epoch = batches_per_epoch(problem, result.spec)
        momenta = step_schedule(result.spec.schedule, config, steps, per_epoch).momentum
    for i in range(2):
        state = _State(config)
        for t in range(steps):
            p = float(result.params[t, i])
            g = float(result.grad[t, i])
            lr, momentum = float(result.lr[t, i]), float(momenta[t, i])
            state.terms = {"param": p, "grad": g, "lr": lr, "momentum": momentum}
            state.terms["new_param"] = state.step(lr, p, g, t + 1, momentum)
            for name, value in state.terms.items():
                if name not in values:
                    values[name] = np.full((steps, 2), np.nan)
                values[name][t, i] = value
    if steps == 0:
        values = {name: np.zeros((0, 2)) for name in ("param", "grad", "new_param")}
    return UpdateTerms(config, values)


class _State:
    """One parameter's optimizer state; ``step`` records each term of the update in ``terms``."""

    def __init__(self, config: OptimizerConfig) -> None:
        self.config = config
        self.buffer: float | None = None
        self.first = 0.0
        self.second = config.initial_accumulator_value if config.name == "adagrad" else 0.0
        self.extra = 0.0
        self.terms: dict[str, float] = {}

    def keep(self, name: str, value: float) -> None:
        self.terms[name] = value

    def step(self, lr: float, p: float, g: float, step: int, momentum: float) -> float:
        c = self.config
        wd = c.resolved_weight_decay
        if c.name in ("adam", "adamw"):
            return self._adam(lr, p, g, step, momentum)
        if wd != 0.0:
            g = g + wd * p
        self.keep("d_p", g)
        if c.name == "sgd":
            return self._sgd(lr, p, g, momentum)
        if c.name == "adagrad":
            clr = lr / (1.0 + (step - 1) * c.lr_decay)
            self.second = self.second + 1.0 * g * g
            std = math.sqrt(self.second) + c.resolved_eps
            self.keep("clr", clr)
            self.keep("sum", self.second)
            self.keep("std", std)
            return p + (-clr) * g / std
        return self._rmsprop(lr, p, g, momentum)

    def _sgd(self, lr: float, p: float, g: float, momentum: float) -> float:
        c = self.config
        if momentum != 0.0:
            if self.buffer is None:
                self.buffer = g
            else:
                self.buffer = self.buffer * momentum + (1.0 - c.dampening) * g
            self.keep("momentum_buffer", self.buffer)
            g = g + momentum * self.buffer if c.nesterov else self.buffer
        self.keep("direction", g)
        return p + (-lr) * g

    def _rmsprop(self, lr: float, p: float, g: float, momentum: float) -> float:
        c = self.config
        alpha = c.alpha
        self.second = self.second * alpha + (1.0 - alpha) * g * g
        self.keep("square_avg", self.second)
        if c.centered:
            self.extra = _lerp(self.extra, g, 1.0 - alpha)
            self.keep("grad_avg", self.extra)
            avg = math.sqrt(self.second + (-1.0) * self.extra * self.extra) + c.resolved_eps
        else:
            avg = math.sqrt(self.second) + c.resolved_eps
        self.keep("avg", avg)
        if momentum > 0.0:
            self.first = self.first * momentum + 1.0 * g / avg
            self.keep("momentum_buffer", self.first)
            return p + (-lr) * self.first
        return p + (-lr) * g / avg

    def _adam(self, lr: float, p: float, g: float, step: int, beta1: float) -> float:
        c = self.config
        wd = c.resolved_weight_decay
        if wd != 0.0 and c.name == "adamw":
            self.keep("decayed_param", p * (1.0 - lr * wd))
            p = p * (1.0 - lr * wd)
        elif wd != 0.0:
            g = g + wd * p
        self.keep("d_p", g)
        beta2 = c.betas[1]
        self.first = _lerp(self.first, g, 1.0 - beta1)
        self.second = self.second * beta2 + (1.0 - beta2) * g * g
        bias_correction1 = 1.0 - beta1 ** float(step)
        bias_correction2 = 1.0 - beta2 ** float(step)
        second = self.second
        if c.amsgrad:
            self.extra = max(self.extra, self.second)
            second = self.extra
            self.keep("max_exp_avg_sq", self.extra)
        self.keep("exp_avg", self.first)
        self.keep("exp_avg_sq", self.second)
        self.keep("m_hat", self.first / bias_correction1)
        self.keep("v_hat", second / bias_correction2)
        self.keep("bias_correction1", bias_correction1)
        self.keep("bias_correction2", bias_correction2)
        denom: float = math.sqrt(second) / bias_correction2**0.5 + c.resolved_eps
        self.keep("denom", denom)
        updated: float = p + (-(lr / bias_correction1)) * self.first / denom
        return updated


def _n(value: float) -> str:
    """A number as the update lines print it (4 significant digits)."""
    return f"{value:.4g}"


def _p(value: float) -> str:
    """A number inside a product, a sum or a square: negatives in parentheses, "0.9·(-5.286)"."""
    return f"({value:.4g})" if value < 0 else f"{value:.4g}"


def term_lines(terms: UpdateTerms, t: int, name: str, i: int) -> list[str]:
    """Update t of parameter i written out term by term with its numbers, in torch's order."""
    c = terms.config
    v = terms.at(t, i)
    wd = c.resolved_weight_decay
    lines = [f"g = ∂L/∂{name} = {_n(v['grad'])}"]
    if wd != 0.0 and c.name != "adamw":
        lines.append(f"g ← g + λ·{name} = {_n(v['grad'])} + {_n(wd)}·{_p(v['param'])} = {_n(v['d_p'])}")
    writer = {"sgd": _sgd_lines, "adagrad": _adagrad_lines, "rmsprop": _rmsprop_lines}.get(
        c.name, _adam_lines
    )
    return lines + writer(terms, t, name, i)


def _sgd_lines(terms: UpdateTerms, t: int, name: str, i: int) -> list[str]:
    c, v = terms.config, terms.at(t, i)
    g, lr = _p(v["d_p"]), _n(v["lr"])
    lines: list[str] = []
    used = "g"
    if v["momentum"] != 0.0:
        mu, d, buffer = _n(v["momentum"]), c.dampening, _p(v["momentum_buffer"])
        previous = _previous(terms, "momentum_buffer", t, i)
        if previous is None:
            lines.append(f"v ← g = {_n(v['momentum_buffer'])}  (momentum_buffer, first step)")
        else:
            scale = "g" if d == 0 else f"(1 − {_n(d)})·g"
            lines.append(
                f"v ← μ·v + {scale} = {mu}·{_p(previous)} + {_n(1 - d)}·{g}"
                f" = {_n(v['momentum_buffer'])}  (momentum_buffer)"
            )
        used = "v"
        if c.nesterov:
            lines.append(f"look-ahead: g + μ·v = {_n(v['d_p'])} + {mu}·{buffer} = {_n(v['direction'])}")
            used = "(g + μ·v)"
    lines.append(
        f"{name} ← {name} − lr·{used} = {_n(v['param'])} − {lr}·{_p(v['direction'])} = {_n(v['new_param'])}"
    )
    return lines


def _adagrad_lines(terms: UpdateTerms, t: int, name: str, i: int) -> list[str]:
    c, v = terms.config, terms.at(t, i)
    g = _p(v["d_p"])
    previous = _previous(terms, "sum", t, i)
    before = c.initial_accumulator_value if previous is None else previous
    lines = [f"s ← s + g² = {_n(before)} + {g}² = {_n(v['sum'])}  (sum)"]
    if c.lr_decay != 0:
        lines.append(f"lr' = lr/(1 + (t − 1)·lr_decay) = {_n(v['clr'])}")
    step = f"{_n(v['param'])} − {_n(v['clr'])}·{g}/{_n(v['std'])}"
    lines.append(f"{name} ← {name} − lr·g/(√s + ε) = {step} = {_n(v['new_param'])}")
    return lines


def _rmsprop_lines(terms: UpdateTerms, t: int, name: str, i: int) -> list[str]:
    c, v = terms.config, terms.at(t, i)
    a, rest, g = _n(c.alpha), _n(1 - c.alpha), _p(v["d_p"])
    before = _previous(terms, "square_avg", t, i) or 0.0
    lines = [f"s ← α·s + (1 − α)·g² = {a}·{_n(before)} + {rest}·{g}² = {_n(v['square_avg'])}  (square_avg)"]
    root = "√s"
    if c.centered:
        mean = _previous(terms, "grad_avg", t, i) or 0.0
        lines.append(f"ḡ ← α·ḡ + (1 − α)·g = {a}·{_p(mean)} + {rest}·{g} = {_n(v['grad_avg'])}  (grad_avg)")
        root = "√(s − ḡ²)"
    lr, after = _n(v["lr"]), _n(v["new_param"])
    if v["momentum"] > 0:
        buffer = _previous(terms, "momentum_buffer", t, i) or 0.0
        new_buffer = _n(v["momentum_buffer"])
        lines.append(
            f"b ← μ·b + g/({root} + ε) = {_n(v['momentum'])}·{_p(buffer)} + {g}/{_n(v['avg'])}"
            f" = {new_buffer}  (momentum_buffer)"
        )
        step = f"{_n(v['param'])} − {lr}·{_p(v['momentum_buffer'])}"
        lines.append(f"{name} ← {name} − lr·b = {step} = {after}")
    else:
        step = f"{_n(v['param'])} − {lr}·{g}/{_n(v['avg'])}"
        lines.append(f"{name} ← {name} − lr·g/({root} + ε) = {step} = {after}")
    return lines


def _adam_lines(terms: UpdateTerms, t: int, name: str, i: int) -> list[str]:
    c, v = terms.config, terms.at(t, i)
    b1, b2 = v["momentum"], c.betas[1]
    g, lr, wd = _p(v["d_p"]), _n(v["lr"]), c.resolved_weight_decay
    lines: list[str] = []
    start = v["param"]
    if c.name == "adamw" and wd != 0.0:
        start = v["decayed_param"]
        shrink = f"{_n(v['param'])}·(1 − {lr}·{_n(wd)})"
        lines.append(f"{name} ← {name}·(1 − lr·λ) = {shrink} = {_n(start)}  (decoupled weight decay)")
    m0 = _previous(terms, "exp_avg", t, i) or 0.0
    s0 = _previous(terms, "exp_avg_sq", t, i) or 0.0
    m, s = _n(v["exp_avg"]), _n(v["exp_avg_sq"])
    lines.append(f"m ← β₁·m + (1 − β₁)·g = {_n(b1)}·{_p(m0)} + {_n(1 - b1)}·{g} = {m}  (exp_avg)")
    lines.append(f"v ← β₂·v + (1 − β₂)·g² = {_n(b2)}·{_n(s0)} + {_n(1 - b2)}·{g}² = {s}  (exp_avg_sq)")
    second = "v"
    if c.amsgrad:
        lines.append(f"v_max ← max(v_max, v) = {_n(v['max_exp_avg_sq'])}  (max_exp_avg_sq)")
        second = "v_max"
    lines.append(f"m̂ = m/(1 − β₁^{t + 1}) = {m}/{_n(v['bias_correction1'])} = {_n(v['m_hat'])}")
    lines.append(f"v̂ = {second}/(1 − β₂^{t + 1}) = {_n(v['v_hat'])}")
    step = f"{_n(start)} − {lr}·{_p(v['m_hat'])}/{_n(v['denom'])}"
    lines.append(f"{name} ← {name} − lr·m̂/(√v̂ + ε) = {step} = {_n(v['new_param'])}")
    return lines


def _previous(terms: UpdateTerms, key: str, t: int, i: int) -> float | None:
    """The quantity after update t − 1 (None before the first update)."""
    if t == 0 or key not in terms.values:
        return None
    return float(terms.values[key][t - 1, i])


def update_text(terms: UpdateTerms, t: int, param_names: Sequence[str]) -> list[str]:
    """Both parameters' update t, each a header line then its terms (indented)."""
    lines: list[str] = []
    for i, name in enumerate(param_names[:2]):
        body = term_lines(terms, t, str(name), i)
        lines.append(f"{terms.config.torch_class_name} · {name}:")
        lines.extend("   " + line for line in body)
    return lines
