"""What the dashboards show, as plain arrays: one ``RunSeries`` per optimizer run, one ``EpochSeries``
per trained classifier. Built from the engine's results without Qt, so the CLI and the window share it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from algorithms.schedules import param_groups
from algorithms.smoothing import ema

if TYPE_CHECKING:  # the engine and torch's classifier stay out of the window's start-up imports
    from algorithms.classifier import TrainingRun
    from algorithms.engine import RunResult
    from algorithms.landscape import Landscape

DEFAULT_EMA_BETA = 0.9  # the window's default smoothing (AppState.view.ema_beta)


class GridLike(Protocol):
    """A sampled surface like ``np.meshgrid(xs, ys)``: ``z[j, i] = f(xs[i], ys[j])`` (a SurfaceGrid)."""

    @property
    def xs(self) -> np.ndarray: ...
    @property
    def ys(self) -> np.ndarray: ...
    @property
    def z(self) -> np.ndarray: ...


@dataclass(frozen=True, eq=False)
class RunSeries:
    """One run of the current problem, per step: raw and EMA loss, lr, parameters, gradient norm.

    ``params``/``loss``/``val_loss`` have one row per reached point, ``batch_loss``/``ema_loss``/
    ``grad_norm`` one per step taken (as in ``RunResult``). ``val_loss`` is None without a validation set.
    ``lr`` is the learning rate each step used, one column per param group of the torch code (one, or
    two when each parameter has its own lr), as a scheduler set it — the JSON export's ``"lr"``.
    """

    name: str  # the optimizer (preset or row key): "sgd", "adam", "momentum" ...
    label: str  # what the window calls it
    color: str
    hyperparameters: dict[str, Any]
    params: np.ndarray
    loss: np.ndarray
    batch_loss: np.ndarray
    ema_loss: np.ndarray
    grad_norm: np.ndarray
    val_loss: np.ndarray | None
    lr: np.ndarray
    status: str

    @property
    def run_name(self) -> str:
        """The optimizer and its hyperparameters as a directory name: ``adam_lr=0.01_betas=0.9,0.999``."""
        return run_dir_name(self.name, self.hyperparameters)


def run_series(
    name: str,
    result: RunResult,
    label: str | None = None,
    color: str = "#1f77b4",
    has_validation: bool = False,
    ema_beta: float = DEFAULT_EMA_BETA,
    bias_correction: bool = True,
) -> RunSeries:
    config = result.spec.optimizer
    grads = np.asarray(result.grad, dtype=float).reshape(-1, 2)
    return RunSeries(
        name=name,
        label=label or name,
        color=color,
        hyperparameters=config.hyperparameters(),
        params=np.asarray(result.params, dtype=float),
        loss=np.asarray(result.loss, dtype=float),
        batch_loss=np.asarray(result.batch_loss, dtype=float),
        ema_loss=np.asarray(ema(result.batch_loss, ema_beta, bias_correction), dtype=float),
        grad_norm=np.linalg.norm(grads, axis=1),
        val_loss=np.asarray(result.val_loss, dtype=float) if has_validation else None,
        lr=np.asarray(result.lr, dtype=float).reshape(-1, 2)[:, : param_groups(config)],
        status=result.status,
    )


def lr_traces(run: RunSeries, names: tuple[str, str]) -> list[tuple[str, np.ndarray]]:
    """The per-step lr as (name, values): ``lr`` for one param group, ``lr/x`` and ``lr/y`` for two."""
    if run.lr.shape[1] == 1:
        return [("lr", run.lr[:, 0])]
    return [(f"lr/{name}", run.lr[:, column]) for column, name in enumerate(names)]


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ",".join(_value_text(v) for v in value)
    return str(value)


def run_dir_name(name: str, hyperparameters: dict[str, Any]) -> str:
    """``name`` then every hyperparameter as ``key=value``, joined by ``_``; only filename-safe characters."""
    parts = [name, *(f"{key}={_value_text(value)}" for key, value in hyperparameters.items())]
    return re.sub(r"[^A-Za-z0-9=.,_+\-]", "-", "_".join(parts))


def finite_or_none(values: Sequence[float] | np.ndarray) -> list[float | None]:
    """Numbers for JSON: NaN and ±inf as null."""
    return [float(v) if math.isfinite(v) else None for v in np.asarray(values, dtype=float).ravel().tolist()]


@dataclass(frozen=True, eq=False)
class EpochSeries:
    """One classifier's training in the Real model window: per-step loss and per-epoch metrics.

    ``metrics`` has ``train_loss``, ``val_loss``, ``test_loss`` and the same ``*_accuracy``, one entry per
    epoch with entry 0 for the initial weights (``TrainingRun.metrics``).
    """

    name: str
    hyperparameters: dict[str, Any]
    batch_loss: np.ndarray
    metrics: dict[str, np.ndarray]

    @property
    def run_name(self) -> str:
        return run_dir_name(self.name, self.hyperparameters)


@dataclass(frozen=True, eq=False)
class LandscapeSeries:
    """A loss landscape (``grid[j, i]`` at ``alphas[i]``, ``betas[j]``) and the paths projected on it."""

    alphas: np.ndarray
    betas: np.ndarray
    grid: np.ndarray
    paths: dict[str, np.ndarray]  # run name → (k, 2) coordinates in the plane


def epoch_series(name: str, run: TrainingRun) -> EpochSeries:
    return EpochSeries(
        name=name,
        hyperparameters=run.optimizer.hyperparameters(),
        batch_loss=np.asarray(run.batch_loss, dtype=float),
        metrics={key: np.asarray(values, dtype=float) for key, values in run.metrics.items()},
    )


def landscape_series(landscape: Landscape) -> LandscapeSeries:
    return LandscapeSeries(
        alphas=np.asarray(landscape.alphas, dtype=float),
        betas=np.asarray(landscape.betas, dtype=float),
        grid=np.asarray(landscape.grid, dtype=float),
        paths={name: np.asarray(path, dtype=float) for name, path in landscape.trajectories.items()},
    )
