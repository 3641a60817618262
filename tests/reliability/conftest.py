"""Shared set-up of the reliability tests: the Qt fixtures, sessions as dicts, the CLI as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.state.app_state import AppState
from app.state.session import session_from_state
from app.window.controller import Controller
from app.window.launch import build_window
from app.window.main_window import MainWindow
from tests.qt_support import no_leaked_qt_objects

__all__ = ["no_leaked_qt_objects"]

ROOT = Path(__file__).resolve().parents[2]


def gdscope(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`gdscope ARGS` from this checkout (not whatever copy the venv's script points to)."""
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def default_session() -> dict[str, Any]:
    """A valid session of the default state, as the JSON dict a file holds."""
    data: dict[str, Any] = json.loads(json.dumps(session_from_state(AppState()).model_dump(mode="json")))
    return data


def write_session(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def window_and_controller(qtbot: QtBot) -> Iterator[tuple[MainWindow, Controller]]:
    """The real window and controller on a fresh state, with the first grid drawn (hidden: no modal boxes)."""
    window, controller = build_window(AppState())
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: controller.grid is not None and controller.worker.is_idle(), timeout=30_000)
    yield window, controller
    controller.shutdown()
