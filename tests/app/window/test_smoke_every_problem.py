"""Every gallery entry with every optimizer row, at both batch extremes: nothing raises, every run is
drawn, and a path's first point is the start point."""

from __future__ import annotations

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from app.state.optimizer_kinds import OPTIMIZER_KINDS
from app.window.controller import Controller
from app.window.grid_tasks import GALLERY_KEYS
from app.window.main_window import MainWindow


@pytest.mark.parametrize("key", GALLERY_KEYS)
def test_every_problem_with_every_optimizer(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller], key: str
) -> None:
    window, controller = window_and_controller
    state = controller.state
    window.gallery_panel.item_chosen.emit(key)
    for kind in OPTIMIZER_KINDS:
        window.controls_panel.optimizer_changed.emit(kind, "enabled", True)
    for batch in (1, 0):
        window.controls_panel.batch_size_changed.emit(batch)
        entries = controller.results.entries
        assert [e.key for e in entries] == list(OPTIMIZER_KINDS)
        for entry in entries:
            assert entry.result is not None, entry.plan.error
            np.testing.assert_array_equal(entry.result.params[0], controller.problem.start)
        for dock in ("graph", "data", "code"):  # the course panels follow the play head when shown
            window.docks[dock].raise_()
            qtbot.waitUntil(window.docks[dock].isVisible)
            state.playback.step = 7
            state.playback.step = state.run.steps
        assert len(window.surface_view.path_items) == len(OPTIMIZER_KINDS)
    qtbot.waitUntil(
        lambda: controller.grid is not None and controller.grid.z.shape == (100, 100), timeout=30_000
    )
    qtbot.waitUntil(controller.worker.is_idle, timeout=30_000)
