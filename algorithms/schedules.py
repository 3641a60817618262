"""Learning-rate schedules exactly as ``torch.optim.lr_scheduler`` computes them, declared once.

``SCHEDULERS`` is the one declaration of every supported scheduler and its constructor arguments
(torch's own names and defaults); the CLI options, the session schema, the window's knobs and the
generated PyTorch code are all derived from it. The lr sequences repeat torch's *chained* formulas
(``get_lr``) float operation for float operation on Python floats, so they are bit-identical to the
real schedulers' ``get_last_lr()`` (tests/algorithms/test_schedules.py runs the real objects).
CyclicLR and OneCycleLR also cycle the momentum (or Adam's β₁) unless ``cycle_momentum=False``, as torch
does; ReduceLROnPlateau depends on the run's loss, so the kernel steps it as the run goes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from algorithms.lr_formulas import SEQUENCES, LrSequence, ScheduleConfigError, per_group
from algorithms.optimizers import OptimizerConfig

INTERVALS = ("step", "epoch")


@dataclass(frozen=True)
class SchedulerArg:
    """One constructor argument of a torch scheduler.

    ``kind``: "int", "float", "bool", "choice", "ints" (a list of ints), "lr" (a float, or one per param
    group), "int?" (an int or None). ``window`` is the window's starting value of a required argument;
    ``lr_factor`` marks an lr-valued argument the window sets as a multiple of the lr slider.
    """

    name: str
    kind: str
    default: Any = None
    required: bool = False
    choices: tuple[str, ...] = ()
    window: Any = None
    lr_factor: float | None = None
    low: float = 0.0
    high: float = 1e6
    in_window: bool = True


@dataclass(frozen=True)
class SchedulerKind:
    name: str
    args: tuple[SchedulerArg, ...]
    uses_loss: bool = False

    def arg(self, name: str) -> SchedulerArg:
        return next(a for a in self.args if a.name == name)

    @property
    def arg_names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.args)


_A = SchedulerArg
SCHEDULERS: dict[str, SchedulerKind] = {
    kind.name: kind
    for kind in (
        SchedulerKind(
            "StepLR", (_A("step_size", "int", required=True, window=100, low=1), _A("gamma", "float", 0.1))
        ),
        SchedulerKind(
            "MultiStepLR",
            (_A("milestones", "ints", required=True, window=(100, 200)), _A("gamma", "float", 0.1)),
        ),
        SchedulerKind("ExponentialLR", (_A("gamma", "float", required=True, window=0.99),)),
        SchedulerKind(
            "CosineAnnealingLR",
            (_A("T_max", "int", required=True, window=300, low=1), _A("eta_min", "float", 0.0)),
        ),
        SchedulerKind(
            "LinearLR",
            (
                _A("start_factor", "float", 1.0 / 3, high=1.0),
                _A("end_factor", "float", 1.0, high=1.0),
                _A("total_iters", "int", 5, high=1e5),
            ),
        ),
        SchedulerKind(
            "OneCycleLR",
            (
                _A("max_lr", "lr", required=True, window=1.0, lr_factor=1.0),
                _A("total_steps", "int?", None, in_window=False),
                _A("epochs", "int?", None, in_window=False),
                _A("steps_per_epoch", "int?", None, in_window=False),
                _A("pct_start", "float", 0.3, high=1.0),
                _A("anneal_strategy", "choice", "cos", choices=("cos", "linear")),
                _A("cycle_momentum", "bool", True),
                _A("base_momentum", "lr", 0.85, high=1.0),
                _A("max_momentum", "lr", 0.95, high=1.0),
                _A("div_factor", "float", 25.0, low=1.0),
                _A("final_div_factor", "float", 1e4, low=1.0),
                _A("three_phase", "bool", False),
            ),
        ),
        SchedulerKind(
            "CyclicLR",
            (
                _A("base_lr", "lr", required=True, window=1.0, lr_factor=1.0),
                _A("max_lr", "lr", required=True, window=4.0, lr_factor=1.0),
                _A("step_size_up", "int", 2000, window=50, low=1),
                _A("step_size_down", "int?", None, in_window=False),
                _A("mode", "choice", "triangular", choices=("triangular", "triangular2", "exp_range")),
                _A("gamma", "float", 1.0),
                _A("scale_mode", "choice", "cycle", choices=("cycle", "iterations"), in_window=False),
                _A("cycle_momentum", "bool", True),
                _A("base_momentum", "lr", 0.8, high=1.0),
                _A("max_momentum", "lr", 0.9, high=1.0),
            ),
        ),
        SchedulerKind(
            "ReduceLROnPlateau",
            (
                _A("mode", "choice", "min", choices=("min", "max")),
                _A("factor", "float", 0.1, high=1.0),
                _A("patience", "int", 10, high=1e5),
                _A("threshold", "float", 1e-4),
                _A("threshold_mode", "choice", "rel", choices=("rel", "abs")),
                _A("cooldown", "int", 0, high=1e5),
                _A("min_lr", "lr", 0.0),
                _A("eps", "float", 1e-8),
            ),
            uses_loss=True,
        ),
    )
}


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@dataclass(frozen=True)
class ScheduleConfig:
    """A torch scheduler: its class name, the constructor arguments given, and when it steps.

    ``interval`` is "step" (``scheduler.step()`` after every optimizer step) or "epoch" (after every
    pass over the DataLoader). Lists are kept as tuples so the config can be hashed.
    """

    name: str
    args: tuple[tuple[str, Any], ...] = ()
    interval: str = "step"

    @classmethod
    def make(cls, name: str, args: Mapping[str, Any] | None = None, interval: str = "step") -> ScheduleConfig:
        return cls(name, tuple((k, _hashable(v)) for k, v in (args or {}).items()), interval)

    @property
    def kind(self) -> SchedulerKind:
        return SCHEDULERS[self.name]

    def given(self) -> dict[str, Any]:
        """The arguments as given (tuples turned back into lists, as a user writes them)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.args}

    def kwargs(
        self, config: OptimizerConfig, scheduler_steps: int, groups: int | None = None
    ) -> dict[str, Any]:
        """The constructor's keyword arguments for a run: the given ones, ints made floats where torch
        wants floats, and OneCycleLR's total_steps filled in (the run's scheduler steps) when not given.

        ``groups``: the optimizer's param groups when not the script's (the reference always has two).
        """
        self.validate(config)
        values = self.given()
        for key, value in values.items():
            kind = self.kind.arg(key).kind
            if kind == "float" or (kind == "lr" and not isinstance(value, list)):
                values[key] = float(value)
            elif kind == "lr":
                values[key] = per_group(value, groups or len(value))
        one_cycle_open = self.name == "OneCycleLR" and values.get("total_steps") is None
        if one_cycle_open and (values.get("epochs") is None or values.get("steps_per_epoch") is None):
            values["total_steps"] = max(scheduler_steps, 1)
        return values

    def validate(self, config: OptimizerConfig) -> ScheduleConfig:
        """Raise ScheduleConfigError for an unknown name or argument, or a value of the wrong type."""
        if self.name not in SCHEDULERS:
            raise ScheduleConfigError(
                f"unknown scheduler '{self.name}'; choose one of: {', '.join(SCHEDULERS)}"
            )
        if self.interval not in INTERVALS:
            raise ScheduleConfigError(
                f"the scheduler interval must be 'step' or 'epoch', got '{self.interval}'"
            )
        kind = self.kind
        given = self.given()
        for key, value in given.items():
            if key not in kind.arg_names:
                raise ScheduleConfigError(
                    f"{self.name} has no argument '{key}'; its arguments: {', '.join(kind.arg_names)}"
                )
            _check_type(self.name, kind.arg(key), value, param_groups(config))
        missing = [a.name for a in kind.args if a.required and a.name not in given]
        if missing:
            raise ScheduleConfigError(f"{self.name} needs {', '.join(f'{m}=…' for m in missing)}")
        cycles = given.get("cycle_momentum", kind.arg_names.count("cycle_momentum") > 0)
        if cycles and config.name == "adagrad":
            raise ScheduleConfigError(
                f"{self.name}: optimizer must support momentum or beta1 with `cycle_momentum` option "
                "enabled (Adagrad has neither: add cycle_momentum=False)"
            )
        return self


