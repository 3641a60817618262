"""Session files: round trip, atomic save, and every kind of bad file refused with a SessionError."""

from __future__ import annotations

import copy
import errno
import json
import os
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.state.app_state import (
    AppState,
    CustomRun,
    OptimizerSettings,
    PlaybackState,
    RunSettings,
    ViewSettings,
)
from app.state.optimizer_kinds import OPTIMIZER_KINDS
from app.state.session import (
    MAX_FILE_BYTES,
    SESSION_VERSION,
    OptimizerModel,
    OptimizersModel,
    PlaybackModel,
    RunModel,
    Session,
    SessionError,
    ViewModel,
    apply_session,
    ensure_suffix,
    load_session,
    save_session,
    session_from_state,
)
from app.state.session_schema import validated_session


def _snapshot(state: AppState) -> dict[str, Any]:
    return {
        "run": asdict(state.run),
        "view": asdict(state.view),
        "playback": asdict(state.playback),
        "optimizers": {kind: asdict(row) for kind, row in state.optimizers.items()},
    }


def _edited_state() -> AppState:
    """A state with every field away from its default."""
    state = AppState()
    run = state.run
    run.problem_id = "linear-regression"
    run.lr = 0.05
    run.batch_size = 8
    run.steps = 750
    run.noise = 2.5
    run.samples = 64
    run.seed = 12345
    run.shuffle = False
    run.start = (-1.25, 3.5)
    run.dataset = "course"
    run.split = (0.7, 0.2, 0.1)
    run.reduction = "sum"
    run.custom_runs = (
        CustomRun("x1", "lr × 1", "#ff0000", "gd", 1.0, ema_beta=0.0),
        CustomRun("x4", "lr × 4 — ω", "#00ff00", "adam", 4.0, ema_beta=0.99, bias_correction=False),
    )
    for index, kind in enumerate(OPTIMIZER_KINDS):
        row = state.optimizers[kind]
        row.enabled = index % 2 == 0
        row.momentum = 0.5 + index / 100
        row.dampening = 0.1
        row.beta1 = 0.8
        row.beta2 = 0.99
        row.eps = 1e-6
        row.amsgrad = True
        row.alpha = 0.95
        row.centered = True
        row.lr_decay = 0.01 * index
        row.initial_accumulator_value = 0.5
        row.weight_decay = 0.001 * index
    state.view.ema_beta = 0.75
    state.view.bias_correction = False
    state.view.log_height = True
    state.view.log_loss = True
    state.view.wireframe = True
    state.playback.step = 321
    state.playback.playing = True
    state.playback.speed = 60.0
    return state


def _valid_dict() -> dict[str, Any]:
    data: dict[str, Any] = session_from_state(_edited_state()).model_dump(mode="json")
    return data


def _write(tmp_path: Path, content: str | bytes, name: str = "s.gdscope.json") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _refused(path: Path) -> str:
    """Load ``path`` into a fresh state the way the controller does; the state must stay as it was."""
    state = _edited_state()
    before = _snapshot(state)
    with pytest.raises(SessionError) as caught:
        apply_session(load_session(path), state)
    assert _snapshot(state) == before
    return str(caught.value)


# --- the schema follows the state ------------------------------------------------------------------


def test_schema_has_exactly_the_state_fields() -> None:
    assert set(RunModel.model_fields) == {f.name for f in fields(RunSettings)} | {"expression"}
    assert set(ViewModel.model_fields) == {f.name for f in fields(ViewSettings)}
    assert set(PlaybackModel.model_fields) == {f.name for f in fields(PlaybackState)}
    assert set(OptimizerModel.model_fields) == {f.name for f in fields(OptimizerSettings)} - {"kind"}
    assert tuple(OptimizersModel.model_fields) == OPTIMIZER_KINDS


# --- round trip ------------------------------------------------------------------------------------


def test_round_trip_restores_every_field(tmp_path: Path) -> None:
    original = _edited_state()
    path = tmp_path / "lesson.gdscope.json"
    save_session(original, path)
    fresh = AppState()
    apply_session(load_session(path), fresh)
    assert _snapshot(fresh) == _snapshot(original)
    assert fresh.run.custom_runs == original.run.custom_runs
    assert isinstance(fresh.run.start, tuple) and isinstance(fresh.run.split, tuple)


