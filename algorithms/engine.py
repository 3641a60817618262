"""The fast trajectory engine: many runs (optimizer × hyperparameters × start) on one problem.

Each run is stepped by the numba kernel in algorithms/kernels.py; tests/algorithms/test_engine_vs_reference.py
proves every optimizer and option equal to real torch.optim + autograd + DataLoader (algorithms/reference.py).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from algorithms import kernels, loss_kernels
from algorithms.batches import batch_schedule, resolve_batch_size
from algorithms.optimizers import OptimizerConfig
from algorithms.problems import Problem
from algorithms.schedules import ScheduleConfig, step_schedule

STATUS_NAMES = {
    kernels.STATUS_OK: "ok",
    kernels.STATUS_DIVERGED: "diverged",
    kernels.STATUS_LEFT: "left-domain",
}
PARALLEL_WORK = 500_000  # sample evaluations above which runs are spread over threads
_KIND_CODES = {
    "sgd": kernels.KIND_SGD,
    "adagrad": kernels.KIND_ADAGRAD,
    "rmsprop": kernels.KIND_RMSPROP,
    "adam": kernels.KIND_ADAM,
    "adamw": kernels.KIND_ADAM,
}


@dataclass(frozen=True)
class RunSpec:
    """One run: an optimizer from a start point, with its batch size (None = full batch) and an
    optional learning-rate scheduler."""

    optimizer: OptimizerConfig
    start: tuple[float, float]
    batch_size: int | None = None
    shuffle: bool = True
    seed: int = 0
    schedule: ScheduleConfig | None = None


@dataclass(frozen=True, eq=False)
class RunResult:
    """What one run did. Arrays are read-only; a stopped run's arrays end where it stopped.

    ``params``/``loss``/``val_loss`` have one row per reached point (steps + 1 when ``status`` is ok);
    ``batch_loss``/``grad``/``velocity`` one row per update taken (the mini-batch loss and the gradient
    used at that step, and the optimizer's momentum buffer / first moment after it), and ``lr`` the
    learning rate of each parameter's param group at that step.
    """

    spec: RunSpec
    params: np.ndarray
    loss: np.ndarray
    val_loss: np.ndarray
    batch_loss: np.ndarray
    grad: np.ndarray
    velocity: np.ndarray
    status: str
    stopped_at: int | None
    lr: np.ndarray

    @property
    def steps_taken(self) -> int:
        return len(self.params) - 1


def hyper_row(config: OptimizerConfig) -> np.ndarray:
    """The optimizer as the kernel's row of floats (layout: kernels.H_*)."""
    row = np.zeros(kernels.N_HYPER)
    lr0, lr1 = config.learning_rates
    row[kernels.H_KIND] = _KIND_CODES[config.name]
    row[kernels.H_LR0], row[kernels.H_LR1] = lr0, lr1
    row[kernels.H_MOMENTUM] = config.momentum
    row[kernels.H_DAMPENING] = config.dampening
    row[kernels.H_NESTEROV] = float(config.nesterov)
    row[kernels.H_WD] = config.resolved_weight_decay
    row[kernels.H_BETA1], row[kernels.H_BETA2] = config.betas
    row[kernels.H_EPS] = config.resolved_eps
    row[kernels.H_AMSGRAD] = float(config.amsgrad)
    row[kernels.H_ALPHA] = config.alpha
    row[kernels.H_CENTERED] = float(config.centered)
    row[kernels.H_LR_DECAY] = config.lr_decay
    row[kernels.H_INIT_ACC] = config.initial_accumulator_value
    row[kernels.H_DECOUPLED] = float(config.name == "adamw")
    return row


def run_many(
    problem: Problem, specs: Sequence[RunSpec], steps: int, full_loss: bool = True
) -> list[RunResult]:
    """Run every spec for ``steps`` steps on ``problem`` (float64 throughout).

    ``full_loss=False`` leaves a data problem's ``loss`` and ``val_loss`` NaN (the status is the same):
    the full loss at every point costs n evaluations against the batch's B (9 runs × 1,000 steps of
    logistic regression on 1,000 samples: ~9 M exp + log1p). ``with_full_loss`` fills them in.
    """
    if steps < 0:
        raise ValueError(f"steps must be ≥ 0, got {steps}")
    xs, ys = problem.data_arrays("train")
    vxs, vys = problem.data_arrays("val")
    noise = np.ascontiguousarray(problem.noise, dtype=np.float64)
    work = len(specs) * steps * max(len(xs) + len(vxs), 1)
    threads = min(len(specs), os.cpu_count() or 1)
    if not full_loss:  # then a step costs its batch
        work = steps * sum(resolve_batch_size(spec.batch_size, max(problem.n_samples, 1)) for spec in specs)
    if work < PARALLEL_WORK or threads < 2:
        return [_run(problem, spec, steps, xs, ys, vxs, vys, noise, full_loss) for spec in specs]
    # The kernel releases the GIL (nogil), so large data problems use every core.
    with ThreadPoolExecutor(threads, thread_name_prefix="gdscope-engine") as pool:
        futures = [
            pool.submit(_run, problem, spec, steps, xs, ys, vxs, vys, noise, full_loss) for spec in specs
        ]
        return [future.result() for future in futures]


def with_full_loss(problem: Problem, result: RunResult) -> RunResult:
    """``result`` with the full training and validation loss at every reached point (as run_many computes
    them with ``full_loss=True``); the result itself when nothing is missing."""
    if problem.split is None or not np.isnan(result.loss).any():
        return result
    loss = np.empty(len(result.params))
    reduce_sum = problem.reduction == "sum"
    loss_kernels.data_losses(problem.kind_code, reduce_sum, result.params, *problem.data_arrays(), loss)
    val_loss = np.full(len(result.params), np.nan)
    if len(problem.split.val):
        vxs, vys = problem.data_arrays("val")
        loss_kernels.data_losses(problem.kind_code, reduce_sum, result.params, vxs, vys, val_loss)
    return replace(result, loss=_frozen(loss), val_loss=_frozen(val_loss))


def _run(
    problem: Problem,
    spec: RunSpec,
    steps: int,
    xs: np.ndarray,
    ys: np.ndarray,
    vxs: np.ndarray,
    vys: np.ndarray,
    noise: np.ndarray,
    full_loss: bool = True,
) -> RunResult:
    spec.optimizer.validate()
    schedule = batch_schedule(problem.n_samples, spec.batch_size, spec.shuffle, spec.seed, steps)
    per_epoch = batches_per_epoch(problem, spec)
    rates = step_schedule(spec.schedule, spec.optimizer, steps, per_epoch)
    lr = rates.lr.copy()
    params = np.empty((steps + 1, 2))
    loss = np.empty(steps + 1)
    val_loss = np.full(steps + 1, np.nan)
    batch_loss = np.empty(steps)
    grad = np.empty((steps, 2))
    velocity = np.empty((steps, 2))
    ops, consts = problem.program
    length, status, stopped = kernels.run_one(
        problem.kind_code,
        problem.surface_code,
        ops,
        consts,
        problem.reduction == "sum",
        xs,
        ys,
        vxs,
        vys,
        noise,
        schedule.indices,
        schedule.bounds,
        hyper_row(spec.optimizer),
        float(spec.start[0]),
        float(spec.start[1]),
        float(problem.bound),
        params,
        loss,
        val_loss,
        batch_loss,
        grad,
        velocity,
        lr,
        rates.momentum,
        rates.plateau,
        full_loss,
    )
    updates = max(length - 1, 0)
    return RunResult(
        spec=spec,
        params=_frozen(params[:length]),
        loss=_frozen(loss[:length]),
        val_loss=_frozen(val_loss[:length]),
        batch_loss=_frozen(batch_loss[:updates]),
        grad=_frozen(grad[:updates]),
        velocity=_frozen(velocity[:updates]),
        status=STATUS_NAMES[status],
        stopped_at=None if stopped < 0 else int(stopped),
        lr=_frozen(lr[:updates]),
    )


def batches_per_epoch(problem: Problem, spec: RunSpec) -> int:
    """len(loader): the optimizer steps of one epoch (an "epoch" scheduler steps after each)."""
    size = resolve_batch_size(spec.batch_size, problem.n_samples)
    return -(-problem.n_samples // size)


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array
