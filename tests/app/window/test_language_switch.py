"""The language switched while the app runs: the rebuilt window keeps working (issue 11, item 1)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.runtime.translations import remove_language
from app.state.app_state import AppState
from app.window.launch import WindowHost


def choose_language(host: WindowHost, code: str) -> None:
    action = next(a for a in host.window.language_menu.actions() if a.data() == code)
    action.trigger()


def test_switching_language_three_times_keeps_the_window_working(qtbot: QtBot, qapp: QApplication) -> None:
    state = AppState()
    state.run.problem_id = "rosenbrock"  # not the default (the ravine): it turns on log height
    host = WindowHost(qapp, state, "en")
    try:
        host.window.show()
        qtbot.waitExposed(host.window)
        state.playback.playing = True  # switched while running
        for _ in range(3):
            choose_language(host, "zh_CN")
            choose_language(host, "en")
        window, controller = host.window, host.controller
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: controller.grid is not None and controller.worker.is_idle(), timeout=30_000)

        # the rebuilt views show the state: Rosenbrock keeps its log height
        assert state.view.log_height
        assert (
            window.log_height_action.isChecked() and window.surface_view.scene_buttons.log_button.isChecked()
        )
        assert window.surface_view.height_transform.log and window.contour_view.height_transform.log

        # play
        qtbot.mouseClick(window.playback_bar.play_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: state.playback.step >= 5, timeout=10_000)
        qtbot.mouseClick(window.playback_bar.play_button, Qt.MouseButton.LeftButton)
        assert not controller.player.is_running()
        # step and restart
        qtbot.mouseClick(window.playback_bar.restart_button, Qt.MouseButton.LeftButton)
        assert state.playback.step == 0
        qtbot.mouseClick(window.playback_bar.forward_button, Qt.MouseButton.LeftButton)
        assert state.playback.step == 1
        assert window.playback_bar.scrub_slider.value() == 1
        # the lr slider reruns every path
        before = controller.results
        slider = window.controls_panel.lr_slider.slider
        slider.setValue(slider.value() + 30)
        assert controller.results is not before
        assert controller.results.entries[0].result.spec.optimizer.lr == state.run.lr
        # a lesson
        lessons = [a for a in window.lessons_menu.actions() if a.data()]
        lessons[0].trigger()
        assert window.docks["lesson"].isVisible()
        assert window.lesson_panel.title_label.text()
        # log height follows the state on the new window
        window.log_height_action.setChecked(not window.log_height_action.isChecked())
        assert state.view.log_height == window.log_height_action.isChecked()
        from app.runtime.workers import BackgroundWorker

        workers = window.findChildren(BackgroundWorker)
        qtbot.waitUntil(lambda: all(w.is_idle() for w in workers), timeout=90_000)
    finally:
        host.controller.shutdown()
        host.window.close()
        remove_language(qapp)


def test_the_rebuilt_window_keeps_its_place_and_the_keyboard(qtbot: QtBot, qapp: QApplication) -> None:
    host = WindowHost(qapp, AppState(), "en")
    try:
        host.window.setGeometry(120, 90, 1200, 700)
        host.window.show()
        qtbot.waitExposed(host.window)
        host.window.activateWindow()
        qtbot.waitUntil(host.window.isActiveWindow)
        placed = host.window.geometry()
        choose_language(host, "zh_CN")
        qtbot.waitExposed(host.window)
        assert host.window.geometry() == placed  # not moved down by the frame's offset
        qtbot.waitUntil(host.window.isActiveWindow)  # Space and the arrows reach it without a click
        choose_language(host, "en")
        qtbot.waitExposed(host.window)
        assert host.window.geometry() == placed
        qtbot.waitUntil(host.window.isActiveWindow)
    finally:
        host.controller.shutdown()
        host.window.close()
        remove_language(qapp)
