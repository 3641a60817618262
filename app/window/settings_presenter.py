"""The one place that pushes the state's settings to the main window's widgets.

Every field of the run, view and optimizer settings (and the playback speed) that a widget shows
has a pusher in the tables below; app/window/wiring.py connects the state's change events to
``on_run_changed`` & co., so a change from anywhere (a slider, a lesson, a session, a script, a test)
moves exactly the widget(s) of that field. Setters never emit (the widgets' contract), and the menu
checks are set with their signals blocked: nothing echoes back into the state. The fields no widget
shows are listed with the reason in ``NO_WIDGET``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker
from PySide6.QtGui import QAction

from algorithms.datasets import DATASETS
from algorithms.problems import DATA_PROBLEMS, Problem
from app.state.app_state import AppState
from app.state.optimizer_kinds import OPTIMIZER_BY_KIND, OPTIMIZER_KINDS
from app.state.session_schema import EXPRESSION_ID
from app.translatable import QT_TRANSLATE_NOOP
from app.window.main_window import MainWindow

DATASET_TITLES = {
    "course": QT_TRANSLATE_NOOP("MainWindow", "Course data (x = 1, 2, 3)"),
    "synthetic-regression": QT_TRANSLATE_NOOP("MainWindow", "Synthetic regression"),
    "synthetic-classification": QT_TRANSLATE_NOOP("MainWindow", "Synthetic classification"),
    "synthetic-tanh": QT_TRANSLATE_NOOP("MainWindow", "Synthetic tanh curve"),
}

# Fields no widget shows, and why (tests/app/window/test_settings_follow_state.py reads this).
NO_WIDGET = {
    "run.start": "a point picked on the views: drawn as the start marker with the results",
    "run.data_file": "a CSV chosen in a file dialog: its points show in the data panel",
    "run.custom_runs": "a lesson's runs: drawn as runs with the results",
    "view.selected_run": "which run the course panels follow: they redraw it with the results",
    "view.graph_sample": "the graph's sample box lists the batch: filled with the results",
    "playback.step": "the play head: app/runtime/playback.py and Presenter.show_step",
    "playback.playing": "the Play button: app/runtime/playback.py",
    "optimizer.kind": "the row's identity, not a setting",
}


class SettingsPresenter:
    """State → the setting widgets of one main window, field by field."""

    def __init__(self, window: MainWindow, state: AppState) -> None:
        self.window = window
        self.state = state
        self.problem: Problem | None = None  # the loaded problem (the batch slider's range)
        w = window
        self.run_pushers: dict[str, Callable[[], None]] = {
            "problem_id": self._show_problem_choice,
            "expression": self._show_expression,
            "lr": self._show_lr,
            "lr_y": self._show_lr_y,
            "batch_size": self._show_batch_size,
            "steps": self._show_steps,
            "noise": self._show_noise,
            "samples": self._show_samples,
            "seed": self._show_seed,
            "shuffle": self._show_shuffle,
            "dataset": self._show_datasets,
            "split": self._show_split,
            "reduction": self._show_reduction,
            "schedule": self._show_schedule,
        }
        self.view_pushers: dict[str, Callable[[], None]] = {
            "ema_beta": self._show_ema_beta,
            "bias_correction": self._show_bias_correction,
            "log_height": self._show_log_height,
            "log_loss": self._show_log_loss,
            "wireframe": self._show_wireframe,
            "show_gradient": self._show_view_menu,
            "show_momentum": self._show_view_menu,
            "show_critical": self._show_view_menu,
            "race_tolerance": self._show_race_tolerance,
            "step_by_step": self._show_step_by_step,
        }
        self.menu_checks: dict[str, QAction] = {
            "log_height": w.log_height_action,
            "wireframe": w.wireframe_action,
            "show_gradient": w.gradient_action,
            "show_momentum": w.momentum_action,
            "show_critical": w.critical_action,
        }

    # ---- everything (a problem loaded, a session or a lesson applied) ------------------------------
    def show_all(self, problem: Problem) -> None:
        self.problem = problem
        for push in dict.fromkeys([*self.run_pushers.values(), *self.view_pushers.values()]):
            push()
        for kind in OPTIMIZER_KINDS:
            self.show_optimizer(kind)
        self.on_playback_speed_changed(self.state.playback.speed)
        self.window.controls_panel.set_noise_controls_visible(problem.surface is not None)

    # ---- one field (wired to the state's events in app/window/wiring.py) ---------------------------
    def on_run_changed(self, info: Any) -> None:
        push = self.run_pushers.get(info.signal.name)
        if push is not None:
            push()

    def on_view_changed(self, info: Any) -> None:
        push = self.view_pushers.get(info.signal.name)
        if push is not None:
            push()

    def on_optimizer_changed(self, info: Any) -> None:
        settings = info.signal.instance.instance  # the row's OptimizerSettings (its SignalGroup's owner)
        self.show_optimizer(settings.kind, info.signal.name)

    def on_playback_speed_changed(self, speed: float) -> None:
        self.window.playback_bar.set_speed(speed)

    def show_optimizer(self, kind: str, field: str | None = None) -> None:
        """A row's knobs (only ``field`` when given, if the row shows it)."""
        settings = self.state.optimizers[kind]
        shown = ("enabled", *(knob.name for knob in OPTIMIZER_BY_KIND[kind].knobs))  # what the row declares
        names = shown if field is None else [n for n in shown if n == field]
        if names:
            self.window.controls_panel.set_optimizer(kind, {n: getattr(settings, n) for n in names})

    # ---- the pushers ---------------------------------------------------------------------------------
    def _show_problem_choice(self) -> None:
        run = self.state.run
        self.window.gallery_panel.set_current(run.problem_id)
        self.window.data_controls.setEnabled(run.problem_id in DATA_PROBLEMS)
        self._show_expression()

    def _show_expression(self) -> None:
        if self.state.run.problem_id == EXPRESSION_ID:
            self.window.expression_bar.set_expression(self.state.run.expression)

    def _show_lr(self) -> None:
        self.window.controls_panel.set_lr(self.state.run.lr)

    def _show_lr_y(self) -> None:
        self.window.controls_panel.set_lr_y(self.state.run.lr_y)

    def _show_batch_size(self) -> None:
        if self.problem is not None:
            self.window.controls_panel.set_batch_size(self.state.run.batch_size, self.problem.n_samples)

    def _show_steps(self) -> None:
        self.window.controls_panel.set_steps(self.state.run.steps)

    def _show_noise(self) -> None:
        self.window.controls_panel.set_noise(self.state.run.noise)

    def _show_samples(self) -> None:
        self.window.controls_panel.set_samples(self.state.run.samples)

    def _show_seed(self) -> None:
        self.window.controls_panel.set_seed(self.state.run.seed)

    def _show_shuffle(self) -> None:
        self.window.data_controls.set_shuffle(self.state.run.shuffle)

    def _show_datasets(self) -> None:
        names = [(k, QCoreApplication.translate("MainWindow", DATASET_TITLES.get(k, k))) for k in DATASETS]
        self.window.data_controls.set_datasets(names, self.state.run.dataset)

    def _show_split(self) -> None:
        self.window.data_controls.set_split(self.state.run.split)

    def _show_reduction(self) -> None:
        self.window.data_controls.set_reduction(self.state.run.reduction)

    def _show_schedule(self) -> None:
        schedule = self.state.run.schedule
        self.window.controls_panel.schedule_widget.set_schedule(
            schedule.name, dict(schedule.args), schedule.interval
        )

    def _show_ema_beta(self) -> None:
        self.window.controls_panel.set_ema_beta(self.state.view.ema_beta)

    def _show_bias_correction(self) -> None:
        self.window.loss_panel.set_bias_correction(self.state.view.bias_correction)

    def _show_log_height(self) -> None:
        on = self.state.view.log_height
        self.window.surface_view.set_log_height(on)
        self.window.contour_view.set_log_height(on)
        self._show_view_menu()

    def _show_log_loss(self) -> None:
        self.window.loss_panel.set_log_y(self.state.view.log_loss)

    def _show_wireframe(self) -> None:
        self.window.surface_view.set_wireframe(self.state.view.wireframe)
        self._show_view_menu()

    def _show_view_menu(self) -> None:
        """The View menu's checks follow the state."""
        for name, action in self.menu_checks.items():
            with QSignalBlocker(action):  # the state already holds the value: nothing to report back
                action.setChecked(bool(getattr(self.state.view, name)))

    def _show_race_tolerance(self) -> None:
        self.window.race_panel.set_tolerance(self.state.view.race_tolerance)

    def _show_step_by_step(self) -> None:
        self.window.graph_panel.set_step_by_step(self.state.view.step_by_step)