def test_default_state_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "default.gdscope.json"
    save_session(AppState(), path)
    fresh = _edited_state()
    apply_session(load_session(path), fresh)
    assert _snapshot(fresh) == _snapshot(AppState())


def test_saved_file_is_readable_json(tmp_path: Path) -> None:
    path = tmp_path / "s.gdscope.json"
    save_session(_edited_state(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == SESSION_VERSION
    assert data["run"]["lr"] == 0.05
    assert data["optimizers"]["adam"]["amsgrad"] is True
    assert data["playback"]["step"] == 321


def test_apply_emits_change_signals_and_writes_the_head_last() -> None:
    state = AppState()
    seen: list[str] = []
    state.run.events.connect(lambda info: seen.append(f"run.{info.signal.name}"))
    state.view.events.connect(lambda info: seen.append(f"view.{info.signal.name}"))
    state.playback.events.connect(lambda info: seen.append(f"playback.{info.signal.name}"))
    apply_session(session_from_state(_edited_state()), state)
    run_changes = [name for name in seen if name.startswith("run.")]
    assert run_changes[-1] == "run.problem_id"
    assert seen.index("run.problem_id") < seen.index("view.log_height") < seen.index("playback.step")


def test_ensure_suffix() -> None:
    assert ensure_suffix("a/lesson") == Path("a/lesson.gdscope.json")
    assert ensure_suffix("a/lesson.gdscope.json") == Path("a/lesson.gdscope.json")


# --- saving ----------------------------------------------------------------------------------------


def _assert_only(folder: Path, *names: str) -> None:
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)


def test_failed_write_halfway_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.gdscope.json"
    save_session(AppState(), path)
    old = path.read_bytes()
    real_write = os.write

    def write_half_then_fail(fd: int, data: Any) -> int:
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("app.runs.file_writing.os.write", write_half_then_fail)
    with pytest.raises(SessionError, match="disk is full"):
        save_session(_edited_state(), path)
    monkeypatch.undo()
    assert path.read_bytes() == old
    _assert_only(tmp_path, path.name)


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failed_sync_or_rename_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "s.gdscope.json"
    save_session(AppState(), path)
    old = path.read_bytes()

    def fail(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(f"app.runs.file_writing.os.{failing}", fail)
    with pytest.raises(SessionError, match="disk is full"):
        save_session(_edited_state(), path)
    monkeypatch.undo()
    assert path.read_bytes() == old
    _assert_only(tmp_path, path.name)


def test_interrupted_save_removes_the_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.gdscope.json"
    save_session(AppState(), path)
    old = path.read_bytes()

    def interrupt(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("app.runs.file_writing.os.replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        save_session(_edited_state(), path)
    monkeypatch.undo()
    assert path.read_bytes() == old
    _assert_only(tmp_path, path.name)


def test_save_without_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def deny(file: Any, flags: int, mode: int = 0o777) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(file, flags, mode)

    monkeypatch.setattr("app.runs.file_writing.os.open", deny)
    with pytest.raises(SessionError, match="permission denied"):
        save_session(AppState(), tmp_path / "s.gdscope.json")
    monkeypatch.undo()
    _assert_only(tmp_path)


def test_save_into_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SessionError, match="folder does not exist"):
        save_session(AppState(), tmp_path / "nowhere" / "s.gdscope.json")


def test_save_refuses_a_state_outside_the_schema(tmp_path: Path) -> None:
    state = AppState()
    state.run.lr = 0.0
    with pytest.raises(SessionError, match=r"run\.lr: Input should be greater than 0"):
        save_session(state, tmp_path / "s.gdscope.json")
    _assert_only(tmp_path)


# --- loading bad files -----------------------------------------------------------------------------


def _edit(change: Any) -> str:
    data = _valid_dict()
    change(data)
    return json.dumps(data)


def _set(*where: Any, value: Any) -> str:
    """The valid file with ``data[where[0]][where[1]]... = value``."""

    def change(data: dict[str, Any]) -> None:
        for part in where[:-1]:
            data = data[part]
        data[where[-1]] = value

    return _edit(change)


def _raw(*where: Any, token: str) -> str:
    """The valid file with the JSON text ``token`` (not a Python value) at ``where``."""
    return _set(*where, value="@RAW@").replace('"@RAW@"', token)


def _drop(*where: Any) -> str:
    def change(data: dict[str, Any]) -> None:
        for part in where[:-1]:
            data = data[part]
        del data[where[-1]]

    return _edit(change)


ADAM = _valid_dict()["optimizers"]["adam"]
BAD_CONTENT: list[tuple[str, str | bytes, str]] = [
    ("not utf-8", b'{"version": 1, "x": "\xff\xfe"}', "not UTF-8"),
    ("not json", '{"version": 1,\n  "run": }', "not valid JSON: Expecting value at line 2, column 10"),
    ("empty", "", "not valid JSON"),
    ("a list", "[1, 2]", "expected a JSON object, got list"),
    ("no version", _drop("version"), 'no "version" field'),
    ("text version", _set("version", value="1"), '"version" must be a whole number'),
    ("bool version", _set("version", value=True), '"version" must be a whole number'),
    ("version 0", _set("version", value=0), "unknown session version 0"),
    (
        "future version",
        _set("version", value=7),
        "this file was written by a newer gdscope (version 7); this one reads version 1",
    ),
    ("NaN lr", _raw("run", "lr", token="NaN"), "run.lr: Input should be a finite number"),
    ("infinite noise", _raw("run", "noise", token="1e999"), "run.noise: Input should be a finite"),
    ("huge number", _raw("run", "lr", token="1" * 5000), "a number has too many digits"),
    ("huge int", _set("run", "steps", value=10**300), "run.steps: Input should be less than"),
    ("lr zero", _set("run", "lr", value=0), "run.lr: Input should be greater than 0"),
    ("lr too big", _set("run", "lr", value=11.0), "run.lr: Input should be less than or equal"),
    ("steps zero", _set("run", "steps", value=0), "run.steps"),
    ("steps float", _set("run", "steps", value=10.5), "run.steps: Input should be a valid int"),
    ("steps text", _set("run", "steps", value="10"), "run.steps: Input should be a valid int"),
    ("negative batch", _set("run", "batch_size", value=-1), "run.batch_size"),
    ("no samples", _set("run", "samples", value=0), "run.samples"),
    ("noise too big", _set("run", "noise", value=101.0), "run.noise"),
    ("seed too big", _set("run", "seed", value=2**31), "run.seed"),
    ("shuffle as int", _set("run", "shuffle", value=1), "run.shuffle: Input should be a valid bool"),
    ("beta1 = 1", _set("optimizers", "adam", "beta1", value=1.0), "optimizers.adam.beta1"),
    ("negative momentum", _set("optimizers", "momentum", "momentum", value=-0.1), "momentum.momentum"),
    ("split sum", _set("run", "split", value=[0.5, 0.2, 0.2]), "run.split: the fractions must sum"),
    ("split negative", _set("run", "split", value=[1.2, -0.2, 0.0]), "run.split.1"),
    ("split length", _set("run", "split", value=[1.0]), "run.split"),
    ("start length", _set("run", "start", value=[1.0, 2.0, 3.0]), "run.start"),
    ("unknown problem", _set("run", "problem_id", value="sphere"), "run.problem_id: unknown problem"),
    ("unknown dataset", _set("run", "dataset", value="/etc/passwd"), "run.dataset: unknown data"),
    ("unknown reduction", _set("run", "reduction", value="max"), "run.reduction"),
    ("expr without text", _set("run", "problem_id", value="expr"), "run.expression: required"),
    ("expression too long", _set("run", "expression", value="x" * 501), "run.expression"),
    ("unknown key", _set("run", "colour", value="red"), "run.colour: Extra inputs are not permitted"),
    ("unknown top key", _set("macro", value="rm -rf /"), "macro: Extra inputs are not permitted"),
    ("missing row", _drop("optimizers", "adamw"), "optimizers.adamw: Field required"),
    ("extra row", _set("optimizers", "lion", value=ADAM), "optimizers.lion"),
    ("missing knob", _drop("optimizers", "sgd", "eps"), "optimizers.sgd.eps: Field required"),
    ("row kind key", _set("optimizers", "gd", "kind", value="gd"), "optimizers.gd.kind"),
    ("custom kind", _set("run", "custom_runs", 0, "kind", value="lion"), "run.custom_runs.0.kind"),
    ("custom color", _set("run", "custom_runs", 1, "color", value="red"), "run.custom_runs.1.color"),
    ("custom scale", _set("run", "custom_runs", 0, "lr_scale", value=0), "custom_runs.0.lr_scale"),
    ("custom duplicate", _set("run", "custom_runs", 1, "key", value="x1"), "two custom runs share a key"),
    ("view beta", _set("view", "ema_beta", value=1.0), "view.ema_beta"),
    ("speed zero", _set("playback", "speed", value=0), "playback.speed"),
    ("head past end", _set("playback", "step", value=751), "playback.step 751 is past the last step"),
    ("run is a list", _set("run", value=[]), "run: Input should be a valid dictionary"),
    ("deep nesting", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("deep in a field", _raw("run", "start", token="[" * 5000 + "]" * 5000), "nested too deeply"),
    ("nested in a field", _raw("run", "start", token="[" * 500 + "]" * 500), "run.start.0: Input should be"),
]


@pytest.mark.parametrize(
    ("content", "expected"), [c[1:] for c in BAD_CONTENT], ids=[c[0] for c in BAD_CONTENT]
)
def test_bad_file_is_refused_naming_the_problem(tmp_path: Path, content: str | bytes, expected: str) -> None:
    message = _refused(_write(tmp_path, content))
    assert expected in message
    assert message.startswith("s.gdscope.json")


def test_many_errors_are_summarised(tmp_path: Path) -> None:
    data = _valid_dict()
    data["run"].update(lr=-1.0, steps=0, noise=-1.0, samples=0, seed=-1, shuffle="yes")
    message = _refused(_write(tmp_path, json.dumps(data)))
    assert "run.lr" in message and "run.steps" in message and "(and 2 more)" in message


def test_control_characters_are_just_text(tmp_path: Path) -> None:
    data = _valid_dict()
    data["run"]["custom_runs"][0]["label"] = "a\x00b\x1b[31m\u202e"
    state = AppState()
    apply_session(load_session(_write(tmp_path, json.dumps(data))), state)
    assert state.run.custom_runs[0].label == "a\x00b\x1b[31m\u202e"


def test_missing_file(tmp_path: Path) -> None:
    assert "file not found" in _refused(tmp_path / "gone.gdscope.json")


def test_folder_is_refused(tmp_path: Path) -> None:
    assert "is a folder" in _refused(tmp_path)


def test_file_over_the_limit_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, json.dumps(_valid_dict()) + " " * MAX_FILE_BYTES)

    def no_parsing(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("parsed a file over the limit")

    monkeypatch.setattr("app.state.session.json.loads", no_parsing)
    assert "larger than 1 MB" in _refused(path)


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = _write(tmp_path, b"\xef\xbb\xbf" + json.dumps(_valid_dict()).encode("utf-8"))
    assert load_session(path).run.lr == 0.05


def test_expression_problem_checks_its_text(tmp_path: Path) -> None:
    pytest.importorskip("algorithms.expressions")
    data = _valid_dict()
    data["run"].update(problem_id="expr", expression="__import__('os').system('echo hi')")
    message = _refused(_write(tmp_path, json.dumps(data)))
    assert "run.expression" in message
    data["run"].update(expression="x**2 + 3*sin(y)")
    assert load_session(_write(tmp_path, json.dumps(data))).run.expression == "x**2 + 3*sin(y)"


def test_expression_session_needs_a_state_that_holds_it() -> None:
    data = _valid_dict()
    data["run"].update(problem_id="expr", expression="x**2 + y**2")
    session = Session.model_validate(data)
    state = AppState()
    before = _snapshot(state)
    if any(f.name == "expression" for f in fields(RunSettings)):
        apply_session(session, state)
        assert state.run.problem_id == "expr"
    else:
        with pytest.raises(SessionError, match="typed surface"):
            apply_session(session, state)
        assert _snapshot(state) == before


def test_apply_validates_everything_before_writing() -> None:
    good = session_from_state(_edited_state())
    # run and view valid, only the play head (written last) is not: nothing may be written
    bad = good.model_construct(
        **{**dict(good), "playback": PlaybackModel.model_construct(step=10**6, playing=False, speed=1.0)}
    )
    state = AppState()
    before = _snapshot(state)
    with pytest.raises(SessionError, match=r"playback\.step"):
        apply_session(bad, state)
    assert _snapshot(state) == before


# --- anything at all -------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


def _loads_or_refuses(path: Path, text: str) -> str:
    """Load and apply ``text``: "loaded" (the state then holds exactly that session) or "refused"
    (a SessionError that says why, and the state untouched)."""
    path.write_text(text, encoding="utf-8")
    state = AppState()
    before = _snapshot(state)
    try:
        session = load_session(path)
        apply_session(session, state)
    except SessionError as error:
        assert str(error).strip()
        assert _snapshot(state) == before  # nothing half-applied
        return "refused"
    assert session_from_state(state) == session  # what was loaded is what the state now holds
    return "loaded"


@settings(max_examples=150, deadline=None)
@given(value=json_values)
def test_any_json_value_loads_or_raises_session_error(
    tmp_path_factory: pytest.TempPathFactory, value: Any
) -> None:
    outcome = _loads_or_refuses(tmp_path_factory.getbasetemp() / "any.gdscope.json", json.dumps(value))
    if not isinstance(value, dict) or "run" not in value:
        assert outcome == "refused"  # a session is an object with its sections


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


VALID = _valid_dict()
VALID_PATHS = _paths(VALID)[1:]


@settings(max_examples=300, deadline=None)
@given(where=st.sampled_from(VALID_PATHS), value=json_values, extra=st.booleans())
def test_any_edit_of_a_valid_file_loads_or_raises_session_error(
    tmp_path_factory: pytest.TempPathFactory, where: tuple[Any, ...], value: Any, extra: bool
) -> None:
    data = copy.deepcopy(VALID)
    parent = data
    for part in where[:-1]:
        parent = parent[part]
    unchanged = not extra and json.dumps(parent[where[-1]]) == json.dumps(value)
    if extra and isinstance(parent, dict):
        parent[f"{where[-1]}_extra"] = value
    else:
        parent[where[-1]] = value
    outcome = _loads_or_refuses(tmp_path_factory.getbasetemp() / "edit.gdscope.json", json.dumps(data))
    if unchanged:
        assert outcome == "loaded"


@pytest.mark.parametrize("where", VALID_PATHS, ids=lambda where: ".".join(map(str, where)))
def test_every_field_of_a_valid_file_is_read_and_checked(tmp_path: Path, where: tuple[Any, ...]) -> None:
    """Each field written back as it was loads; the same field holding an object is refused, naming it."""
    path = tmp_path / "field.gdscope.json"
    assert _loads_or_refuses(path, json.dumps(VALID)) == "loaded"
    data = copy.deepcopy(VALID)
    parent = data
    for part in where[:-1]:
        parent = parent[part]
    parent[where[-1]] = {"bogus": [1]}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SessionError) as refused:
        apply_session(load_session(path), AppState())
    message = str(refused.value)
    assert str(where[-1]) in message or ".".join(map(str, where[:-1])) in message


@settings(max_examples=100, deadline=None)
@given(raw=st.binary(max_size=200))
def test_any_bytes_load_or_raise_session_error(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    path = tmp_path_factory.getbasetemp() / "bytes.gdscope.json"
    path.write_bytes(raw)
    with pytest.raises(SessionError):
        load_session(path)


def test_the_schema_is_derived_from_the_one_declaration() -> None:
    from app.state.optimizer_kinds import KNOBS, OPTIMIZER_BY_KIND, default_knobs

    assert set(OptimizerModel.model_fields) == {"enabled", *KNOBS}
    for kind, spec in OPTIMIZER_BY_KIND.items():
        row = AppState().optimizers[kind]
        assert {name: getattr(row, name) for name in default_knobs(kind)} == default_knobs(kind)
        assert row.enabled is spec.enabled
    assert AppState().optimizers["adamw"].weight_decay == 0.01
    assert AppState().optimizers["adagrad"].eps == 1e-10
    beta_field = OptimizerModel.model_fields["beta1"]
    with pytest.raises(SessionError, match=r"optimizers\.adam\.beta1"):
        data = session_from_state(AppState()).model_dump(mode="json")
        data["optimizers"]["adam"]["beta1"] = 1.0  # betas are in [0, 1): "decay" in the declaration
        validated_session(data)
    assert beta_field.is_required()
