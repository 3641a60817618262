"""Session files (``.gdscope.json``): everything needed to reopen the window as it was.

A versioned schema validated strictly with pydantic, so a file from anywhere can be opened safely:
loading only reads JSON and checks it, never runs anything. Every failure the user can meet is a
``SessionError`` whose message names the file's problem or the field (``run.lr: ...``).

Qt-free on purpose (like the state it mirrors), so it is tested without a display; that is why the
atomic save is written here with ``os.replace`` rather than Qt's ``QSaveFile``.
"""

from __future__ import annotations

import errno
import json
import math
import os
import uuid
from dataclasses import asdict, fields
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from algorithms.datasets import DATASETS
from algorithms.problems import DATA_PROBLEMS, REDUCTIONS
from algorithms.surfaces import SURFACE_IDS
from app.cli_errors import UserError
from app.optimizer_kinds import OPTIMIZER_KINDS
from app.state import AppState, CustomRun

SESSION_VERSION = 1
SESSION_SUFFIX = ".gdscope.json"
MAX_FILE_BYTES = 1_000_000
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
Coordinate = Annotated[float, Strict(), Field(ge=-1e6, le=1e6)]
Fraction = Annotated[float, Strict(), Field(ge=0.0, le=1.0)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True, revalidate_instances="always")


