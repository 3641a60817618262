"""Every lesson's explanation is shown whole, in both languages (issue 11, item 2)."""

from __future__ import annotations

import html
import re

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.state.lessons import LESSONS
from app.window.controller import Controller
from app.window.lesson_controller import LessonController
from app.window.main_window import MainWindow
from widgets.panels.lesson_panel import LessonPanel

KNOWN_TAGS = re.compile(r"</?(b|i|code|p|br)>")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_lesson_text_is_shown_whole(qtbot: QtBot, language: str) -> None:
    panel = LessonPanel()
    qtbot.addWidget(panel)
    for lesson in LESSONS:
        text = lesson.explanation(language)
        panel.set_lesson(lesson.title(language), text)
        expected = html.unescape(KNOWN_TAGS.sub("", text))
        assert panel.text_browser.toPlainText() == expected, lesson.id


def wait_for_workers(qtbot: QtBot, window: MainWindow) -> None:
    """Let the window's background work (grids, critical points) finish before the test ends."""
    from app.runtime.workers import BackgroundWorker

    workers = window.findChildren(BackgroundWorker)
    qtbot.waitUntil(lambda: all(w.is_idle() for w in workers), timeout=90_000)


def test_a_lesson_never_squeezes_the_map(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, _ = window_and_controller
    map_width = window.contour_view.width()
    window.findChild(LessonController).start("too-large-lr")
    qtbot.waitUntil(window.docks["lesson"].isVisible)
    QApplication.processEvents()
    assert window.contour_view.width() >= map_width - 2
    assert window.lesson_panel.text_browser.width() >= 300
    box = window.contour_view.plot_item.getViewBox()
    assert box.width() >= 200 and box.height() >= 200
    wait_for_workers(qtbot, window)


def test_lessons_show_their_own_settings(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_and_controller
    lessons = window.findChild(LessonController)
    lessons.start("gd-sgd-minibatch")  # batch 1's noise: visible on a log axis at every height
    assert window.loss_panel.log_y_box.isChecked() and controller.state.view.log_loss
    lessons.start("course-linear-regression")
    assert window.controls_panel.batch_slider.batch_size() == 1 == controller.state.run.batch_size
    controller.state.playback.playing = False
    wait_for_workers(qtbot, window)


def test_the_real_model_window_never_inherits_a_window_longer_than_a_tenth_of_its_steps() -> None:
    from app.real_model.launch import settings_from
    from app.state.app_state import AppState

    state = AppState()
    state.view.ema_beta = 0.999
    beta = settings_from(state).ema_beta
    assert 1.0 / (1.0 - beta) <= 0.1 * 100 + 1e-9  # ≈ the steps of the default training (5 epochs)


def test_gallery_tags_are_translated() -> None:
    from app.window.grid_tasks import gallery_items

    for item in gallery_items(chinese=True):
        assert "convex" not in item.tags and "saddle" not in item.tags, item
        assert "凸" in item.tags
