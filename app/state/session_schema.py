"""The session file's schema (version 1), validated strictly with pydantic.

Scalars are strict (no "1" for 1, no true for 1, no 1.5 for an int); arrays are plain JSON lists.
Every refusal is a ``SessionError`` whose message names the field (``run.lr: ...``). Qt-free.
"""

from __future__ import annotations

import math
from dataclasses import fields
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from algorithms.datasets import DATASETS
from algorithms.lr_formulas import ScheduleConfigError
from algorithms.optimizers import OptimizerConfig
from algorithms.problems import DATA_PROBLEMS, REDUCTIONS
from algorithms.schedules import INTERVALS, SCHEDULERS, ScheduleConfig
from algorithms.surfaces import SURFACE_IDS
from app.errors import UserError
from app.state.app_state import OptimizerSettings
from app.state.limits import (
    MAX_BATCH_SIZE,
    MAX_COORDINATE,
    MAX_LR,
    MAX_SAMPLES,
    MAX_SEED,
    MAX_SESSION_BYTES,
    MAX_SPEED,
    MAX_STEPS,
)
from app.state.optimizer_kinds import KNOBS, OPTIMIZER_KINDS

SESSION_VERSION = 1
SESSION_SUFFIX = ".gdscope.json"
MAX_FILE_BYTES = MAX_SESSION_BYTES
MAX_EXPRESSION_LENGTH = 500
MAX_ERRORS_SHOWN = 4
EXPRESSION_ID = "expr"
PROBLEM_IDS: tuple[str, ...] = (*SURFACE_IDS, *DATA_PROBLEMS, EXPRESSION_ID)


class SessionError(UserError, ValueError):
    """A session that cannot be saved, read or applied; the message is meant for the user."""


# --- the schema (version 1) ------------------------------------------------------------------------
# Scalars are strict (no "1" for 1, no true for 1, no 1.5 for an int); arrays are plain JSON lists.

Float = Annotated[float, Strict()]
Int = Annotated[int, Strict()]
Bool = Annotated[bool, Strict()]
Text = Annotated[str, Strict()]
Unit = Annotated[float, Strict(), Field(ge=0.0, le=1.0)]
Decay = Annotated[float, Strict(), Field(ge=0.0, lt=1.0)]  # betas and EMA factors
NonNegative = Annotated[float, Strict(), Field(ge=0.0)]
Coordinate = Annotated[float, Strict(), Field(ge=-MAX_COORDINATE, le=MAX_COORDINATE)]
Fraction = Annotated[float, Strict(), Field(ge=0.0, le=1.0)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True, revalidate_instances="always")


