"""Pushes state and results to the views (only what changed, never emitting back)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSignalBlocker

from algorithms.problems import Problem
from app.runs.results import Results
from app.state.app_state import AppState
from app.state.limits import MAX_SAMPLES, MAX_SEED, MAX_STEPS
from app.state.optimizer_kinds import KIND_LABELS, LABEL_CONTEXT, OPTIMIZER_BY_KIND, OPTIMIZER_KINDS
from app.window.main_window import MainWindow
from app.window.run_views import loss_curves, run_paths, status_lines, validation_curves


class Presenter:
    """The views of one window, fed from the state and the current results."""

    def __init__(self, window: MainWindow, state: AppState) -> None:
        self.window = window
        self.state = state
        window.controls_panel.set_limits(MAX_STEPS, MAX_SAMPLES, MAX_SEED)
        # The rows' names in the window's language (fixed for the window's life: a switch rebuilds it).
        self.kind_labels = {k: QCoreApplication.translate(LABEL_CONTEXT, v) for k, v in KIND_LABELS.items()}

    def show_settings(self, problem: Problem) -> None:
        run, panel = self.state.run, self.window.controls_panel
        panel.set_lr(run.lr)
        panel.set_batch_size(run.batch_size, problem.n_samples)
        panel.set_steps(run.steps)
        panel.set_noise(run.noise)
        panel.set_samples(run.samples)
        panel.set_seed(run.seed)
        panel.set_ema_beta(self.state.view.ema_beta)
        panel.set_noise_controls_visible(problem.surface is not None)
        for kind in OPTIMIZER_KINDS:
            self.show_optimizer(kind)
        self.window.loss_panel.set_log_y(self.state.view.log_loss)
        self.window.loss_panel.set_bias_correction(self.state.view.bias_correction)
        self.window.playback_bar.set_speed(self.state.playback.speed)
        self.window.gallery_panel.set_current(run.problem_id)
        self.show_view_menu()

    def show_view_menu(self) -> None:
        """The View menu's checks follow the state (a session or a lesson may change them)."""
        view, w = self.state.view, self.window
        checks = (
            (w.log_height_action, view.log_height),
            (w.wireframe_action, view.wireframe),
            (w.gradient_action, view.show_gradient),
            (w.momentum_action, view.show_momentum),
            (w.critical_action, view.show_critical),
        )
        for action, on in checks:
            with QSignalBlocker(action):  # the state already holds the value: nothing to report back
                action.setChecked(on)

    def show_optimizer(self, kind: str) -> None:
        settings = self.state.optimizers[kind]
        shown = ("enabled", *(knob.name for knob in OPTIMIZER_BY_KIND[kind].knobs))  # what the row declares
        self.window.controls_panel.set_optimizer(kind, {name: getattr(settings, name) for name in shown})

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
