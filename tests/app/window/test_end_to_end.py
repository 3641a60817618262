"""The window as a learner uses it: pick a surface, enable optimizers, press play, watch."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from algorithms.engine import RunSpec, run_many
from algorithms.optimizers import OptimizerConfig
from app.window.controller import Controller
from app.window.main_window import MainWindow


def click_gallery(qtbot: QtBot, window: MainWindow, key: str) -> None:
    window.docks["gallery"].raise_()
    view = window.gallery_panel.list_widget
    row = next(i for i in range(view.count()) if view.item(i).data(Qt.ItemDataRole.UserRole) == key)
    view.scrollToItem(view.item(row))
    center = view.visualItemRect(view.item(row)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)


def set_enabled(qtbot: QtBot, window: MainWindow, kind: str, enabled: bool) -> None:
    box = window.controls_panel.rows[kind].enabled_box
    if box.isChecked() != enabled:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)


def test_play_rosenbrock_with_adam_and_sgd(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_and_controller
    state = controller.state
    click_gallery(qtbot, window, "himmelblau")
    qtbot.waitUntil(lambda: state.run.problem_id == "himmelblau")
    click_gallery(qtbot, window, "rosenbrock")
    qtbot.waitUntil(
        lambda: state.run.problem_id == "rosenbrock" and controller.worker.is_idle(), timeout=30_000
    )
    window.docks["controls"].raise_()
    for kind in ("gd", "momentum", "adam", "sgd"):
        set_enabled(qtbot, window, kind, kind in ("adam", "sgd"))
    assert [e.key for e in controller.results.entries] == ["sgd", "adam"]

    qtbot.mouseClick(window.playback_bar.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: state.playback.step >= 50, timeout=20_000)
    qtbot.mouseClick(window.playback_bar.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not controller.player.is_running())
    step = state.playback.step
    assert step >= 50

    # The paths are the engine's runs, drawn up to the play head.
    expected = run_many(
        controller.problem,
        [
            RunSpec(OptimizerConfig("sgd", lr=state.run.lr), controller.problem.start, 1, True, 0),
            RunSpec(OptimizerConfig("adam", lr=state.run.lr), controller.problem.start, 16, True, 0),
        ],
        state.run.steps,
    )
    for path, result in zip(window.surface_view.path_items, expected, strict=True):
        shown = min(step, len(result.params) - 1) + 1
        assert path.line.pos.shape == (shown, 3)
        assert path.head.pos.shape[0] == 1
    np.testing.assert_array_equal(controller.results.entries[1].result.params, expected[1].params)
    for raw_item, smooth_item in window.loss_panel.curve_items().values():
        assert len(raw_item.getData()[1]) == step and len(smooth_item.getData()[1]) == step
    assert window.playback_bar.scrub_slider.value() == step

    image = window.surface_view.grab_image()
    pixels = np.array(
        [image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)]
    )
    assert len(np.unique(pixels)) > 200  # shaded surface and paths, not a blank frame


def test_step_buttons_scrub_and_restart(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_and_controller
    playback, bar = controller.state.playback, window.playback_bar
    qtbot.mouseClick(bar.forward_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.forward_button, Qt.MouseButton.LeftButton)
    assert playback.step == 2
    qtbot.mouseClick(bar.back_button, Qt.MouseButton.LeftButton)
    assert playback.step == 1
    assert "step 1 / 300" in window.surface_view.step_label.text()
    bar.scrub_slider.setValue(120)  # as a drag does
    assert playback.step == 120
    assert window.surface_view.path_items[0].line.pos.shape[0] == 121
    qtbot.mouseClick(bar.restart_button, Qt.MouseButton.LeftButton)
    assert playback.step == 0


def test_live_learning_rate_keeps_the_play_head(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_and_controller
    controller.state.playback.step = 80
    before = controller.results
    window.controls_panel.lr_changed.emit(0.0005)  # what dragging the slider emits
    assert controller.state.run.lr == 0.0005
    assert controller.results is not before and controller.state.playback.step == 80
    first = controller.results.entries[0].result
    assert first is not None and first.spec.optimizer.lr == 0.0005
    assert window.surface_view.path_items[0].line.pos.shape[0] == 81


def test_click_on_the_map_moves_the_start(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_and_controller
    window.contour_view.start_picked.emit(0.5, 1.5)
    assert controller.state.run.start == (0.5, 1.5)
    for entry in controller.results.entries:
        assert entry.result is not None and tuple(entry.result.params[0]) == (0.5, 1.5)
