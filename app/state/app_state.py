"""The application's state: small Qt-free dataclasses whose fields each emit a psygnal change signal.

Big arrays never live here: results are immutable objects (app/results.py) replaced whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import ClassVar

from psygnal import SignalGroup, SignalGroupDescriptor

from app.state.optimizer_kinds import OPTIMIZER_KINDS, default_knobs
from app.state.schedules import ScheduleSettings


@dataclass
class OptimizerSettings:
    """One optimizer row: whether it runs and its own knobs (torch.optim's option names)."""

    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()

    kind: str
    enabled: bool = False
    momentum: float = 0.0
    dampening: float = 0.0
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    amsgrad: bool = False
    alpha: float = 0.99
    centered: bool = False
    lr_decay: float = 0.0
    initial_accumulator_value: float = 0.0
    weight_decay: float = 0.0


@dataclass(frozen=True)
class CustomRun:
    """A run a lesson adds instead of the rows: a row's optimizer at a multiple of the shared lr,
    optionally with its own loss smoothing (to compare EMA settings on one run)."""

    key: str
    label: str
    color: str
    kind: str  # an optimizer row: its knobs and batch rule configure this run
    lr_scale: float = 1.0
    ema_beta: float | None = None
    bias_correction: bool | None = None
    schedule: ScheduleSettings | None = None  # None: the shared schedule


@dataclass
class RunSettings:
    """What every run shares: the problem, learning rate, batches, horizon, noise, seed and start."""

    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()

    problem_id: str = "ravine"  # a gallery id, a model problem, or "expr" for `expression`
    expression: str = ""  # the user's own f(x, y) when problem_id is "expr"
    lr: float = 1e-3
    lr_y: float | None = None  # the second parameter's own learning rate (a second param group)
    batch_size: int = 16  # mini-batch size of the runs that use batches; 0 = full batch
    steps: int = 300
    noise: float = 1.0
    samples: int = 100
    seed: int = 0
    shuffle: bool = True
    start: tuple[float, float] | None = None  # None: the problem's own start point
    dataset: str = ""  # data problems: a built-in data set name; "" = the problem's default
    data_file: str = ""  # data problems: a CSV file (header x,y) used instead of `dataset`
    split: tuple[float, float, float] = (1.0, 0.0, 0.0)
    reduction: str = "mean"
    custom_runs: tuple[CustomRun, ...] = ()  # when set (by a lesson), these replace the enabled rows
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)  # shared; the lr is its base lr


@dataclass
class ViewSettings:
    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()

    ema_beta: float = 0.9
    bias_correction: bool = True
    log_height: bool = False
    log_loss: bool = False
    wireframe: bool = True  # the thin grid mesh on the surface (every k-th grid line)
    selected_run: str = ""  # the run the data, graph and code panels follow ("" = the first)
    graph_sample: int = -1  # the computation graph of one sample of the batch, or -1 for all of it
    show_gradient: bool = True
    show_momentum: bool = True
    show_critical: bool = True
    race_tolerance: float = 1e-3  # the race: a run has arrived when its full loss is at most this
    step_by_step: bool = False  # replay the update at the play head in sub-steps on the views


@dataclass
class PlaybackState:
    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()

    step: int = 0
    playing: bool = False
    speed: float = 30.0  # steps per second


def _default_optimizers() -> dict[str, OptimizerSettings]:
    return {kind: OptimizerSettings(kind=kind, **default_knobs(kind)) for kind in OPTIMIZER_KINDS}


@dataclass
class AppState:
    run: RunSettings = field(default_factory=RunSettings)
    view: ViewSettings = field(default_factory=ViewSettings)
    playback: PlaybackState = field(default_factory=PlaybackState)
    optimizers: dict[str, OptimizerSettings] = field(default_factory=_default_optimizers)

    def signal_groups(self) -> list[SignalGroup]:
        """Every object's change signals: the run, the view, the play head and each optimizer row."""
        groups: list[SignalGroup] = [self.run.events, self.view.events, self.playback.events]
        return groups + [settings.events for settings in self.optimizers.values()]

    @contextmanager
    def changes_held(self) -> Iterator[None]:
        """Change many fields at once (a lesson, a session) without anyone hearing each one."""
        with ExitStack() as stack:
            for events in self.signal_groups():
                stack.enter_context(events.blocked())
            yield
