"""The ground truth: the same runs done the way a PyTorch user writes them.

Real ``torch.optim`` classes with param groups, autograd, ``nn.Linear`` + ``MSELoss``/``BCEWithLogitsLoss``
and batches from a real ``DataLoader`` with a seeded generator. Slow (~200 µs a step) but unquestionable;
the tests hold the fast engine to it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from algorithms.batches import resolve_batch_size
from algorithms.engine import RunResult, RunSpec
from algorithms.optimizers import OptimizerConfig
from algorithms.problems import Problem
from algorithms.schedules import ScheduleConfig, scheduler_calls

TORCH_OPTIMIZERS = {
    "sgd": torch.optim.SGD,
    "adagrad": torch.optim.Adagrad,
    "rmsprop": torch.optim.RMSprop,
    "adam": torch.optim.Adam,
    "adamw": torch.optim.AdamW,
}


class TwoScalars(nn.Module):
    """θ = (p0, p1) as two scalar parameters, so each can get its own param group."""

    def __init__(self, p0: float, p1: float) -> None:
        super().__init__()
        self.p0 = nn.Parameter(torch.tensor(p0, dtype=torch.float64))
        self.p1 = nn.Parameter(torch.tensor(p1, dtype=torch.float64))


class LinearModel(nn.Module):
    """``nn.Linear(1, 1)``: p0 is the weight, p1 the bias."""

    def __init__(self, w: float, b: float, logistic: bool = False) -> None:
        super().__init__()
        self.linear = nn.Linear(1, 1).double()
        with torch.no_grad():
            self.linear.weight.fill_(w)
            self.linear.bias.fill_(b)
        self.criterion: nn.Module = nn.BCEWithLogitsLoss() if logistic else nn.MSELoss()

    def groups(self) -> tuple[torch.Tensor, torch.Tensor]:
        return self.linear.weight, self.linear.bias


def _model(problem: Problem, start: tuple[float, float]) -> nn.Module:
    if problem.kind in ("linear-regression", "logistic-regression"):
        model = LinearModel(*start, logistic=problem.kind == "logistic-regression")
        model.criterion = type(model.criterion)(reduction=problem.reduction)
        return model
    return TwoScalars(*start)


def _parameters(model: nn.Module) -> tuple[torch.Tensor, torch.Tensor]:
    if isinstance(model, LinearModel):
        return model.groups()
    assert isinstance(model, TwoScalars)
    return model.p0, model.p1


def _loss(problem: Problem, model: nn.Module, batch: tuple[torch.Tensor, ...]) -> torch.Tensor:
    if isinstance(model, LinearModel):
        x, y = batch
        return model.criterion(model.linear(x.unsqueeze(1)).squeeze(1), y)  # type: ignore[no-any-return]
    assert isinstance(model, TwoScalars)
    return problem.torch_loss(model.p0, model.p1, batch)


def _dataset(problem: Problem, which: str = "train") -> TensorDataset:
    if problem.surface is not None:
        return TensorDataset(torch.from_numpy(np.array(problem.noise)))
    x, y = problem.data_arrays(which)
    return TensorDataset(torch.from_numpy(x.copy()), torch.from_numpy(y.copy()))


def _full_loss(problem: Problem, model: nn.Module, which: str = "train") -> float:
    with torch.no_grad():
        if problem.surface is not None:
            p0, p1 = _parameters(model)
            return float(problem.surface.torch_value(p0, p1))
        data = _dataset(problem, which)
        if len(data) == 0:
            return math.nan
        return float(_loss(problem, model, data.tensors))


def _batches(problem: Problem, spec: RunSpec) -> Iterator[tuple[torch.Tensor, ...]]:
    dataset = _dataset(problem)
    loader = DataLoader(
        dataset,
        batch_size=resolve_batch_size(spec.batch_size, len(dataset)),
        shuffle=spec.shuffle,
        generator=torch.Generator().manual_seed(spec.seed),
    )
    while True:
        yield from loader


def reference_run(problem: Problem, spec: RunSpec, steps: int) -> RunResult:
    """The run done with torch.optim; same result layout as the engine's."""
    config = spec.optimizer.validate()
    model = _model(problem, spec.start)
    first, second = _parameters(model)
    lr0, lr1 = config.learning_rates
    optimizer = TORCH_OPTIMIZERS[config.name](
        [{"params": [first], "lr": lr0}, {"params": [second], "lr": lr1}], **config.torch_kwargs()
    )
    per_epoch = len(
        DataLoader(_dataset(problem), batch_size=resolve_batch_size(spec.batch_size, problem.n_samples))
    )
    scheduler = _scheduler(spec.schedule, optimizer, config, steps, per_epoch)
    params, losses, val_losses, batch_losses, grads, velocities, lrs = [], [], [], [], [], [], []
    has_val = problem.split is not None and len(problem.split.val) > 0
    status, stopped = "ok", None
    batches = _batches(problem, spec)
    epoch_loss = 0.0
    for t in range(steps + 1):
        point = (first.item(), second.item())
        full = _full_loss(problem, model)
        if not all(map(math.isfinite, point)):
            status, stopped = "diverged", t
            break
        if max(abs(point[0]), abs(point[1])) > problem.bound:
            status, stopped = "left-domain", t
            break
        if not math.isfinite(full):
            status, stopped = "diverged", t
            break
        params.append(point)
        losses.append(full)
        val_losses.append(_full_loss(problem, model, "val") if has_val else math.nan)
        if t == steps:
            break
        optimizer.zero_grad()
        loss = _loss(problem, model, next(batches))
        loss.backward()
        grad = (first.grad.item(), second.grad.item())  # type: ignore[union-attr]
        batch_loss = loss.item()
        if not all(map(math.isfinite, (batch_loss, *grad))):
            status, stopped = "diverged", t
            break
        batch_losses.append(batch_loss)
        grads.append(grad)
        lrs.append(tuple(float(group["lr"]) for group in optimizer.param_groups))
        optimizer.step()
        velocities.append(tuple(_first_moment(optimizer, p) for p in (first, second)))
        if scheduler is None:
            continue
        # As a PyTorch user writes it: after every optimizer step, or after every epoch but the last.
        epoch_loss += batch_loss
        if spec.schedule is not None and spec.schedule.interval == "step":
            _step_scheduler(scheduler, batch_loss)
        elif (t + 1) % per_epoch == 0 and t + 1 < steps:
            _step_scheduler(scheduler, epoch_loss / per_epoch)
        if (t + 1) % per_epoch == 0:
            epoch_loss = 0.0
    updates = max(len(params) - 1, 0)  # like the engine: only the steps that led to a valid point
    del batch_losses[updates:], grads[updates:], velocities[updates:], lrs[updates:]
    return RunResult(
        spec=spec,
        params=np.array(params).reshape(-1, 2),
        loss=np.array(losses),
        val_loss=np.array(val_losses),
        batch_loss=np.array(batch_losses),
        grad=np.array(grads).reshape(-1, 2),
        velocity=np.array(velocities).reshape(-1, 2),
        status=status,
        stopped_at=stopped,
        lr=np.array(lrs).reshape(-1, 2),
    )


def _scheduler(
    schedule: ScheduleConfig | None,
    optimizer: torch.optim.Optimizer,
    config: OptimizerConfig,
    steps: int,
    per_epoch: int,
) -> torch.optim.lr_scheduler.LRScheduler | None:
    """The real torch scheduler object (chained form: built on the optimizer, stepped without epochs)."""
    if schedule is None:
        return None
    kwargs = schedule.kwargs(config, scheduler_calls(schedule, steps, per_epoch), groups=2)
    return getattr(torch.optim.lr_scheduler, schedule.name)(optimizer, **kwargs)  # type: ignore[no-any-return]


def _step_scheduler(scheduler: torch.optim.lr_scheduler.LRScheduler, loss: float) -> None:
    if isinstance(scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
        scheduler.step(loss)
    else:
        scheduler.step()


def _first_moment(optimizer: torch.optim.Optimizer, parameter: torch.Tensor) -> float:
    state = optimizer.state[parameter]
    for key in ("momentum_buffer", "exp_avg"):
        if state.get(key) is not None:
            return float(state[key])
    return 0.0
