"""The largest stable learning rate of torch.optim.SGD on the local quadratic model of a loss.

Near a point the loss is a quadratic ½·θᵀHθ; along an eigenvector of the Hessian H with eigenvalue λ each
SGD variant is a linear recurrence, stable (the error shrinks) while every root of its characteristic
polynomial lies inside the unit circle. With a = lr·λ (λ > 0) and momentum μ < 1:

* plain GD, θ ← θ − lr·g: root 1 − a, stable for a < 2, so lr < 2/λmax.
* heavy ball as torch writes it (v ← μ·v + (1 − d)·g, θ ← θ − lr·v, dampening d):
  z² − (1 + μ − (1 − d)·a)·z + μ = 0; Jury's test gives (1 − d)·a < 2(1 + μ), so lr < 2(1 + μ)/((1 − d)·λmax).
* Nesterov as torch writes it (v ← μ·v + g, θ ← θ − lr·(g + μ·v)): the state (θ, v) maps by
  [[1 − a(1 + μ), −lr·μ²], [λ, μ]], so z² − (1 + μ − a(1 + μ))·z + μ(1 − a) = 0; Jury's test
  (p(1) = a > 0, p(−1) = 2 + 2μ − a(1 + 2μ) > 0, |μ(1 − a)| < 1) gives lr < 2(1 + μ)/((1 + 2μ)·λmax).

Coupled weight decay wd adds wd·θ to the gradient, so every λ becomes λ + wd. Adagrad, RMSprop, Adam and
AdamW divide the step by a running gradient scale: no closed form bounds their lr, and the limit is None.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from algorithms.optimizers import OptimizerConfig
from algorithms.problems import Problem

if TYPE_CHECKING:
    import torch

Point = tuple[float, float]


@dataclass(frozen=True)
class StabilityLimit:
    """The largest stable lr at a point (None when there is no closed form or no bound), and why."""

    lr: float | None
    reason: str
    curvature: float  # the Hessian's largest eigenvalue there (weight decay included)
    point: Point


def hessian_at(problem: Problem, point: Point) -> npt.NDArray[np.float64]:
    """The exact 2×2 Hessian of the full-batch training loss (with its mean or sum reduction) at point.

    The synthetic noise εᵢ·θ of an analytic surface is linear in θ, so it adds nothing to the Hessian.
    """
    import torch  # autograd's Hessian: imported only when a limit is asked for (start-up time)

    if problem.surface is not None:
        surface = problem.surface

        def loss(p: torch.Tensor) -> torch.Tensor:
            return surface.torch_value(p[0], p[1])

    else:
        x, y = problem.data_arrays("train")
        batch = (torch.from_numpy(x.copy()), torch.from_numpy(y.copy()))

        def loss(p: torch.Tensor) -> torch.Tensor:
            return problem.torch_loss(p[0], p[1], batch)

    theta = torch.tensor(point, dtype=torch.float64)
    hessian = torch.autograd.functional.hessian(loss, theta)
    assert isinstance(hessian, torch.Tensor)
    matrix = hessian.detach().numpy()
    return np.asarray((matrix + matrix.T) / 2, dtype=np.float64)


def hessians_at(problem: Problem, points: Sequence[Point]) -> dict[Point, npt.NDArray[np.float64]]:
    """The Hessian at each point (for a worker thread: one call per batch of new points)."""
    return {point: hessian_at(problem, point) for point in points}


def stability_factor(config: OptimizerConfig) -> tuple[float | None, str]:
    """c such that the limit is c/λmax for this optimizer, or None with the reason there is none."""
    if config.name != "sgd":
        return None, f"{config.torch_class_name} scales its steps adaptively: no closed-form lr limit"
    if config.lr_y is not None and config.lr_y != config.lr:
        return None, "each parameter has its own lr: no single lr limit"
    mu, dampening = config.momentum, config.dampening
    if mu == 0:
        return 2.0, "gradient descent: lr < 2/λmax"
    if mu >= 1:
        return None, "momentum ≥ 1 never settles, whatever the lr"
    if config.nesterov:
        return 2 * (1 + mu) / (1 + 2 * mu), "Nesterov momentum μ: lr < 2(1 + μ)/((1 + 2μ)·λmax)"
    if dampening >= 1:
        return None, "dampening 1 ignores every gradient after the first: no lr limit"
    return 2 * (1 + mu) / (1 - dampening), "heavy-ball momentum μ: lr < 2(1 + μ)/((1 − dampening)·λmax)"


def limit_from_hessian(config: OptimizerConfig, hessian: npt.ArrayLike, point: Point) -> StabilityLimit:
    """The lr limit of config on the quadratic with this Hessian."""
    eigenvalues = np.linalg.eigvalsh(np.asarray(hessian, dtype=np.float64))
    curvature = float(eigenvalues[-1]) + (config.resolved_weight_decay if config.name == "sgd" else 0.0)
    factor, reason = stability_factor(config)
    if factor is None:
        return StabilityLimit(None, reason, curvature, point)
    if not (math.isfinite(curvature) and curvature > 0):
        return StabilityLimit(
            None, "no upward curvature here: no lr keeps the step from growing", curvature, point
        )
    return StabilityLimit(factor / curvature, reason, curvature, point)


def stability_limit(problem: Problem, config: OptimizerConfig, point: Point) -> StabilityLimit:
    """The largest stable lr of config at point (for its full-batch loss)."""
    return limit_from_hessian(config, hessian_at(problem, point), point)


def stability_limit_or_reason(
    problem: Problem, config: OptimizerConfig, point: Point
) -> tuple[float | None, str]:
    """(lr limit, reason) — without the Hessian (nor torch) when the optimizer has no closed-form limit."""
    factor, reason = stability_factor(config)
    if factor is None:
        return None, reason
    limit = stability_limit(problem, config, point)
    return limit.lr, limit.reason


def nearest_minimum(point: Point, minima: Sequence[Point]) -> Point | None:
    """The minimum closest to point, or None when there is none."""
    if not minima:
        return None
    return min(minima, key=lambda m: math.hypot(m[0] - point[0], m[1] - point[1]))


def known_minima(problem: Problem) -> list[Point]:
    """The minima a gallery surface lists (none for models on data or typed surfaces: search those)."""
    if problem.surface is None:
        return []
    return [(p.x, p.y) for p in problem.surface.critical_points if p.kind == "minimum"]


@dataclass(frozen=True)
class StabilityMarks:
    """The limits to mark on the lr slider: at the start and at the nearest minimum (when it differs)."""

    start: StabilityLimit
    minimum: StabilityLimit | None

    def marks(self) -> list[float]:
        values = [self.start.lr] + ([self.minimum.lr] if self.minimum is not None else [])
        return [v for v in values if v is not None]


def stability_marks(
    problem: Problem, config: OptimizerConfig, start: Point, minima: Sequence[Point]
) -> StabilityMarks:
    """The limit at start and at the minimum nearest to it; the second is dropped when it is the same lr."""
    at_start = stability_limit(problem, config, start)
    closest = nearest_minimum(start, minima)
    if closest is None:
        return StabilityMarks(at_start, None)
    at_minimum = stability_limit(problem, config, closest)
    same = at_minimum.lr == at_start.lr or (
        at_minimum.lr is not None
        and at_start.lr is not None
        and math.isclose(at_minimum.lr, at_start.lr, rel_tol=1e-9)
    )
    return StabilityMarks(at_start, None if same else at_minimum)


def past_limit(lr: float, limit: StabilityLimit) -> bool:
    """Whether lr is beyond the limit (so a quadratic around that point would blow up)."""
    return limit.lr is not None and lr > limit.lr