def _failure(error_type: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(error_type, message, context)


class OptimizerModel(_Model):
    """One optimizer row: the fields of app.state.OptimizerSettings but ``kind`` (its key)."""

    enabled: Bool
    momentum: Unit
    dampening: Unit
    beta1: Decay
    beta2: Decay
    eps: Unit
    amsgrad: Bool
    alpha: Unit
    centered: Bool
    lr_decay: NonNegative
    initial_accumulator_value: NonNegative
    weight_decay: NonNegative


class OptimizersModel(_Model):
    """Exactly the nine rows of app.optimizer_kinds.OPTIMIZER_KINDS (a test keeps them in step)."""

    gd: OptimizerModel
    sgd: OptimizerModel
    minibatch: OptimizerModel
    momentum: OptimizerModel
    nesterov: OptimizerModel
    adagrad: OptimizerModel
    rmsprop: OptimizerModel
    adam: OptimizerModel
    adamw: OptimizerModel


class CustomRunModel(_Model):
    key: Annotated[str, Strict(), Field(min_length=1, max_length=64)]
    label: Annotated[str, Strict(), Field(max_length=200)]
    color: Annotated[str, Strict(), Field(pattern=r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")]
    kind: Text
    lr_scale: Annotated[float, Strict(), Field(gt=0.0, le=1e3)]
    ema_beta: Decay | None = None
    bias_correction: Bool | None = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in OPTIMIZER_KINDS:
            raise _failure("kind", "unknown optimizer {kind!r}", kind=kind[:40])
        return kind


class RunModel(_Model):
    """The fields of app.state.RunSettings, plus the typed surface's text."""

    problem_id: Text
    expression: Text = Field(default="", max_length=MAX_EXPRESSION_LENGTH, validate_default=True)
    lr: Annotated[float, Strict(), Field(gt=0.0, le=10.0)]
    lr_y: Annotated[float, Strict(), Field(gt=0.0, le=10.0)] | None = None
    batch_size: Annotated[int, Strict(), Field(ge=0, le=100_000)]
    steps: Annotated[int, Strict(), Field(ge=1, le=100_000)]
    noise: Annotated[float, Strict(), Field(ge=0.0, le=100.0)]
    samples: Annotated[int, Strict(), Field(ge=1, le=100_000)]
    seed: Annotated[int, Strict(), Field(ge=0, le=2**31 - 1)]
    shuffle: Bool
    start: tuple[Coordinate, Coordinate] | None
    dataset: Text
    data_file: Text = Field(default="", max_length=4096)
    split: tuple[Fraction, Fraction, Fraction]
    reduction: Text
    custom_runs: Annotated[tuple[CustomRunModel, ...], Field(max_length=32)]

    @field_validator("problem_id")
    @classmethod
    def _known_problem(cls, problem_id: str) -> str:
        if problem_id not in PROBLEM_IDS:
            raise _failure(
                "problem", "unknown problem {id!r}; expected one of: {ids}",
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
                "dataset", "unknown data set {name!r}; expected \"\" or one of: {names}",
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
    graph_sample: Annotated[int, Strict(), Field(ge=-1, le=100_000)] = -1
    show_gradient: Bool = True
    show_momentum: Bool = True
    show_critical: Bool = True


class PlaybackModel(_Model):
    step: Annotated[int, Strict(), Field(ge=0, le=100_000)]
    playing: Bool
    speed: Annotated[float, Strict(), Field(gt=0.0, le=10_000.0)]


class Session(_Model):
    version: Literal[1]
    run: RunModel
    optimizers: OptimizersModel
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


# --- state <-> session -----------------------------------------------------------------------------


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


def _validated(data: object) -> Session:
    try:
        return Session.model_validate(data)
    except ValidationError as error:
        raise SessionError(_describe(error)) from None


def session_from_state(state: AppState) -> Session:
    """The session of ``state``; SessionError when a setting is outside what a session may hold."""
    run = asdict(state.run)
    run.setdefault("expression", str(getattr(state.run, "expression", "")))
    optimizers = {}
    for kind, settings in state.optimizers.items():
        knobs = asdict(settings)
        knobs.pop("kind")
        optimizers[kind] = knobs
    data = {
        "version": SESSION_VERSION,
        "run": run,
        "optimizers": optimizers,
        "view": asdict(state.view),
        "playback": asdict(state.playback),
    }
    try:
        return _validated(data)
    except SessionError as error:
        raise SessionError(f"the current settings cannot be saved: {error}") from None


def apply_session(session: Session, state: AppState) -> None:
    """Write every field of ``session`` into ``state``; nothing is written unless all of it is valid.

    Order: run (problem_id last), optimizer rows, view, then the play head, so a listener reacting to
    a new problem (the controller picks log_height, clamps the head) cannot undo the saved view.
    """
    checked = _validated(session)  # revalidates: a model_construct()ed session is checked too
    run = checked.run.model_dump(exclude={"expression", "problem_id", "custom_runs"})
    run["custom_runs"] = tuple(CustomRun(**custom.model_dump()) for custom in checked.run.custom_runs)
    has_expression = any(f.name == "expression" for f in fields(state.run))
    if checked.run.problem_id == EXPRESSION_ID and not has_expression:
        raise SessionError("this session uses a typed surface f(x, y), which this gdscope cannot show")
    missing = [kind for kind in OPTIMIZER_KINDS if kind not in state.optimizers]
    if missing:
        raise SessionError(f"the state has no optimizer rows {', '.join(missing)}")

    for name, value in run.items():
        setattr(state.run, name, value)
    if has_expression:
        setattr(state.run, "expression", checked.run.expression)  # noqa: B010 (not yet in RunSettings)
    state.run.problem_id = checked.run.problem_id
    for kind in OPTIMIZER_KINDS:
        knobs: OptimizerModel = getattr(checked.optimizers, kind)
        for name, value in knobs.model_dump().items():
            setattr(state.optimizers[kind], name, value)
    for name, value in checked.view.model_dump().items():
        setattr(state.view, name, value)
    state.playback.playing = False
    state.playback.speed = checked.playback.speed
    state.playback.step = checked.playback.step
    state.playback.playing = checked.playback.playing


# --- files -----------------------------------------------------------------------------------------

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "the folder does not exist",
    errno.EISDIR: "it is a folder",
}


def _reason(error: OSError) -> str:
    return _REASONS.get(error.errno or 0) or error.strerror or str(error) or type(error).__name__


def ensure_suffix(path: str | os.PathLike[str]) -> Path:
    """``path`` ending in ``.gdscope.json`` (what a Save dialog should write)."""
    path = Path(path)
    return path if path.name.endswith(SESSION_SUFFIX) else path.with_name(path.name + SESSION_SUFFIX)


def session_text(session: Session) -> str:
    return json.dumps(session.model_dump(mode="json"), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def save_session(state: AppState, path: str | os.PathLike[str]) -> None:
    """Write ``state``'s session to ``path`` atomically: the old file stays whole until the new one is."""
    path = Path(path)
    data = session_text(session_from_state(state)).encode("utf-8")
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")  # same folder: os.replace is atomic
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise SessionError(f"cannot save {path.name}: {_reason(error)}") from None
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise SessionError(f"cannot save {path.name}: {_reason(error)}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows (POSIX); best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _too_large(name: str) -> SessionError:
    return SessionError(f"{name}: larger than {MAX_FILE_BYTES // 1_000_000} MB, so not a session file")


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing folders, unreadable files and anything over MAX_FILE_BYTES."""
    try:
        if path.is_dir():
            raise SessionError(f"{path.name}: is a folder, not a session file")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _too_large(path.name)
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # a special file can report size 0 and never end
    except FileNotFoundError:
        raise SessionError(f"{path.name}: file not found") from None
    except OSError as error:
        raise SessionError(f"{path.name}: cannot be read ({_reason(error)})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(path.name)
    return raw


def _parse_json(raw: bytes, name: str) -> object:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SessionError(f"{name} line {line}: the file is not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SessionError(
            f"{name}: not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise SessionError(f"{name}: the JSON is nested too deeply") from None
    except ValueError:  # json's only other refusal: an integer longer than Python converts (4300 digits)
        raise SessionError(f"{name}: not valid JSON: a number has too many digits") from None


def _check_version(data: object, name: str) -> None:
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise SessionError(f"{name}: not a gdscope session (expected a JSON object, got {kind})")
    if "version" not in data:
        raise SessionError(f'{name}: not a gdscope session (no "version" field)')
    version = data["version"]
    if type(version) is not int:
        raise SessionError(f'{name}: "version" must be a whole number')
    if version > SESSION_VERSION:
        shown = str(version) if version < 10**9 else "unknown"
        raise SessionError(
            f"{name}: this file was written by a newer gdscope (version {shown}); "
            f"this one reads version {SESSION_VERSION}"
        )
    if version < 1:
        raise SessionError(f"{name}: unknown session version {version}")


def load_session(path: str | os.PathLike[str]) -> Session:
    """The validated session in ``path``; SessionError (and nothing else) when it cannot be used."""
    path = Path(path)
    data = _parse_json(_read_bytes(path), path.name)
    _check_version(data, path.name)
    # Version 1 is the only one so far: older versions would be migrated to the current dict here.
    try:
        return _validated(data)
    except SessionError as error:
        raise SessionError(f"{path.name}: {error}") from None
    except RecursionError:
        raise SessionError(f"{path.name}: the JSON is nested too deeply") from None
