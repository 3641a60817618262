"""Every setting widget follows the state, whoever changes it (a lesson, a script, a test).

The fields come from the state's declaration (dataclasses.fields): a new field fails here until its
widget is added to the table below or it is listed in settings_presenter.NO_WIDGET with a reason.
Setting a field from code moves its widget and emits none of the widgets' own signals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from app.state.app_state import OptimizerSettings, PlaybackState, RunSettings, ViewSettings
from app.state.optimizer_kinds import OPTIMIZER_BY_KIND, OPTIMIZER_KINDS
from app.state.schedules import settings_for
from app.window.controller import Controller
from app.window.main_window import MainWindow
from app.window.settings_presenter import NO_WIDGET

Window = tuple[MainWindow, Controller]
# field -> (a value other than the default, what the window shows for it)
Shown = Callable[[MainWindow], object]

RUN: dict[str, tuple[object, Shown]] = {
    "problem_id": ("himmelblau", lambda w: w.gallery_panel.current_key()),
    "expression": ("x**2 + 3*y**2", lambda w: w.expression_bar.edit.text()),
    "lr": (0.01, lambda w: w.controls_panel.lr_slider.value()),
    "lr_y": (0.002, lambda w: w.controls_panel.lr_y_slider.value()),
    "batch_size": (8, lambda w: w.controls_panel.batch_slider.batch_size()),
    "steps": (120, lambda w: w.controls_panel.steps_spin.value()),
    "noise": (0.5, lambda w: w.controls_panel.noise_spin.value()),
    "samples": (50, lambda w: w.controls_panel.samples_spin.value()),
    "seed": (7, lambda w: w.controls_panel.seed_spin.value()),
    "shuffle": (False, lambda w: w.data_controls.shuffle_box.isChecked()),
    "dataset": ("synthetic-tanh", lambda w: w.data_controls.dataset_combo.currentData()),
    "split": ((0.6, 0.2, 0.2), lambda w: w.data_controls.split()),
    "reduction": ("sum", lambda w: w.data_controls.reduction_combo.currentData()),
    "schedule": (
        settings_for("StepLR", "step"),
        lambda w: (w.controls_panel.schedule_widget.name(), w.controls_panel.schedule_widget.values()),
    ),
}
VIEW: dict[str, tuple[object, Shown]] = {
    "ema_beta": (0.5, lambda w: w.controls_panel.ema_slider.value()),
    "bias_correction": (False, lambda w: w.loss_panel.bias_box.isChecked()),
    "log_height": (True, lambda w: w.log_height_action.isChecked()),
    "log_loss": (True, lambda w: w.loss_panel.log_y_box.isChecked()),
    "wireframe": (False, lambda w: w.wireframe_action.isChecked()),
    "show_gradient": (False, lambda w: w.gradient_action.isChecked()),
    "show_momentum": (False, lambda w: w.momentum_action.isChecked()),
    "show_critical": (False, lambda w: w.critical_action.isChecked()),
    "race_tolerance": (0.01, lambda w: w.race_panel.tolerance_box.value()),
    "step_by_step": (True, lambda w: w.graph_panel.step_by_step_box.isChecked()),
}
PLAYBACK: dict[str, tuple[object, Shown]] = {
    "speed": (60.0, lambda w: w.playback_bar.speed_spin.value()),
}


def _expected(field: str, value: object) -> object:
    if field == "schedule":
        return (value.name, dict(value.args))  # type: ignore[attr-defined]
    return value


def _widgets(window: MainWindow) -> list[QObject]:
    return [
        window.controls_panel,
        window.controls_panel.schedule_widget,
        window.data_controls,
        window.expression_bar,
        window.loss_panel,
        window.race_panel,
        window.graph_panel,
        window.gallery_panel,
        window.playback_bar,
        *window.controls_panel.rows.values(),
        *(a for a in window.findChildren(QAction) if a.isCheckable()),
    ]


@contextmanager
def emitted(window: MainWindow) -> Iterator[list[str]]:
    """Every user signal of the setting widgets (their own class's signals, and the actions' toggles)
    emitted inside the block."""
    heard: list[str] = []
    pairs = []
    for widget in _widgets(window):
        names = (
            ["toggled"]
            if isinstance(widget, QAction)
            else [n for n, v in vars(type(widget)).items() if isinstance(v, Signal)]
        )
        for name in names:
            signal = getattr(widget, name)
            slot = _Recorder(heard, f"{type(widget).__name__}.{name}")
            signal.connect(slot.hear)
            pairs.append((signal, slot))
    yield heard
    for signal, slot in pairs:
        signal.disconnect(slot.hear)


class _Recorder:
    def __init__(self, heard: list[str], name: str) -> None:
        self.heard, self.name = heard, name

    def hear(self, *_args: Any) -> None:
        self.heard.append(self.name)


def _declared(cls: type) -> list[str]:
    return [f.name for f in fields(cls)]


def test_every_state_field_has_a_widget_or_a_reason() -> None:
    for prefix, cls, table in (("run", RunSettings, RUN), ("view", ViewSettings, VIEW)):
        for name in _declared(cls):
            assert (name in table) != (f"{prefix}.{name}" in NO_WIDGET), f"{prefix}.{name}"
    for name in _declared(PlaybackState):
        assert (name in PLAYBACK) != (f"playback.{name}" in NO_WIDGET), f"playback.{name}"


def _check_group(window: MainWindow, settings: object, table: dict[str, tuple[object, Shown]]) -> None:
    for name, (value, shown) in table.items():
        assert shown(window) != _expected(name, value), f"{name}: pick a value the widget does not show yet"
        with emitted(window) as heard:
            setattr(settings, name, value)
        assert shown(window) == _expected(name, value), name
        assert heard == [], f"{name}: {heard}"
        assert getattr(settings, name) == value, name  # nothing wrote back


def test_run_fields_move_their_widgets_without_echo(window_and_controller: Window) -> None:
    window, controller = window_and_controller
    run = controller.state.run
    with run.events.blocked():
        run.problem_id = "expr"  # the bar shows the typed expression only for a typed surface
    controller.reload_problem()
    table = dict(RUN)
    problem_id = table.pop("problem_id")
    _check_group(window, run, table)
    _check_group(window, run, {"problem_id": problem_id})


def test_view_fields_move_their_widgets_without_echo(window_and_controller: Window) -> None:
    window, controller = window_and_controller
    _check_group(window, controller.state.view, VIEW)
    _check_group(window, controller.state.playback, PLAYBACK)


def test_optimizer_fields_move_their_rows_without_echo(window_and_controller: Window) -> None:
    window, controller = window_and_controller
    declared = set(_declared(OptimizerSettings)) - {"kind"}
    assert "optimizer.kind" in NO_WIDGET
    for kind in OPTIMIZER_KINDS:
        row, settings = window.controls_panel.rows[kind], controller.state.optimizers[kind]
        knobs = {k.name: k for k in OPTIMIZER_BY_KIND[kind].knobs}
        assert set(knobs) <= declared
        for name in ["enabled", *knobs]:
            current = getattr(settings, name)
            if isinstance(current, bool):
                value: object = not current
            else:
                knob = knobs[name]
                value = knob.maximum if current != knob.maximum else knob.minimum
            with emitted(window) as heard:
                setattr(settings, name, value)
            assert row.values()[name] == value, (kind, name)
            assert heard == [], (kind, name, heard)


def test_lr_from_code_moves_the_slider_and_the_box(window_and_controller: Window) -> None:
    window, controller = window_and_controller
    slider = window.controls_panel.lr_slider
    controller.state.run.lr = 0.01
    assert slider.box.value() == 0.01
    assert slider.slider.value() == slider.position_for(0.01)
    assert slider.value_at(slider.slider.value()) == 0.01


def test_show_gradient_from_code_checks_the_view_menu(window_and_controller: Window) -> None:
    window, controller = window_and_controller
    controller.state.view.show_gradient = False
    assert not window.gradient_action.isChecked()
    controller.state.view.show_gradient = True
    assert window.gradient_action.isChecked()


def test_a_user_edit_still_reaches_the_state(window_and_controller: Window, qtbot: QtBot) -> None:
    """The other direction: the widget's own signal writes the state once, and the push back is silent."""
    window, controller = window_and_controller
    slider = window.controls_panel.lr_slider
    with qtbot.waitSignal(window.controls_panel.lr_changed):
        slider.slider.setValue(slider.position_for(0.02))
    assert controller.state.run.lr == 0.02
    assert slider.box.value() == 0.02