def param_groups(config: OptimizerConfig) -> int:
    """How many param groups the run's torch code has: one, or two when each parameter has its own lr."""
    lr0, lr1 = config.learning_rates
    return 1 if lr0 == lr1 else 2


def _check_type(name: str, arg: SchedulerArg, value: Any, groups: int) -> None:
    def fail(what: str) -> ScheduleConfigError:
        return ScheduleConfigError(f"{name}: {arg.name} must be {what}, got {value!r}")

    def is_int(v: Any) -> bool:
        return isinstance(v, int) and not isinstance(v, bool)

    def is_float(v: Any) -> bool:
        return (is_int(v) or isinstance(v, float)) and math.isfinite(v)

    if arg.kind == "int" and not is_int(value):
        raise fail("an integer")
    if arg.kind == "int?" and not (value is None or is_int(value)):
        raise fail("an integer or None")
    if arg.kind == "float" and not is_float(value):
        raise fail("a number")
    if arg.kind == "bool" and not isinstance(value, bool):
        raise fail("True or False")
    if arg.kind == "choice" and value not in arg.choices:
        raise fail("one of " + ", ".join(repr(c) for c in arg.choices))
    if arg.kind == "ints" and not (isinstance(value, (list, tuple)) and all(is_int(v) for v in value)):
        raise fail("a list of integers")
    if arg.kind == "lr":
        if isinstance(value, (list, tuple)):
            if len(value) != groups or not all(is_float(v) for v in value):
                raise fail(f"a number or a list of {groups} numbers (one per param group)")
        elif not is_float(value):
            raise fail("a number")


