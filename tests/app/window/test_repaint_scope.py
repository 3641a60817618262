"""A learning-rate change updates only what can be seen: no new layout of the whole window (which
repaints and recomposes all of it through GL), no work for dock tabs lying behind another tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.window.controller import Controller
from app.window.main_window import MainWindow
from tests.app.window.test_course_window import record_calls
from widgets.common.on_screen import on_screen


class LayoutRequests(QObject):
    """Counts the LayoutRequest events a widget receives."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_an_lr_change_asks_no_new_layout_of_the_window(
    window_and_controller: tuple[MainWindow, Controller],
) -> None:
    window, controller = window_and_controller
    controller.state.run.lr = 0.002
    QApplication.processEvents()
    requests = LayoutRequests()
    window.installEventFilter(requests)
    window.centralWidget().installEventFilter(requests)
    for lr in (0.003, 0.004, 0.005):
        controller.state.run.lr = lr
        QApplication.processEvents()
    window.removeEventFilter(requests)
    window.centralWidget().removeEventFilter(requests)
    assert requests.count == 0
    assert controller.results is not None and controller.results.entries[0].result is not None
    assert controller.results.entries[0].result.spec.optimizer.lr == 0.005


def test_tabs_behind_others_are_filled_when_chosen(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, controller = window_and_controller
    assert window.docks["race"].isVisible() and not on_screen(window.docks["race"])  # behind "Loss"
    assert not on_screen(window.docks["code"]) and not on_screen(window.docks["graph"])
    calls = record_calls(monkeypatch, window.race_panel, "set_lines", "race")
    record_calls(monkeypatch, window.code_panel, "set_code", "code", calls)
    record_calls(monkeypatch, window.graph_panel, "set_graph", "graph", calls)
    controller.state.run.lr = 0.002
    assert calls == {"race": [], "code": [], "graph": []}
    window.docks["race"].raise_()
    qtbot.waitUntil(lambda: on_screen(window.docks["race"]))
    assert controller.results is not None
    assert [line.key for line in calls["race"][-1]] == [e.key for e in controller.results.completed()]
    window.docks["code"].raise_()
    qtbot.waitUntil(lambda: bool(calls["code"]))
    assert not on_screen(window.docks["race"])
    count = len(calls["race"])
    controller.state.run.lr = 0.003  # the race tab is behind the code tab again
    assert len(calls["race"]) == count
