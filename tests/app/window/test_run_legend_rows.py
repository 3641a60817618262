"""The 3D view's run legend after a lesson changes the runs: every row at its full height (issue 11)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.runtime.workers import BackgroundWorker
from app.window.controller import Controller
from app.window.lesson_controller import LessonController
from app.window.main_window import MainWindow


def test_lesson_legend_rows_never_overlap(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, _ = window_and_controller
    window.findChild(LessonController).start("adaptive-rosenbrock")
    legend = window.surface_view.run_legend
    qtbot.waitUntil(
        lambda: legend.labels == ["GD (full batch)", "Adagrad", "RMSprop", "Adam"], timeout=60_000
    )
    qtbot.waitUntil(lambda: legend.isVisible() and legend._rows[-1][1].geometry().y() > 0)  # laid out
    rows = [label.geometry() for _, label in legend._rows]
    for k, (row, (_, label)) in enumerate(zip(rows, legend._rows, strict=True)):
        assert row.height() >= label.sizeHint().height(), rows
        assert not any(row.intersects(other) for other in rows[k + 1 :]), rows
    workers = window.findChildren(BackgroundWorker)
    qtbot.waitUntil(lambda: all(w.is_idle() for w in workers), timeout=90_000)
