"""Sessions in the window: save, change, open; bad files change nothing; --session on the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.state.session import session_from_state
from app.window.controller import Controller
from app.window.main_window import MainWindow
from app.window.session_controller import SessionController

GDSCOPE = str(Path(sys.executable).with_name("gdscope"))


def sessions_of(window: MainWindow) -> SessionController:
    found = window.findChild(SessionController)
    assert found is not None
    return found


def test_save_then_open_restores_everything(
    qtbot: QtBot, tmp_path: Path, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_and_controller
    state, sessions = controller.state, sessions_of(window)
    state.run.problem_id = "himmelblau"
    state.run.lr = 0.02
    state.run.start = (1.0, -1.0)
    state.optimizers["rmsprop"].enabled = True
    state.optimizers["rmsprop"].centered = True
    state.view.ema_beta = 0.5
    state.playback.step = 42
    saved = session_from_state(state).model_dump()
    assert sessions.save(tmp_path / "lesson")
    assert (tmp_path / "lesson.gdscope.json").is_file()

    state.run.problem_id = "bowl"
    state.run.lr = 0.3
    state.optimizers["rmsprop"].enabled = False
    assert sessions.open(tmp_path / "lesson.gdscope.json")
    assert session_from_state(state).model_dump() == saved
    assert controller.problem.id == "himmelblau"
    assert tuple(controller.results.entries[-1].result.params[0]) == (1.0, -1.0)
    assert window.surface_view.step_label.text().startswith("step 42")
    assert str((tmp_path / "lesson.gdscope.json").resolve()) == sessions.recent_files()[0]
    assert window.recent_menu.actions()[0].text() == "lesson.gdscope.json"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{ not json", "line 1"),
        ('{"version": 99}', "newer gdscope"),
        ("", "JSON"),
        ('{"version": 1, "run": {"lr": NaN}}', "run"),
    ],
)
def test_a_bad_file_changes_nothing(
    qtbot: QtBot,
    tmp_path: Path,
    window_and_controller: tuple[MainWindow, Controller],
    content: str,
    reason: str,
) -> None:
    window, controller = window_and_controller
    window.hide()  # the reason is reported through the signal instead of a modal box
    bad = tmp_path / "bad.gdscope.json"
    bad.write_text(content)
    before = session_from_state(controller.state).model_dump()
    results_before = controller.results
    with qtbot.waitSignal(sessions_of(window).session_failed) as failure:
        assert not sessions_of(window).open(bad)
    assert reason in failure.args[0]
    assert session_from_state(controller.state).model_dump() == before
    assert controller.results is results_before


def test_gdscope_session_with_a_bad_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.gdscope.json"
    bad.write_text('{"version": 1, "run": {"problem_id": "volcano"}}')
    done = subprocess.run([GDSCOPE, "--session", str(bad)], capture_output=True, text=True, timeout=120)
    assert (
        done.returncode == 2 and done.stderr.startswith("gdscope: error:") and "Traceback" not in done.stderr
    )


def test_render_a_session(tmp_path: Path, window_and_controller: tuple[MainWindow, Controller]) -> None:
    window, controller = window_and_controller
    controller.state.run.problem_id = "saddle"
    controller.state.playback.step = 30
    assert sessions_of(window).save(tmp_path / "s.gdscope.json")
    out = tmp_path / "s.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run(
        [GDSCOPE, "render", "--session", str(tmp_path / "s.gdscope.json"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 10_000
    (tmp_path / "bad.gdscope.json").write_text("[]")
    bad_out = tmp_path / "bad.png"
    done = subprocess.run(
        [GDSCOPE, "render", "--session", str(tmp_path / "bad.gdscope.json"), "--out", str(bad_out)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 2 and not bad_out.exists()
