"""At 1366×768 every lesson's text shows whole, in English and Chinese, and lesson 9's lr plot
takes its room from the loss curves, in step with them (issue 11; review items D6, D7)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QPointF, QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.runtime.translations import install_language, remove_language
from app.state.app_state import AppState
from app.state.lessons import LESSONS
from app.window.controller import Controller
from app.window.launch import build_window
from app.window.lesson_controller import LessonController
from app.window.main_window import MainWindow


@pytest.fixture(params=["en", "zh_CN"])
def window_in(
    request: pytest.FixtureRequest, qtbot: QtBot, qapp: QApplication
) -> Iterator[tuple[MainWindow, Controller]]:
    language = str(request.param)
    if language != "en":
        install_language(qapp, language)
    window, controller = build_window(AppState(), language)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: controller.grid is not None and controller.worker.is_idle(), timeout=30_000)
    yield window, controller
    controller.shutdown()
    remove_language(qapp)


def wait_for_workers(qtbot: QtBot, window: MainWindow) -> None:
    """Let the window's background work (grids, critical points) finish before the test ends (the
    window is closed before fixtures are torn down); a lesson may have replaced workers on the way."""
    from app.runtime.workers import BackgroundWorker

    workers = [w for w in window.findChildren(BackgroundWorker) if shiboken6.isValid(w)]
    qtbot.waitUntil(lambda: all(not shiboken6.isValid(w) or w.is_idle() for w in workers), timeout=90_000)


def text_shows_whole(window: MainWindow) -> bool:
    browser = window.lesson_panel.text_browser
    height = browser.document().size().height()
    return browser.verticalScrollBar().maximum() == 0 and height <= browser.viewport().height()


def test_every_lesson_text_shows_whole_without_scrolling(
    qtbot: QtBot, window_in: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_in
    lessons = window.findChild(LessonController)
    views = window.surface_view.size()
    for lesson in LESSONS:
        lessons.start(lesson.id)
        controller.state.playback.playing = False
        qtbot.waitUntil(lambda: text_shows_whole(window), timeout=5_000)
        browser = window.lesson_panel.text_browser
        assert browser.document().size().height() <= browser.viewport().height(), lesson.id
        assert window.surface_view.size() == views, lesson.id  # the text never takes the views' room
    wait_for_workers(qtbot, window)


def screen_x(window: MainWindow, plot: object, x: float) -> float:
    """Where the plot item ``plot`` of the loss panel draws step ``x``, in window pixels."""
    box = plot.getViewBox()  # type: ignore[attr-defined]
    scene_point = box.mapViewToScene(QPointF(x, 0.0))
    view = box.scene().views()[0]
    return float(view.mapTo(window, view.mapFromScene(scene_point)).x())


def test_the_lr_plot_takes_the_loss_curves_room_and_shares_their_steps(
    qtbot: QtBot, window_in: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_in
    lessons = window.findChild(LessonController)
    panel = window.loss_panel
    before: QSize = window.surface_view.size()
    map_before: QSize = window.contour_view.size()

    lessons.start("warmup-decay")
    controller.state.playback.playing = False
    qtbot.waitUntil(lambda: panel.lr_view.isVisibleTo(panel) and panel.lr_view.height() > 40)
    QApplication.processEvents()
    assert window.surface_view.size() == before and window.contour_view.size() == map_before
    controller.state.playback.step = 85
    qtbot.waitUntil(lambda: panel.play_head.value() == 85 == panel.lr_view.play_head.value())
    for step in (0.0, 85.0, 150.0, 300.0):
        loss_x = screen_x(window, panel.plot_item, step)
        lr_x = screen_x(window, panel.lr_view.plot_item, step)
        assert abs(loss_x - lr_x) <= 1, (step, loss_x, lr_x)

    lessons.start("saddle-escape")
    controller.state.playback.playing = False
    qtbot.waitUntil(lambda: not panel.lr_view.isVisibleTo(panel))
    QApplication.processEvents()
    assert window.surface_view.size() == before and window.contour_view.size() == map_before
    assert panel.plot_widget.height() > 150  # the loss curves have their room back
    wait_for_workers(qtbot, window)
