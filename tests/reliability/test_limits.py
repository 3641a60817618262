"""Item 4 (and 5, 7): one table of limits, the same in the CLI, the sessions and the widgets.

Also the leftover tracebacks of item 5 that are about numbers, and item 7's negative --start.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.cli.main import main
from app.state.limits import (
    MAX_EPOCHS,
    MAX_IMAGE_BATCH,
    MAX_RESOLUTION,
    MAX_SAMPLES,
    MAX_SEED,
    MAX_STEPS,
    MIN_RESOLUTION,
    limit_table,
)
from app.state.session import SessionError, validated_session
from app.window.controller import Controller
from app.window.main_window import MainWindow
from tests.reliability.conftest import ROOT, default_session, gdscope, write_session

TRAJECTORY = ["trajectory", "--surface", "bowl", "--optimizer", "sgd", "--lr", "0.1", "--format", "csv"]


def _exit_2(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 2
    err = capsys.readouterr().err
    assert err.startswith("gdscope: error:") and err.count("\n") == 1
    return err


@pytest.mark.parametrize(
    ("option", "value", "flag"),
    [
        ("--steps", str(MAX_STEPS + 1), "--steps"),
        ("--steps", "1000000000", "--steps"),
        ("--samples", str(MAX_SAMPLES + 1), "--samples"),
        ("--samples", "1000000000", "--samples"),
        ("--seed", "99999999999999999999999", "--seed"),
        ("--seed", str(MAX_SEED + 1), "--seed"),
        ("--seed", "-1", "--seed"),
    ],
)
def test_trajectory_refuses_counts_past_the_limits(
    capsys: pytest.CaptureFixture[str], option: str, value: str, flag: str
) -> None:
    assert flag in _exit_2(capsys, *TRAJECTORY, option, value)


def test_trajectory_at_the_limits_runs(capsys: pytest.CaptureFixture[str]) -> None:
    args = [*TRAJECTORY, "--steps", str(MAX_STEPS), "--samples", str(MAX_SAMPLES), "--seed", str(MAX_SEED)]
    assert main(args) == 0
    assert len(capsys.readouterr().out.splitlines()) == MAX_STEPS + 2  # header + steps + 1 rows


def test_a_float_seed_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert "--seed" in _exit_2(capsys, *TRAJECTORY, "--seed", "1e23")


@pytest.mark.parametrize("spelling", [["--start", "-1.5,2"], ["--start=-1.5,2"], ["--start", "-1.5", "2"]])
def test_a_negative_start_in_every_spelling(capsys: pytest.CaptureFixture[str], spelling: list[str]) -> None:
    assert main([*TRAJECTORY, "--steps", "1", *spelling]) == 0
    first_row = capsys.readouterr().out.splitlines()[1].split(",")
    assert (float(first_row[1]), float(first_row[2])) == (-1.5, 2.0)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("run", "steps"), MAX_STEPS + 1),
        (("run", "samples"), MAX_SAMPLES + 1),
        (("run", "seed"), MAX_SEED + 1),
        (("playback", "step"), MAX_STEPS + 1),
    ],
)
def test_sessions_refuse_counts_past_the_limits(path: tuple[str, str], value: int) -> None:
    data = default_session()
    data[path[0]][path[1]] = value
    with pytest.raises(SessionError, match=rf"{path[0]}\.{path[1]}: Input should be less than or equal"):
        validated_session(data)


def test_render_refuses_negative_steps_with_a_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = write_session(tmp_path / "s.gdscope.json", default_session())
    out = tmp_path / "o.png"
    assert "--steps must be between 0" in _exit_2(
        capsys, "render", "--session", str(session), "--steps", "-5", "--out", str(out)
    )
    assert not out.exists()


def test_the_window_boxes_stop_at_the_limits(window_and_controller: tuple[MainWindow, Controller]) -> None:
    panel = window_and_controller[0].controls_panel
    assert panel.steps_spin.maximum() == MAX_STEPS
    assert panel.samples_spin.maximum() == MAX_SAMPLES
    assert panel.seed_spin.maximum() == MAX_SEED


def test_the_real_model_boxes_stop_at_the_limits(qtbot: QtBot) -> None:
    from app.real_model.launch import build_real_model_window
    from app.real_model.settings import RealModelSettings

    window, _controller = build_real_model_window(RealModelSettings())
    try:
        panel = window.training_panel
        assert panel.epochs_spin.maximum() == MAX_EPOCHS
        assert (panel.resolution_spin.minimum(), panel.resolution_spin.maximum()) == (
            MIN_RESOLUTION,
            MAX_RESOLUTION,
        )
        assert panel.batch_spin.maximum() == MAX_IMAGE_BATCH
    finally:
        window.close()


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["--epochs", str(MAX_EPOCHS + 1)], "--epochs"),
        (["--lr", "1e39"], "--lr"),
        (["--lr", "1e308"], "--lr"),
        (["--seed", "99999999999999999999999"], "--seed"),
        (["--resolution", str(MAX_RESOLUTION + 1)], "--resolution"),
    ],
)
def test_landscape_refuses_numbers_past_the_limits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], flag: str
) -> None:
    out = tmp_path / "l.json"
    base = ["landscape", "--dataset", "digits", "--model", "softmax", "--out", str(out)]
    assert flag in _exit_2(capsys, *base, *args)
    assert not out.exists()


def test_the_readme_table_lists_every_limit() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Limits") :]
    for limit in limit_table():
        row = re.search(rf"^\| {re.escape(limit.name)} \| {re.escape(limit.value)} \|", section, re.M)
        assert row, f"README's Limits table lacks: {limit.name} = {limit.value}"


def test_subprocess_gdscope_uses_this_checkout() -> None:
    done = gdscope(
        "trajectory", "--surface", "bowl", "--optimizer", "sgd", "--start", "-1.5", "2", "--steps", "0"
    )
    assert done.returncode == 0, done.stderr
