from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.state.app_state import AppState
from app.window.controller import Controller
from app.window.launch import build_window
from app.window.main_window import MainWindow
from tests.qt_support import no_leaked_qt_objects

__all__ = ["no_leaked_qt_objects"]


@pytest.fixture
def window_and_controller(qtbot: QtBot) -> Iterator[tuple[MainWindow, Controller]]:
    """The real window and controller on a fresh state, shown, with the first grid drawn."""
    window, controller = build_window(AppState())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: controller.grid is not None and controller.worker.is_idle(), timeout=30_000)
    yield window, controller
    controller.shutdown()
