"""torch.optim.lr_scheduler's chained formulas (``get_lr``), one function per scheduler.

Each takes the scheduler's keyword arguments, the base lr of every param group and the number of
``scheduler.step()`` calls, and returns what ``get_last_lr()`` (and the cycled momentum) reads after
construction and after each call, float operation for float operation as torch computes it, so the
values are bit-identical. ``algorithms.schedules`` declares the schedulers and picks the formula.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any


class ScheduleConfigError(ValueError):
    """A scheduler or argument torch would reject (or that cannot run); the message is for the user."""


def per_group(value: Any, groups: int) -> list[float]:
    """One value per engine param group (a one-group script's list holds the value both share)."""
    values = list(value) if isinstance(value, (list, tuple)) else [value]
    return [float(v) for v in values] * (groups // len(values))


@dataclass(frozen=True)
class LrSequence:
    """lr (and momentum, when cycled) of each param group after construction and each scheduler.step()."""

    lr: list[list[float]]
    momentum: list[list[float]] | None


def _step_lr(kw: dict[str, Any], base: list[float], calls: int) -> LrSequence:
    step_size, gamma = kw["step_size"], kw.get("gamma", 0.1)
    lrs, cur = [base], base
    for k in range(1, calls + 1):
        if k % step_size == 0:
            cur = [lr * gamma for lr in cur]
        lrs.append(cur)
    return LrSequence(lrs, None)


def _multi_step_lr(kw: dict[str, Any], base: list[float], calls: int) -> LrSequence:
    milestones, gamma = Counter(kw["milestones"]), kw.get("gamma", 0.1)
    lrs, cur = [], base
    for k in range(calls + 1):
        if k in milestones:
            cur = [lr * gamma ** milestones[k] for lr in cur]
        lrs.append(cur)
    return LrSequence(lrs, None)


def _exponential_lr(kw: dict[str, Any], base: list[float], calls: int) -> LrSequence:
    gamma = kw["gamma"]
    lrs, cur = [base], base
    for _ in range(calls):
        cur = [lr * gamma for lr in cur]
        lrs.append(cur)
    return LrSequence(lrs, None)


def _cosine_annealing_lr(kw: dict[str, Any], base: list[float], calls: int) -> LrSequence:
    t_max, eta_min = kw["T_max"], kw.get("eta_min", 0.0)
    lrs, cur = [base], base
    for k in range(1, calls + 1):
        if (k - 1 - t_max) % (2 * t_max) == 0:
            cur = [
                lr + (b - eta_min) * (1 - math.cos(math.pi / t_max)) / 2
                for lr, b in zip(cur, base, strict=True)
            ]
        else:
            cur = [
                (1 + math.cos(math.pi * k / t_max))
                / (1 + math.cos(math.pi * (k - 1) / t_max))
                * (lr - eta_min)
                + eta_min
                for lr in cur
            ]
        lrs.append(cur)
    return LrSequence(lrs, None)


def _linear_lr(kw: dict[str, Any], base: list[float], calls: int) -> LrSequence:
    start, end, total = kw.get("start_factor", 1.0 / 3), kw.get("end_factor", 1.0), kw.get("total_iters", 5)
    if start > 1.0 or start <= 0:
        raise ScheduleConfigError(
            "LinearLR: Starting multiplicative factor expected to be greater than 0 and less or equal to 1."
        )
    if end > 1.0 or end < 0:
        raise ScheduleConfigError("LinearLR: Ending multiplicative factor expected to be between 0 and 1.")
    cur = [lr * start for lr in base]
    lrs = [cur]
    for k in range(1, calls + 1):
        if k <= total:
            cur = [lr * (1.0 + (end - start) / (total * start + (k - 1) * (end - start))) for lr in cur]
        lrs.append(cur)
    return LrSequence(lrs, None)


def _cycle_momentum(kw: dict[str, Any]) -> bool:
    return bool(kw.get("cycle_momentum", True))


def _one_cycle_lr(kw: dict[str, Any], base: list[float], calls: int) -> LrSequence:
    groups = len(base)
    total = kw.get("total_steps")
    if total is None:
        total = kw["epochs"] * kw["steps_per_epoch"]
    if total <= 0:
        raise ScheduleConfigError(f"OneCycleLR: Expected positive integer total_steps, but got {total}")
    pct_start = kw.get("pct_start", 0.3)
    if pct_start < 0 or pct_start > 1:
        raise ScheduleConfigError(
            f"OneCycleLR: Expected float between 0 and 1 pct_start, but got {pct_start}"
        )
    if calls > total:
        raise ScheduleConfigError(
            f"OneCycleLR: the run steps the scheduler {calls} times but total_steps is {total} "
            "(torch raises 'Tried to step … times')"
        )
    max_lrs = per_group(kw["max_lr"], groups)
    div, final_div = kw.get("div_factor", 25.0), kw.get("final_div_factor", 1e4)
    initial = [m / div for m in max_lrs]
    values = {"initial_lr": initial, "max_lr": max_lrs, "min_lr": [i / final_div for i in initial]}
    values["max_momentum"] = per_group(kw.get("max_momentum", 0.95), groups)
    values["base_momentum"] = per_group(kw.get("base_momentum", 0.85), groups)
    phase_ends: list[float]
    if kw.get("three_phase", False):
        phase_ends = [float(pct_start * total) - 1, float(2 * pct_start * total) - 2, total - 1]
        phases = [
            ("initial_lr", "max_lr", "max_momentum", "base_momentum"),
            ("max_lr", "initial_lr", "base_momentum", "max_momentum"),
            ("initial_lr", "min_lr", "max_momentum", "max_momentum"),
        ]
    else:
        phase_ends = [float(pct_start * total) - 1, total - 1]
        phases = [
            ("initial_lr", "max_lr", "max_momentum", "base_momentum"),
            ("max_lr", "min_lr", "base_momentum", "max_momentum"),
        ]
    linear = kw.get("anneal_strategy", "cos") == "linear"

    def anneal(start: float, end: float, pct: float) -> float:
        if linear:
            return (end - start) * pct + start
        cos_out = math.cos(math.pi * pct) + 1
        return end + (start - end) / 2.0 * cos_out

    lrs, momenta = [], []
    for step_num in range(calls + 1):
        row_lr, row_m = [], []
        for g in range(groups):
            start_step = 0.0
            for i, end_step in enumerate(phase_ends):
                if step_num <= end_step or i == len(phases) - 1:
                    pct = (step_num - start_step) / (end_step - start_step)
                    lr_from, lr_to, m_from, m_to = phases[i]
                    row_lr.append(anneal(values[lr_from][g], values[lr_to][g], pct))
                    row_m.append(anneal(values[m_from][g], values[m_to][g], pct))
                    break
                start_step = end_step
        lrs.append(row_lr)
        momenta.append(row_m)
    return LrSequence(lrs, momenta if _cycle_momentum(kw) else None)


def _cyclic_lr(kw: dict[str, Any], base: list[float], calls: int) -> LrSequence:
    groups = len(base)
    base_lrs, max_lrs = per_group(kw["base_lr"], groups), per_group(kw["max_lr"], groups)
    up = float(kw.get("step_size_up", 2000))
    down = kw.get("step_size_down")
    down = float(down) if down is not None else up
    total_size = up + down
    step_ratio = up / total_size
    mode, gamma = kw.get("mode", "triangular"), kw.get("gamma", 1.0)
    base_m = per_group(kw.get("base_momentum", 0.8), groups)
    max_m = per_group(kw.get("max_momentum", 0.9), groups)

    def scale_fn(x: float) -> float:
        if mode == "triangular":
            return 1.0
        if mode == "triangular2":
            return float(1 / (2.0 ** (x - 1)))
        return float(gamma**x)

    lrs, momenta = [], []
    for k in range(calls + 1):
        cycle = math.floor(1 + k / total_size)
        x = 1.0 + k / total_size - cycle
        scale_factor = x / step_ratio if x <= step_ratio else (x - 1) / (step_ratio - 1)
        scale = scale_fn(k if mode == "exp_range" else cycle)
        lrs.append([b + (m - b) * scale_factor * scale for b, m in zip(base_lrs, max_lrs, strict=True)])
        momenta.append([mx - (mx - b) * scale_factor * scale for b, mx in zip(base_m, max_m, strict=True)])
    return LrSequence(lrs, momenta if _cycle_momentum(kw) else None)


SEQUENCES = {
    "StepLR": _step_lr,
    "MultiStepLR": _multi_step_lr,
    "ExponentialLR": _exponential_lr,
    "CosineAnnealingLR": _cosine_annealing_lr,
    "LinearLR": _linear_lr,
    "OneCycleLR": _one_cycle_lr,
    "CyclicLR": _cyclic_lr,
}
