"""The one place where state, engine, workers and views are wired together (ndv-style)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from algorithms.engine import RunResult, run_many
from algorithms.problems import Problem
from app.real_model.launch import RealModelWindows
from app.runs.results import Results, RunEntry
from app.runs.run_builder import build_problem, plan_runs
from app.runs.run_cost import PlannedRerun, compute_rerun, fits_inline
from app.runtime.playback import PlaybackController
from app.runtime.workers import BackgroundWorker
from app.state.app_state import AppState
from app.state.optimizer_kinds import OPTIMIZER_KINDS
from app.window.grid_tasks import gallery_items, gallery_thumbnails, surface_grid
from app.window.main_window import MainWindow
from app.window.presenter import Presenter

LOG_HEIGHT_SURFACES = {"rosenbrock", "beale"}  # ranges so huge their valleys vanish on a linear scale
PROBLEM_FIELDS = {
    "problem_id",
    "expression",
    "data_file",
    "noise",
    "samples",
    "seed",
    "dataset",
    "split",
    "reduction",
}


class Controller(QObject):
    """Hears the views and the state; recomputes trajectories inline (≈1 ms) and grids on a worker."""

    results_changed = Signal(object)  # Results
    grid_changed = Signal(object)  # SurfaceGrid
    problem_failed = Signal(str)
    runs_progress = Signal(int, int)  # optimizers done, of all (emitted from the worker's thread)
    view_changed = Signal()  # many view settings changed at once (a session or a lesson)

    def __init__(self, state: AppState, window: MainWindow, language: str = "en") -> None:
        super().__init__(window)
        self.state = state
        self.window = window
        self.presenter = Presenter(window, state)
        self.worker = BackgroundWorker(self)
        self.playback_control = PlaybackController(
            state.playback,
            window.playback_bar,
            self._horizon,
            self._has_results,
            play_before_ready=True,
            parent=self,
        )
        self.player = self.playback_control.player
        self.real_model_windows = RealModelWindows()
        self.problem: Problem = build_problem(state.run)
        self.results: Results | None = None
        self.grid: Any = None
        self._generation = 0
        self._shutdown_hooks: list[Callable[[], None]] = []
        # All wiring of this window in one place (ndv-style): the views' signals, then the state's.
        for signal, slot in self._view_wiring():
            signal.connect(slot)
        self._state_connections = self._state_wiring()
        for signal, slot in self._state_connections:
            signal.connect(slot)
        self.window.gallery_panel.set_items(gallery_items(chinese=language.startswith("zh")))
        self._load_problem()
        # A window rebuilt on a state (a language switch) shows what the state already holds:
        # unchanged fields emit nothing.
        self._on_view_log_height_changed(self.state.view.log_height)
        self.window.surface_view.set_wireframe(self.state.view.wireframe)
        self.window.wireframe_action.setChecked(self.state.view.wireframe)
        self.worker.submit("thumbnails", gallery_thumbnails)  # after the grid: the surface comes first

    # ---- wiring -------------------------------------------------------------------------------
    def _view_wiring(self) -> list[tuple[Any, Callable[..., Any]]]:
        """What the user does in the views -> the state (Qt signals; they go away with the window)."""
        w = self.window
        controls = w.controls_panel
        return [
            (controls.lr_changed, self._on_controls_lr_changed),
            (controls.batch_size_changed, self._on_controls_batch_size_changed),
            (controls.ema_beta_changed, self._on_controls_ema_beta_changed),
            (controls.steps_changed, self._on_controls_steps_changed),
            (controls.noise_changed, self._on_controls_noise_changed),
            (controls.samples_changed, self._on_controls_samples_changed),
            (controls.seed_changed, self._on_controls_seed_changed),
            (controls.optimizer_changed, self._on_controls_optimizer_changed),
            (w.gallery_panel.item_chosen, self._on_gallery_item_chosen),
            (w.surface_view.start_picked, self._on_view_start_picked),
            (w.contour_view.start_picked, self._on_view_start_picked),
            (w.loss_panel.log_y_toggled, self._on_loss_log_y_toggled),
            (w.loss_panel.bias_correction_toggled, self._on_loss_bias_correction_toggled),
            (w.reset_camera_action.triggered, w.surface_view.reset_camera),
            (w.log_height_action.toggled, self._on_log_height_toggled),
            (w.wireframe_action.toggled, self._on_wireframe_toggled),
            (w.gradient_action.toggled, self._on_gradient_toggled),
            (w.momentum_action.toggled, self._on_momentum_toggled),
            (w.critical_action.toggled, self._on_critical_toggled),
            (w.surface_view.log_height_toggled, self._on_log_height_toggled),
            (w.real_model_action.triggered, self._on_real_model_triggered),
            (self.worker.result_ready, self._on_worker_result_ready),
            (self.worker.task_failed, self._on_worker_task_failed),
            (self.problem_failed, self._on_problem_failed),
            (self.runs_progress, self._on_runs_progress),
        ]

    def _state_wiring(self) -> list[tuple[Any, Callable[..., Any]]]:
        """State changes -> engine and views (psygnal; disconnected in shutdown: the state outlives a
        window rebuilt for a language switch)."""
        run, view, playback = self.state.run.events, self.state.view.events, self.state.playback.events
        wiring: list[tuple[Any, Callable[..., Any]]] = [(run, self._on_run_settings_changed)]
        wiring += [
            (self.state.optimizers[k].events, self._on_optimizer_settings_changed) for k in OPTIMIZER_KINDS
        ]
        wiring += [
            (view.ema_beta, self._on_smoothing_changed),
            (view.bias_correction, self._on_smoothing_changed),
            (view.selected_run, self._on_smoothing_changed),
            (view.log_height, self._on_view_log_height_changed),
            (view.wireframe, self.window.surface_view.set_wireframe),
            (view.wireframe, self._on_view_menu_setting_changed),
            (view.show_gradient, self._on_view_menu_setting_changed),
            (view.show_momentum, self._on_view_menu_setting_changed),
            (view.show_critical, self._on_view_menu_setting_changed),
            (playback.step, self._on_playback_step_changed),
        ]
        return wiring

    def add_shutdown_hook(self, hook: Callable[[], None]) -> None:
        """Something else to stop (threads, timers) when the window goes away."""
        self._shutdown_hooks.append(hook)

    def shutdown(self) -> None:
        for signal, slot in self._state_connections:  # the state may outlive this window
            signal.disconnect(slot)
        self._state_connections = []
        self.real_model_windows.close_all()
        self.playback_control.stop()
        self.worker.shutdown()
        for hook in self._shutdown_hooks:
            hook()

    def apply_session(self, session: Any) -> None:
        """Put a validated session into the state with one reload (raises SessionError, changing nothing).

        The problem it describes is built first (data file, expression, start point): a session the
        problem cannot take is refused before any field is written.
        """
        from app.runs.session_domain import checked_problem
        from app.state.session import apply_session

        checked_problem(session)
        self.change_state(partial(apply_session, session))

    def change_state(self, change: Callable[[AppState], None]) -> None:
        """Apply many state changes (a session, a lesson) with the signals held, then reload once.

        The change's own view settings, play head and playing flag win over what loading the
        problem would pick.
        """
        with self.state.changes_held():
            change(self.state)
        view, playback = self.state.view, self.state.playback
        saved_step, saved_playing, saved_log_height = playback.step, playback.playing, view.log_height
        playback.playing = False
        self._load_problem()  # picks log height for the problem: the change's own choice wins below
        view.log_height = saved_log_height
        self._on_view_log_height_changed(saved_log_height)
        self.window.surface_view.set_wireframe(view.wireframe)
        self.presenter.show_settings(self.problem)  # menus included
        self.playback_control.move_head(saved_step)
        self._on_playback_step_changed(playback.step)
        self.view_changed.emit()
        playback.playing = saved_playing

    def reload_problem(self) -> None:
        """Build the problem again from the state (e.g. a new typed expression with the same id)."""
        self._load_problem()

    # ---- computing ----------------------------------------------------------------------------
    def _load_problem(self) -> None:
        try:
            problem = build_problem(self.state.run)
        except ValueError as error:
            self.problem_failed.emit(str(error))
            return
        self.problem = problem
        if problem.surface is not None:
            self.state.view.log_height = problem.surface.id in LOG_HEIGHT_SURFACES
        self.presenter.show_settings(problem)
        self.worker.submit("grid", partial(surface_grid, problem))
        self.rerun()

    def rerun(self) -> None:
        """Recompute every enabled run over the whole horizon and show it, keeping the play head.

        Inline when it fits in a frame (run_cost.py); otherwise on the worker with progress in the status
        bar, the old runs staying on screen until the newest request's runs arrive (stale ones dropped).
        """
        self._generation += 1
        planned = plan_runs(self.state, self.problem, self.presenter.kind_labels)
        specs = [p.spec for p in planned if p.spec is not None]
        steps = self.state.run.steps
        if fits_inline(self.problem, specs, steps):
            # The full loss of a model on data only where a view needs it (Results fills it in): at every
            # point it would cost n evaluations against the batch's B.
            computed: list[RunResult] = run_many(self.problem, specs, steps, full_loss=False) if specs else []
            self._show_runs(PlannedRerun(self._generation, self.problem, steps, tuple(planned)), computed)
            return
        rerun = PlannedRerun(self._generation, self.problem, steps, tuple(planned))
        self.worker.submit("runs", partial(compute_rerun, rerun, specs, self.runs_progress.emit))
        self._on_runs_progress(0, len(specs))

    def _show_runs(self, rerun: PlannedRerun, computed: Sequence[RunResult]) -> None:
        finished = iter(computed)
        entries = tuple(RunEntry(p, next(finished) if p.spec else None) for p in rerun.planned)
        self.results = Results(rerun.generation, rerun.problem, rerun.steps, entries)
        self.state.playback.step = min(self.state.playback.step, rerun.steps)
        self.presenter.show_results(self.results)
        self.results_changed.emit(self.results)

    def _on_runs_progress(self, done: int, total: int) -> None:
        text = QCoreApplication.translate("MainWindow", "Computing the runs… %1 of %2")
        self.window.statusBar().showMessage(text.replace("%1", str(done)).replace("%2", str(total)))

    # ---- view → state -------------------------------------------------------------------------
    def _on_controls_lr_changed(self, lr: float) -> None:
        self.state.run.lr = lr

    def _on_controls_batch_size_changed(self, size: int) -> None:
        self.state.run.batch_size = size

    def _on_controls_ema_beta_changed(self, beta: float) -> None:
        self.state.view.ema_beta = beta

    def _on_controls_steps_changed(self, steps: int) -> None:
        self.state.run.steps = steps

    def _on_controls_noise_changed(self, sigma: float) -> None:
        self.state.run.noise = sigma

    def _on_controls_samples_changed(self, samples: int) -> None:
        self.state.run.samples = samples

    def _on_controls_seed_changed(self, seed: int) -> None:
        self.state.run.seed = seed

    def _on_controls_optimizer_changed(self, kind: str, knob: str, value: object) -> None:
        setattr(self.state.optimizers[kind], knob, value)

    def _on_gallery_item_chosen(self, key: str) -> None:
        with self.state.run.events.blocked():
            self.state.run.start = None
        self.state.run.problem_id = key

    def _on_view_start_picked(self, x: float, y: float) -> None:
        self.state.run.start = (x, y)

    def _on_loss_log_y_toggled(self, on: bool) -> None:
        self.state.view.log_loss = on

    def _on_loss_bias_correction_toggled(self, on: bool) -> None:
        self.state.view.bias_correction = on

    def _on_log_height_toggled(self, on: bool) -> None:
        self.state.view.log_height = on

    def _on_wireframe_toggled(self, on: bool) -> None:
        self.state.view.wireframe = on

    def _on_real_model_triggered(self) -> None:
        self.real_model_windows.open(self.state)  # its torch training code is loaded on first use

    def _on_gradient_toggled(self, on: bool) -> None:
        self.state.view.show_gradient = on

    def _on_momentum_toggled(self, on: bool) -> None:
        self.state.view.show_momentum = on

    def _on_critical_toggled(self, on: bool) -> None:
        self.state.view.show_critical = on

    def _horizon(self) -> int:
        return self.results.steps if self.results is not None else self.state.run.steps

    def _has_results(self) -> bool:
        return self.results is not None

    # ---- state → views ------------------------------------------------------------------------
    def _on_run_settings_changed(self, info: Any) -> None:
        field_name = info.signal.name
        if field_name in PROBLEM_FIELDS:
            self._load_problem()
        else:
            self.rerun()

    def _on_optimizer_settings_changed(self, info: Any) -> None:
        self.rerun()

    def _on_smoothing_changed(self, _value: object) -> None:
        if self.results is not None:
            self.presenter.show_curves(self.results)

    def _on_view_menu_setting_changed(self, _on: bool) -> None:
        self.presenter.show_view_menu()

    def _on_view_log_height_changed(self, on: bool) -> None:
        self.window.surface_view.set_log_height(on)
        self.window.contour_view.set_log_height(on)
        self.window.log_height_action.setChecked(on)

    def _on_playback_step_changed(self, _step: int) -> None:
        if self.results is not None:
            self.presenter.show_step(self.results)

    def _on_worker_result_ready(self, channel: str, result: Any) -> None:
        if channel == "runs":
            rerun, computed = result
            if rerun.generation == self._generation:  # an inline rerun since then wins
                self.window.statusBar().clearMessage()
                self._show_runs(rerun, computed)
        elif channel == "grid":
            self.grid = result
            self.window.surface_view.set_surface(result)
            self.window.contour_view.set_surface(result)
            self.grid_changed.emit(result)
        elif channel == "thumbnails":
            for key, rgb in result.items():
                self.window.gallery_panel.set_thumbnail(key, rgb)

    def _on_problem_failed(self, message: str) -> None:
        self.window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Could not load: %1").replace("%1", message), 10_000
        )

    def _on_worker_task_failed(self, channel: str, message: str) -> None:
        self.problem_failed.emit(f"{channel}: {message}")