def _failure(error_type: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(error_type, message, context)


_LIMITS: dict[str, Any] = {"unit": Unit, "decay": Decay, "non-negative": NonNegative}


def _knob_type(name: str) -> Any:
    """A knob's field type, from its one declaration (app/state/optimizer_kinds.py)."""
    if name == "enabled":
        return Bool
    knob = KNOBS[name]
    return Bool if knob.kind == "bool" else _LIMITS[knob.limit]


# Derived, not written out: one optimizer row holds the fields of OptimizerSettings but ``kind`` (its
# key), each checked as its knob declares; the rows are exactly OPTIMIZER_KINDS, in order.
OptimizerModel = create_model(
    "OptimizerModel",
    __base__=_Model,
    **{f.name: (_knob_type(f.name), ...) for f in fields(OptimizerSettings) if f.name != "kind"},  # type: ignore[call-overload]
)
OptimizersModel = create_model(
    "OptimizersModel",
    __base__=_Model,
    **{kind: (OptimizerModel, ...) for kind in OPTIMIZER_KINDS},  # type: ignore[call-overload]
)


ScheduleValue = (
    Bool
    | Int
    | Float
    | Annotated[str, Strict(), Field(max_length=40)]
    | None
    | tuple[Int, ...]
    | tuple[Float, ...]
)


class ScheduleModel(_Model):
    """app.state.schedules.ScheduleSettings: a torch scheduler ("" = constant lr), its knobs, its interval.

    ``args`` maps torch's argument names to values (lr-valued knobs as multiples of the lr slider).
    """

    name: Text = ""
    args: Annotated[dict[str, ScheduleValue], Field(max_length=20)] = Field(default_factory=dict)
    interval: Text = "step"

    @field_validator("args", mode="before")
    @classmethod
    def _pairs_to_dict(cls, args: Any) -> Any:
        if not isinstance(args, (tuple, list)):
            return args
        if not all(isinstance(pair, (tuple, list)) and len(pair) == 2 for pair in args):
            raise _failure("schedule", "arguments are a mapping or a list of [name, value] pairs")
        return dict(args)

    @model_validator(mode="after")
    def _torch_accepts(self) -> Self:
        if self.interval not in INTERVALS:
            raise _failure("interval", "expected one of: {names}", names=", ".join(INTERVALS))
        if not self.name:
            if self.args:
                raise _failure("schedule", "a constant lr takes no arguments")
            return self
        if self.name not in SCHEDULERS:
            raise _failure("schedule", "unknown scheduler {name!r}", name=self.name[:40])
        args = {k: list(v) if isinstance(v, tuple) else v for k, v in self.args.items()}
        try:
            ScheduleConfig.make(self.name, args, self.interval).validate(OptimizerConfig("sgd", momentum=0.9))
        except ScheduleConfigError as error:
            raise _failure("schedule", "{reason}", reason=str(error)) from None
        return self


class CustomRunModel(_Model):
    key: Annotated[str, Strict(), Field(min_length=1, max_length=64)]
    label: Annotated[str, Strict(), Field(max_length=200)]
    color: Annotated[str, Strict(), Field(pattern=r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")]
    kind: Text
    lr_scale: Annotated[float, Strict(), Field(gt=0.0, le=1e3)]
    ema_beta: Decay | None = None
    bias_correction: Bool | None = None
    schedule: ScheduleModel | None = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in OPTIMIZER_KINDS:
            raise _failure("kind", "unknown optimizer '{kind}'", kind=kind[:40])
        return kind


class RunModel(_Model):
    """The fields of app.state.app_state.RunSettings, plus the typed surface's text."""

    problem_id: Text
    expression: Text = Field(default="", max_length=MAX_EXPRESSION_LENGTH, validate_default=True)
    lr: Annotated[float, Strict(), Field(gt=0.0, le=MAX_LR)]
    lr_y: Annotated[float, Strict(), Field(gt=0.0, le=MAX_LR)] | None = None
    batch_size: Annotated[int, Strict(), Field(ge=0, le=MAX_BATCH_SIZE)]
    steps: Annotated[int, Strict(), Field(ge=1, le=MAX_STEPS)]
    noise: Annotated[float, Strict(), Field(ge=0.0, le=100.0)]
    samples: Annotated[int, Strict(), Field(ge=1, le=MAX_SAMPLES)]
    seed: Annotated[int, Strict(), Field(ge=0, le=MAX_SEED)]
    shuffle: Bool
    start: tuple[Coordinate, Coordinate] | None
    dataset: Text
    data_file: Text = Field(default="", max_length=4096)
    split: tuple[Fraction, Fraction, Fraction]
    reduction: Text
    custom_runs: Annotated[tuple[CustomRunModel, ...], Field(max_length=32)]
    schedule: ScheduleModel = Field(default_factory=ScheduleModel)

    @field_validator("problem_id")
    @classmethod
    def _known_problem(cls, problem_id: str) -> str:
        if problem_id not in PROBLEM_IDS:
            raise _failure(
                "problem", "unknown problem '{id}'; expected one of: {ids}",
                id=problem_id[:40], ids=", ".join(PROBLEM_IDS),
            )  # fmt: skip
        return problem_id

    @field_validator("expression")
    @classmethod
    def _readable_expression(cls, text: str, info: ValidationInfo) -> str:
        if info.data.get("problem_id") != EXPRESSION_ID:
            return text
        if not text.strip():
            raise _failure("expression", 'required when problem_id is "expr"')
        try:  # another module's parser: optional, imported only when needed
            from algorithms.expressions import parse_expression
        except ImportError:
            return text
        try:
            parse_expression(text)  # parses and compiles to a small op list; never evaluates Python
        except (ValueError, RecursionError) as error:
            raise _failure("expression", "{reason}", reason=str(error)) from None
        return text

    @field_validator("dataset")
    @classmethod
    def _known_dataset(cls, name: str) -> str:
        if name and name not in DATASETS:
            raise _failure(
                "dataset", "unknown data set '{name}'; expected \"\" or one of: {names}",
                name=name[:40], names=", ".join(DATASETS),
            )  # fmt: skip
        return name

    @field_validator("split")
    @classmethod
    def _whole_split(cls, split: tuple[float, float, float]) -> tuple[float, float, float]:
        if abs(math.fsum(split) - 1.0) > 1e-9:
            raise _failure("split", "the fractions must sum to 1, got {total:g}", total=math.fsum(split))
        return split

    @field_validator("reduction")
    @classmethod
    def _known_reduction(cls, reduction: str) -> str:
        if reduction not in REDUCTIONS:
            raise _failure("reduction", "expected one of: {names}", names=", ".join(REDUCTIONS))
        return reduction

    @field_validator("custom_runs")
    @classmethod
    def _unique_keys(cls, runs: tuple[CustomRunModel, ...]) -> tuple[CustomRunModel, ...]:
        keys = [run.key for run in runs]
        if len(set(keys)) != len(keys):
            raise _failure("custom_runs", "two custom runs share a key")
        return runs


class ViewModel(_Model):
    ema_beta: Decay
    bias_correction: Bool
    log_height: Bool
    log_loss: Bool
    wireframe: Bool
    selected_run: Text = Field(default="", max_length=64)
    graph_sample: Annotated[int, Strict(), Field(ge=-1, le=MAX_SAMPLES)] = -1
    show_gradient: Bool = True
    show_momentum: Bool = True
    show_critical: Bool = True
    race_tolerance: Annotated[float, Strict(), Field(gt=0.0, le=1e6, allow_inf_nan=False)] = 1e-3
    step_by_step: Bool = False


class PlaybackModel(_Model):
    step: Annotated[int, Strict(), Field(ge=0, le=MAX_STEPS)]
    playing: Bool
    speed: Annotated[float, Strict(), Field(gt=0.0, le=MAX_SPEED)]


class Session(_Model):
    version: Literal[1]
    run: RunModel
    optimizers: OptimizersModel  # type: ignore[valid-type]  # a model derived at import
    view: ViewModel
    playback: PlaybackModel

    @model_validator(mode="after")
    def _head_within_run(self) -> Self:
        if self.playback.step > self.run.steps:
            raise _failure(
                "step", "playback.step {step} is past the last step (run.steps = {steps})",
                step=self.playback.step, steps=self.run.steps,
            )  # fmt: skip
        return self


# --- validation ------------------------------------------------------------------------------------


def _describe(error: ValidationError) -> str:
    """The first few errors, each as ``field.path: message``."""
    items = error.errors(include_url=False, include_input=False)
    lines = [
        ".".join(str(part) for part in item["loc"]) + ": " + item["msg"] if item["loc"] else item["msg"]
        for item in items[:MAX_ERRORS_SHOWN]
    ]
    if len(items) > MAX_ERRORS_SHOWN:
        lines.append(f"(and {len(items) - MAX_ERRORS_SHOWN} more)")
    return "; ".join(lines)


def validated_session(data: object) -> Session:
    """``data`` as a Session; SessionError naming the first few bad fields."""
    try:
        return Session.model_validate(data)
    except ValidationError as error:
        raise SessionError(_describe(error)) from None
