"""Session files (``.gdscope.json``): everything needed to reopen the window as it was.

A versioned schema (app/session_schema.py, re-exported here) validated strictly with pydantic, so a
file from anywhere can be opened safely: loading only reads JSON and checks it, never runs anything.
Every failure the user can meet is a ``SessionError`` whose message names the file's problem or the
field (``run.lr: ...``).

Qt-free on purpose (like the state it mirrors), so it is tested without a display; saving goes through
the one atomic writer (app/runs/file_writing.py).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, fields
from pathlib import Path

from algorithms.regular_files import FileRefusedError, read_regular
from app.runs.file_writing import WriteError, write_text_atomically
from app.state.app_state import AppState, CustomRun
from app.state.optimizer_kinds import OPTIMIZER_KINDS
from app.state.schedules import ScheduleSettings
from app.state.session_schema import (
    EXPRESSION_ID,
    MAX_ERRORS_SHOWN,
    MAX_EXPRESSION_LENGTH,
    MAX_FILE_BYTES,
    PROBLEM_IDS,
    SESSION_SUFFIX,
    SESSION_VERSION,
    CustomRunModel,
    OptimizerModel,
    OptimizersModel,
    PlaybackModel,
    RunModel,
    ScheduleModel,
    Session,
    SessionError,
    ViewModel,
    validated_session,
)

__all__ = [
    "EXPRESSION_ID",
    "MAX_ERRORS_SHOWN",
    "MAX_EXPRESSION_LENGTH",
    "MAX_FILE_BYTES",
    "PROBLEM_IDS",
    "SESSION_SUFFIX",
    "SESSION_VERSION",
    "CustomRunModel",
    "OptimizerModel",
    "OptimizersModel",
    "PlaybackModel",
    "RunModel",
    "Session",
    "SessionError",
    "ViewModel",
    "apply_session",
    "ensure_suffix",
    "load_session",
    "save_session",
    "session_from_state",
    "session_text",
]


# --- state <-> session -----------------------------------------------------------------------------


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
        return validated_session(data)
    except SessionError as error:
        raise SessionError(f"the current settings cannot be saved: {error}") from None


def _schedule_settings(model: ScheduleModel | None) -> ScheduleSettings | None:
    if model is None:
        return None
    return ScheduleSettings(model.name, tuple(model.args.items()), model.interval)


def apply_session(session: Session, state: AppState) -> None:
    """Write every field of ``session`` into ``state``; nothing is written unless all of it is valid.

    Order: run (problem_id last), optimizer rows, view, then the play head, so a listener reacting to
    a new problem (the controller picks log_height, clamps the head) cannot undo the saved view.
    """
    checked = validated_session(session)  # revalidates: a model_construct()ed session is checked too
    run = checked.run.model_dump(exclude={"expression", "problem_id", "custom_runs", "schedule"})
    run["schedule"] = _schedule_settings(checked.run.schedule)
    run["custom_runs"] = tuple(
        CustomRun(**{**custom.model_dump(), "schedule": _schedule_settings(custom.schedule)})
        for custom in checked.run.custom_runs
    )
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
        knobs = getattr(checked.optimizers, kind)
        for name, value in knobs.model_dump().items():
            setattr(state.optimizers[kind], name, value)
    for name, value in checked.view.model_dump().items():
        setattr(state.view, name, value)
    state.playback.playing = False
    state.playback.speed = checked.playback.speed
    state.playback.step = checked.playback.step
    state.playback.playing = checked.playback.playing


# --- files -----------------------------------------------------------------------------------------


def ensure_suffix(path: str | os.PathLike[str]) -> Path:
    """``path`` ending in ``.gdscope.json`` (what a Save dialog should write)."""
    path = Path(path)
    return path if path.name.endswith(SESSION_SUFFIX) else path.with_name(path.name + SESSION_SUFFIX)


def session_text(session: Session) -> str:
    return json.dumps(session.model_dump(mode="json"), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def save_session(state: AppState, path: str | os.PathLike[str]) -> None:
    """Write ``state``'s session to ``path`` atomically: the old file stays whole until the new one is."""
    path = Path(path)
    data = session_text(session_from_state(state))
    try:
        write_text_atomically(path, data)
    except WriteError as error:
        raise SessionError(f"cannot save {path.name}: {error.reason}") from None


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing folders, special files (FIFOs, devices) and anything over MAX_FILE_BYTES."""
    try:
        return read_regular(path, MAX_FILE_BYTES, "session file")
    except FileRefusedError as error:
        raise SessionError(str(error)) from None


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
        return validated_session(data)
    except SessionError as error:
        raise SessionError(f"{path.name}: {error}") from None
    except RecursionError:
        raise SessionError(f"{path.name}: the JSON is nested too deeply") from None
