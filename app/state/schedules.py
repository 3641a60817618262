"""The window's learning-rate schedule: which torch scheduler, its knobs, and when it steps (Qt-free).

The knobs are algorithms.schedules.SCHEDULERS' arguments (declared there once); the window shows those
marked ``in_window``. Arguments with an ``lr_factor`` (OneCycleLR's max_lr, CyclicLR's base_lr and
max_lr) are kept as multiples of the lr slider, so the slider sets the base lr of every schedule;
``resolve`` turns the settings into the torch scheduler's real arguments for a run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from algorithms.optimizers import OptimizerConfig
from algorithms.schedules import SCHEDULERS, ScheduleConfig, SchedulerArg, param_groups

CONSTANT = ""  # no scheduler: the lr stays the slider's


@dataclass(frozen=True)
class ScheduleSettings:
    """A scheduler by torch class name ("" = constant lr), its knob values, and "step" or "epoch"."""

    name: str = CONSTANT
    args: tuple[tuple[str, Any], ...] = ()
    interval: str = "step"

    def value(self, arg: str) -> Any:
        return dict(self.args).get(arg, starting_value(SCHEDULERS[self.name].arg(arg)))

    def with_value(self, arg: str, value: Any) -> ScheduleSettings:
        args = dict(self.args)
        args[arg] = tuple(value) if isinstance(value, list) else value
        return ScheduleSettings(self.name, tuple(args.items()), self.interval)


def window_args(name: str) -> tuple[SchedulerArg, ...]:
    """The knobs the window shows for scheduler ``name``."""
    return tuple(a for a in SCHEDULERS[name].args if a.in_window) if name else ()


def starting_value(arg: SchedulerArg) -> Any:
    """A knob's value before the learner touches it: torch's default, or the window's for a required one."""
    return arg.window if arg.required else arg.default


def settings_for(name: str, interval: str = "step") -> ScheduleSettings:
    """Scheduler ``name`` with every window knob at its starting value."""
    return ScheduleSettings(name, tuple((a.name, starting_value(a)) for a in window_args(name)), interval)


def resolve(settings: ScheduleSettings, config: OptimizerConfig) -> ScheduleConfig | None:
    """The torch scheduler of a run with ``config`` (None for a constant lr)."""
    if settings.name == CONSTANT:
        return None
    kind = SCHEDULERS[settings.name]
    lrs = config.learning_rates[: param_groups(config)]
    args: dict[str, Any] = {}
    for key, value in settings.args:
        factor = kind.arg(key).lr_factor if key in kind.arg_names else None
        if factor is not None:
            scaled = [float(value) * factor * lr for lr in lrs]
            args[key] = scaled[0] if len(scaled) == 1 else scaled
        else:
            args[key] = list(value) if isinstance(value, tuple) else value
    return ScheduleConfig.make(settings.name, args, settings.interval)
