"""Pushes the state and the results to the main window's views (never emitting back).

The settings, field by field: app/window/settings_presenter.py. The results (paths, curves, the play
head's step): here. Drawing derived from the results for one panel stays in its feature controller.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from algorithms.problems import Problem
from app.runs.results import Results
from app.state.app_state import AppState
from app.state.lessons import RUN_LABEL_CONTEXT, TRANSLATED_RUN_LABELS
from app.state.limits import MAX_SAMPLES, MAX_SEED, MAX_STEPS
from app.state.optimizer_kinds import KIND_LABELS, LABEL_CONTEXT
from app.window.main_window import MainWindow
from app.window.run_views import loss_curves, run_paths, status_lines, validation_curves
from app.window.settings_presenter import SettingsPresenter


class Presenter:
    """The views of one window, fed from the state and the current results."""

    def __init__(self, window: MainWindow, state: AppState) -> None:
        self.window = window
        self.state = state
        window.controls_panel.set_limits(MAX_STEPS, MAX_SAMPLES, MAX_SEED)
        # The rows' names in the window's language (fixed for the window's life: a switch rebuilds it).
        self.kind_labels = {k: QCoreApplication.translate(LABEL_CONTEXT, v) for k, v in KIND_LABELS.items()}
        # and the lessons' worded run names (plan_runs looks a custom run's name up here)
        self.kind_labels |= {
            label: QCoreApplication.translate(RUN_LABEL_CONTEXT, label) for label in TRANSLATED_RUN_LABELS
        }
        self.settings = SettingsPresenter(window, state)

    def show_settings(self, problem: Problem) -> None:
        """Every setting widget (a problem loaded, a session or a lesson applied); single changes
        follow field by field (SettingsPresenter, wired in app/window/wiring.py)."""
        self.settings.show_all(problem)

    def show_results(self, results: Results) -> None:
        paths = run_paths(results)
        self.window.surface_view.set_runs(paths)
        self.window.contour_view.set_runs(paths)
        start = self.state.run.start or results.problem.start
        self.window.surface_view.set_start_marker(*start)
        self.window.contour_view.set_start_marker(*start)
        self.show_curves(results)
        self.show_step(results)

    def show_curves(self, results: Results) -> None:
        view = self.state.view
        curves = loss_curves(results, view.ema_beta, view.bias_correction)
        curves += validation_curves(results, view.selected_run)
        self.window.loss_panel.set_curves(curves)
        self.window.loss_panel.set_step(self.state.playback.step)

    def show_step(self, results: Results) -> None:
        step = self.state.playback.step
        self.window.surface_view.set_step(step)
        self.window.contour_view.set_step(step)
        self.window.loss_panel.set_step(step)
        self.window.playback_bar.set_step(step, results.steps)
        self.window.surface_view.set_step_text(
            QCoreApplication.translate("MainWindow", "step %1 / %2")
            .replace("%1", str(step))
            .replace("%2", str(results.steps))
        )
        self.window.status_panel.set_lines(status_lines(results, step))
