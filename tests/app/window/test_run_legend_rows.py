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

    def rows_at_full_height() -> bool:
        labels = legend.label_widgets
        laid_out = all(label.y() > 0 for label in labels)  # a new row sits at (0, 0) until laid out
        return legend.isVisible() and laid_out and all(lb.height() >= lb.sizeHint().height() for lb in labels)

    qtbot.waitUntil(rows_at_full_height, timeout=5_000)  # squeezed rows stayed squeezed before
    rows = [label.geometry() for label in legend.label_widgets]
    for k, row in enumerate(rows):
        assert not any(row.intersects(other) for other in rows[k + 1 :]), rows
    assert all(legend.rect().contains(row) for row in rows)
    workers = window.findChildren(BackgroundWorker)
    qtbot.waitUntil(lambda: all(w.is_idle() for w in workers), timeout=90_000)
