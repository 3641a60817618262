"""Controller behaviour: state changes reach the views, bad settings are reported, not crashed on."""

from __future__ import annotations

import numpy as np
from pytestqt.qtbot import QtBot

from app.state.app_state import AppState
from app.window.controller import Controller
from app.window.main_window import MainWindow
from app.window.run_views import loss_curves, status_lines


def test_invalid_knob_is_reported_on_its_row(window_and_controller: tuple[MainWindow, Controller]) -> None:
    window, controller = window_and_controller
    controller.state.optimizers["nesterov"].enabled = True
    window.controls_panel.optimizer_changed.emit("nesterov", "momentum", 0.0)
    entry = next(e for e in controller.results.entries if e.key == "nesterov")
    assert entry.result is None and "Nesterov momentum requires" in entry.plan.error
    lines = {line.key: line for line in status_lines(controller.results, 0)}
    assert lines["nesterov"].state == "diverged" and "Nesterov" in lines["nesterov"].text
    assert all(e.result is not None for e in controller.results.entries if e.key != "nesterov")


def test_divergence_is_named_with_its_step(window_and_controller: tuple[MainWindow, Controller]) -> None:
    _window, controller = window_and_controller
    controller.state.run.lr = 0.5
    gd = next(e for e in controller.results.entries if e.key == "gd")
    assert gd.result is not None and gd.result.status in ("diverged", "left-domain")
    controller.state.playback.step = controller.state.run.steps
    line = next(
        line for line in status_lines(controller.results, controller.state.playback.step) if line.key == "gd"
    )
    assert f"at step {gd.result.stopped_at}" in line.text
    assert np.isfinite(gd.result.params).all()


def test_gallery_choice_loads_the_problem_and_its_grid(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    window, controller = window_and_controller
    controller.state.run.start = (1.0, 1.0)
    window.gallery_panel.item_chosen.emit("linear-regression")
    assert controller.problem.kind == "linear-regression"
    assert controller.state.run.start is None  # a new problem starts from its own start point
    qtbot.waitUntil(lambda: controller.grid is not None and controller.grid.x_label == "w", timeout=20_000)
    assert window.contour_view.isVisible()
    assert not window.controls_panel.noise_spin.isVisible()


def test_smoothing_changes_only_the_curves(window_and_controller: tuple[MainWindow, Controller]) -> None:
    window, controller = window_and_controller
    before = controller.results
    window.controls_panel.ema_beta_changed.emit(0.5)
    assert controller.results is before  # no re-run for a view setting
    curves = loss_curves(before, 0.5, True)
    raw = curves[0].raw
    assert curves[0].smooth[0] == raw[0]  # bias-corrected EMA starts at the first value
    assert curves[0].smooth[1] == (0.5 * 0.5 * raw[0] + 0.5 * raw[1]) / (1 - 0.25)


def test_custom_runs_scale_the_shared_lr_and_smooth_on_their_own(
    window_and_controller: tuple[MainWindow, Controller],
) -> None:
    from app.state.app_state import CustomRun

    window, controller = window_and_controller
    controller.state.run.custom_runs = (
        CustomRun("x1", "lr × 1", "#ff0000", "gd", 1.0, ema_beta=0.0),
        CustomRun("x4", "lr × 4", "#00ff00", "gd", 4.0, ema_beta=0.99, bias_correction=False),
    )
    entries = controller.results.entries
    assert [e.key for e in entries] == ["x1", "x4"]
    assert entries[1].result.spec.optimizer.lr == 4 * controller.state.run.lr
    curves = {c.key: c for c in loss_curves(controller.results, 0.9, True)}
    np.testing.assert_array_equal(curves["x1"].smooth, curves["x1"].raw)  # β = 0: no smoothing
    assert curves["x4"].smooth[0] == (1 - 0.99) * curves["x4"].raw[0]  # β = 0.99 without bias correction
    window.controls_panel.lr_changed.emit(0.002)
    assert controller.results.entries[1].result.spec.optimizer.lr == 0.008


def test_a_session_sets_the_view_menu_checks(window_and_controller: tuple[MainWindow, Controller]) -> None:
    from app.state.session import session_from_state

    window, controller = window_and_controller
    assert window.gradient_action.isChecked() and window.critical_action.isChecked()
    assert window.wireframe_action.isChecked()  # the grid mesh is on by default
    saved = AppState()
    saved.view.show_gradient, saved.view.show_critical, saved.view.wireframe = False, False, False
    controller.apply_session(session_from_state(saved))
    assert not window.gradient_action.isChecked()
    assert window.momentum_action.isChecked()
    assert not window.critical_action.isChecked()
    assert not window.wireframe_action.isChecked()
    controller.state.view.show_momentum = False  # any change of the state reaches the menu
    assert not window.momentum_action.isChecked()
    window.gradient_action.trigger()  # and the menu still writes the state
    assert controller.state.view.show_gradient is True


def test_a_change_is_applied_with_the_signals_held(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller]
) -> None:
    _window, controller = window_and_controller
    generation = controller.results.generation

    def change(state: AppState) -> None:
        state.run.lr, state.run.steps = 0.002, 50
        state.optimizers["adam"].beta1 = 0.8
        state.optimizers["sgd"].enabled = True

    controller.change_state(change)
    assert controller.results.generation == generation + 1  # one re-run for four changes
    assert controller.results.steps == 50
    assert [e.key for e in controller.results.entries] == ["gd", "sgd", "momentum", "adam"]
