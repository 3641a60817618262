"""A loss to descend: an analytic surface or a model on data, behind one interface.

Analytic surfaces get batch semantics (DESIGN.md): n synthetic samples, sample i having loss
f(θ) + εᵢ·θ with εᵢ ~ N(0, σ²I) re-centred so Σεᵢ = 0. The full-batch loss is exactly f, and a
mini-batch gradient is ∇f plus the batch mean of ε.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from algorithms.datasets import Dataset, Split, get_dataset, split_dataset
from algorithms.expressions import ExpressionSurface, expression_surface
from algorithms.surfaces import Surface, get_surface
from algorithms.torch_random import centred_noise

if TYPE_CHECKING:
    import torch

# Codes the numba kernels dispatch on.
KIND_CODES = {"surface": 0, "linear-regression": 1, "logistic-regression": 2, "tiny-net": 3, "linear-net": 4}
DATA_PROBLEMS = ("linear-regression", "logistic-regression", "tiny-net", "linear-net")
DEFAULT_DATASETS = {
    "linear-regression": "synthetic-regression",
    "logistic-regression": "synthetic-classification",
    "tiny-net": "synthetic-tanh",
    "linear-net": "course",
}
PROBLEM_NAMES = {
    "linear-regression": ("Linear regression (nn.Linear + MSELoss)", "线性回归（nn.Linear + MSELoss）"),
    "logistic-regression": ("Logistic regression (sigmoid + BCELoss)", "逻辑回归（sigmoid + BCELoss）"),
    "tiny-net": ("Tiny network ŷ = w₂·tanh(w₁·x)", "微型网络 ŷ = w₂·tanh(w₁·x)"),
    "linear-net": ("Two linear layers ŷ = w₂·(w₁·x)", "两层线性网络 ŷ = w₂·(w₁·x)"),
}
REDUCTIONS = ("mean", "sum")


class ProblemError(ValueError):
    """A problem that cannot be built from the given options; the message is meant for the user."""


def _read_only(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


# The program of a problem that is not a typed expression; read-only like an Expression's arrays, so
# the kernels are compiled for one array type.
_NO_PROGRAM = (_read_only(np.zeros(0, dtype=np.int64)), _read_only(np.zeros(0, dtype=np.float64)))
_NO_NOISE = _read_only(np.zeros((0, 2), dtype=np.float64))


@dataclass(frozen=True)
class NoiseDraw:
    """The synthetic samples' gradient noise of a surface, drawn when a run first needs it.

    ``torch.randn(samples, 2, generator=…) * scale``, minus its mean over dim 0: the same bits, no torch
    (algorithms/torch_random.py replays the generator with numba kernels). Drawn lazily, so building a
    problem — and drawing its surface, the window's first picture — loads no kernel.
    """

    samples: int
    scale: float
    seed: int

    def draw(self) -> np.ndarray:
        return _read_only(centred_noise(self.samples, self.scale, self.seed))


@dataclass(frozen=True, eq=False)
class Problem:
    """Everything the engine and the views need to know about one loss."""

    id: str
    kind: str  # "surface" | one of DATA_PROBLEMS
    name_en: str
    name_zh: str
    param_names: tuple[str, str]
    domain: tuple[float, float, float, float]
    start: tuple[float, float]
    bound: float
    reduction: str = "mean"
    surface: Surface | None = None
    noise_draw: NoiseDraw | None = None  # a surface's synthetic samples (None for a model on data)
    split: Split | None = None

    @cached_property
    def noise(self) -> np.ndarray:
        """(n, 2) zero-sum ε of a surface's samples (read-only), drawn on first use; empty for data."""
        return _NO_NOISE if self.noise_draw is None else self.noise_draw.draw()

    @property
    def kind_code(self) -> int:
        return KIND_CODES[self.kind]

    @property
    def surface_code(self) -> int:
        return -1 if self.surface is None else self.surface.code

    @property
    def program(self) -> tuple[np.ndarray, np.ndarray]:
        """(ops, consts) of a typed surface f(x, y) for the kernels; empty arrays otherwise."""
        if isinstance(self.surface, ExpressionSurface) and self.surface.expression is not None:
            return self.surface.expression.ops, self.surface.expression.consts
        return _NO_PROGRAM

    @property
    def n_samples(self) -> int:
        """Samples one epoch runs over (the training set, or the synthetic samples of a surface)."""
        if self.split is not None:
            return len(self.split.train)
        return 0 if self.noise_draw is None else self.noise_draw.samples

    @property
    def train(self) -> Dataset | None:
        return None if self.split is None else self.split.train

    def data_arrays(self, which: str = "train") -> tuple[np.ndarray, np.ndarray]:
        """(x, y) float64 arrays of a subset; empty for analytic surfaces."""
        if self.split is None:
            return np.zeros(0), np.zeros(0)
        subset: Dataset = getattr(self.split, which)
        return np.ascontiguousarray(subset.x, dtype=np.float64), np.ascontiguousarray(
            subset.y, dtype=np.float64
        )

    def loss_grid(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Full training loss on ``np.meshgrid(xs, ys)``: shape (len(ys), len(xs)); non-finite stays as is."""
        p0, p1 = np.meshgrid(np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64))
        return self.loss_at(p0, p1)

    def loss_at(self, p0: np.ndarray, p1: np.ndarray, which: str = "train") -> np.ndarray:
        """Loss at parameter arrays of any shape (vectorised numpy)."""
        with np.errstate(all="ignore"):
            if self.surface is not None:
                return np.asarray(self.surface.value(p0, p1), dtype=np.float64)
            x, y = self.data_arrays(which)
            return _data_loss_grid(self.kind, self.reduction, np.asarray(p0), np.asarray(p1), x, y)

    def torch_loss(self, p0: torch.Tensor, p1: torch.Tensor, batch: tuple[torch.Tensor, ...]) -> torch.Tensor:
        """The batch loss as plain torch code (used for critical points and the computation graph)."""
        import torch  # only the views that show autograd need it (start-up time)

        if self.surface is not None:
            (eps,) = batch
            return self.surface.torch_value(p0, p1) + (eps[:, 0] * p0 + eps[:, 1] * p1).mean()
        x, y = batch
        if self.kind == "linear-regression":
            return torch.nn.functional.mse_loss(p0 * x + p1, y, reduction=self.reduction)
        if self.kind == "logistic-regression":
            return torch.nn.functional.binary_cross_entropy_with_logits(
                p0 * x + p1, y, reduction=self.reduction
            )
        if self.kind == "linear-net":
            return torch.nn.functional.mse_loss(p1 * (p0 * x), y, reduction=self.reduction)
        return torch.nn.functional.mse_loss(p1 * torch.tanh(p0 * x), y, reduction=self.reduction)


def _data_loss_grid(
    kind: str, reduction: str, p0: np.ndarray, p1: np.ndarray, x: np.ndarray, y: np.ndarray
) -> np.ndarray:
    if len(x) == 0:
        return np.full(np.shape(p0), np.nan)
    total: np.ndarray
    if kind == "linear-regression":
        # Closed form from the data's sums: Σ(w·x + b − y)² expanded.
        n, sx, sy, sxx, sxy, syy = len(x), x.sum(), y.sum(), (x * x).sum(), (x * y).sum(), (y * y).sum()
        total = p0 * p0 * sxx + 2 * p0 * p1 * sx + n * p1 * p1 - 2 * p0 * sxy - 2 * p1 * sy + syy
        total = np.maximum(total, 0.0)
    else:
        total = np.zeros(np.shape(p0))
        for xi, yi in zip(x, y, strict=True):  # one sample at a time keeps memory at one grid
            if kind == "logistic-regression":
                z = p0 * xi + p1
                total += np.maximum(z, 0) - z * yi + np.log1p(np.exp(-np.abs(z)))
            elif kind == "linear-net":
                total += (p1 * (p0 * xi) - yi) ** 2
            else:
                total += (p1 * np.tanh(p0 * xi) - yi) ** 2
        n = len(x)
    return total / n if reduction == "mean" else total


def surface_problem(surface_id: str, noise: float = 1.0, samples: int = 100, seed: int = 0) -> Problem:
    """An analytic surface with ``samples`` synthetic samples of gradient noise scale ``noise``."""
    return _with_noise(get_surface(surface_id), noise, samples, seed)


def expression_problem(
    text: str, noise: float = 1.0, samples: int = 100, seed: int = 0, critical_points: bool = True
) -> Problem:
    """The user's surface f(x, y) = text (id "expr"); ExpressionError when the text is refused.

    ``critical_points=False`` skips the Newton search (up to ~2 s) so a GUI can run it on a worker.
    """
    return _with_noise(expression_surface(text, critical_points=critical_points), noise, samples, seed)


def _with_noise(surface: Surface, noise: float, samples: int, seed: int) -> Problem:
    if not (np.isfinite(noise) and noise >= 0):
        raise ProblemError(f"noise must be a number ≥ 0, got {noise}")
    if samples < 1:
        raise ProblemError(f"samples must be at least 1, got {samples}")
    return Problem(
        id=surface.id,
        kind="surface",
        name_en=surface.name_en,
        name_zh=surface.name_zh,
        param_names=("x", "y"),
        domain=surface.domain,
        start=surface.start,
        bound=surface.bound,
        surface=surface,
        noise_draw=NoiseDraw(samples, float(noise), seed),
    )


def data_problem(
    kind: str,
    data: Dataset | None = None,
    fractions: tuple[float, float, float] = (1.0, 0.0, 0.0),
    seed: int = 0,
    reduction: str = "mean",
) -> Problem:
    """A two-parameter model on data: linear or logistic regression, or the tiny tanh network."""
    if kind not in DATA_PROBLEMS:
        raise ProblemError(f"unknown problem '{kind}'; choose one of: {', '.join(DATA_PROBLEMS)}")
    if reduction not in REDUCTIONS:
        raise ProblemError(f"reduction must be 'mean' or 'sum', got '{reduction}'")
    data = get_dataset(DEFAULT_DATASETS[kind]) if data is None else data
    if kind == "logistic-regression" and data.task != "classification":
        raise ProblemError("logistic regression needs labels 0/1: load the CSV as classification data")
    split = split_dataset(data, fractions, seed)
    if len(split.train) == 0:
        raise ProblemError("the training set is empty: give it a larger fraction")
    domain, start = _data_view(kind, split.train)
    names = ("w₁", "w₂") if kind in ("tiny-net", "linear-net") else ("w", "b")
    name_en, name_zh = PROBLEM_NAMES[kind]
    extent = max(abs(v) for v in domain)
    return Problem(
        id=kind,
        kind=kind,
        name_en=name_en,
        name_zh=name_zh,
        param_names=names,
        domain=domain,
        start=start,
        bound=100.0 * extent,
        reduction=reduction,
        split=split,
    )


def _data_view(kind: str, train: Dataset) -> tuple[tuple[float, float, float, float], tuple[float, float]]:
    """A domain around the interesting part and a start point that makes a good demo."""
    if kind == "tiny-net":
        return (-3.0, 3.0, -3.0, 3.0), (-0.5, -2.5)
    if kind == "linear-net":
        return (-3.0, 3.0, -3.0, 3.0), (-1.5, -0.5)
    if kind == "linear-regression" and len(train) >= 2 and np.ptp(train.x) > 0:
        w_best, b_best = np.polyfit(train.x, train.y, 1)
    else:
        w_best, b_best = 0.0, 0.0
    radius = float(max(3.0, 1.5 * max(abs(w_best), abs(b_best))))
    domain = (w_best - radius, w_best + radius, b_best - radius, b_best + radius)
    start = (w_best - 0.8 * radius, b_best + 0.7 * radius)
    return tuple(round(v, 3) for v in domain), (round(start[0], 3), round(start[1], 3))