def lr_sequence(schedule: ScheduleConfig, config: OptimizerConfig, calls: int) -> LrSequence:
    """``get_last_lr()`` after construction and after each of ``calls`` steps (not ReduceLROnPlateau).

    The lists hold one value per param group of the engine (always two: an lr shared by both parameters
    is the same number in both).
    """
    kw = schedule.kwargs(config, calls)
    base = list(config.learning_rates)
    try:
        return SEQUENCES[schedule.name](kw, base, calls)
    except ZeroDivisionError:
        raise ScheduleConfigError(f"{schedule.name}: these arguments divide by zero in torch") from None


def scheduler_calls(schedule: ScheduleConfig, steps: int, batches_per_epoch: int) -> int:
    """How many times a run of ``steps`` optimizer steps calls scheduler.step() (the script's loop):
    after every step, or after every completed epoch except one that ends the run."""
    if schedule.interval == "step":
        return steps
    return max(steps - 1, 0) // batches_per_epoch


@dataclass(frozen=True)
class StepSchedule:
    """What the kernel needs: the lr and momentum/β₁ of both parameters at every optimizer step, and,
    for ReduceLROnPlateau, its settings (``plateau``, empty otherwise; layout: P_* below)."""

    lr: np.ndarray  # (steps, 2)
    momentum: np.ndarray  # (steps, 2): SGD/RMSprop momentum or Adam's β₁
    plateau: np.ndarray


def constant_momentum(config: OptimizerConfig) -> float:
    return config.betas[0] if config.name in ("adam", "adamw") else config.momentum


def step_schedule(
    schedule: ScheduleConfig | None, config: OptimizerConfig, steps: int, batches_per_epoch: int
) -> StepSchedule:
    """The per-step lr and momentum of a run (constant without a schedule)."""
    lr = np.empty((steps, 2))
    lr[:] = config.learning_rates
    momentum = np.full((steps, 2), constant_momentum(config))
    plateau = np.zeros(0)
    if schedule is None:
        return StepSchedule(lr, momentum, plateau)
    schedule.validate(config)
    every = 1 if schedule.interval == "step" else batches_per_epoch
    if schedule.kind.uses_loss:
        plateau = _plateau_row(schedule.kwargs(config, 0), config, every)
        return StepSchedule(lr, momentum, plateau)
    calls = scheduler_calls(schedule, steps, batches_per_epoch)
    sequence = lr_sequence(schedule, config, calls)
    index = np.arange(steps) // every
    lr[:] = np.array(sequence.lr)[index] if steps else lr
    if sequence.momentum is not None and steps:
        momentum[:] = np.array(sequence.momentum)[index]
    return StepSchedule(lr, momentum, plateau)


# ReduceLROnPlateau's row for the kernel.
P_EVERY, P_MAX_MODE, P_ABS, P_FACTOR, P_PATIENCE, P_THRESHOLD, P_COOLDOWN, P_MIN_LR0, P_MIN_LR1, P_EPS = (
    range(10)
)
N_PLATEAU = 10


def _plateau_row(kw: dict[str, Any], config: OptimizerConfig, every: int) -> np.ndarray:
    factor = kw.get("factor", 0.1)
    if factor >= 1.0:
        raise ScheduleConfigError("ReduceLROnPlateau: Factor should be < 1.0.")
    row = np.zeros(N_PLATEAU)
    row[P_EVERY] = every
    row[P_MAX_MODE] = kw.get("mode", "min") == "max"
    row[P_ABS] = kw.get("threshold_mode", "rel") == "abs"
    row[P_FACTOR] = factor
    row[P_PATIENCE] = kw.get("patience", 10)
    row[P_THRESHOLD] = kw.get("threshold", 1e-4)
    row[P_COOLDOWN] = kw.get("cooldown", 0)
    row[P_MIN_LR0], row[P_MIN_LR1] = per_group(kw.get("min_lr", 0.0), 2)
    row[P_EPS] = kw.get("eps", 1e-8)
    return row
