"""RacePanel both ways: set_lines shows sortable numbers; the tolerance box and row clicks emit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from widgets.panels.race_panel import RaceLine, RacePanel

LINES = [
    RaceLine("gd", "GD", "#ff0000", 120, 1e-4, 0.01, None),
    RaceLine("adam", "Adam", "#00ff00", 35, 2e-5, 0.002, None),
    RaceLine("boom", "Momentum", "#0000ff", None, 3.5e8, None, 17),
]


@pytest.fixture
def panel(qtbot: QtBot) -> RacePanel:
    widget = RacePanel()
    qtbot.addWidget(widget)
    return widget


def test_lines_sort_by_number_with_missing_last(panel: RacePanel) -> None:
    panel.set_lines(LINES)
    assert [row[0] for row in panel.texts()] == ["Adam", "GD", "Momentum"]  # by steps to tolerance
    assert panel.texts()[2] == ["Momentum", "—", "3.5e+08", "—", "17"]
    panel.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert [row[0] for row in panel.texts()] == ["Momentum", "GD", "Adam"]
    panel.set_lines(LINES[:2])  # the user's sort is kept
    assert [row[0] for row in panel.texts()] == ["GD", "Adam"]


def test_user_actions_emit(qtbot: QtBot, panel: RacePanel) -> None:
    panel.set_lines(LINES)
    with qtbot.assertNotEmitted(panel.tolerance_changed):
        panel.set_tolerance(0.5)
    assert panel.tolerance_box.value() == 0.5
    with qtbot.waitSignal(panel.tolerance_changed) as blocker:
        panel.tolerance_box.setValue(0.01)
    assert blocker.args == [0.01]
    with qtbot.waitSignal(panel.run_selected) as selected:
        rect = panel.table.visualRect(panel.proxy.index(1, 3))
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected.args == ["gd"]
