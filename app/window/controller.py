"""The main window's core loop: the state's run settings → the engine → Results → the presenter.

Its handlers are connected in app/window/wiring.py, with every other connection of the window.
"""

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

    def __init__(
        self, state: AppState, window: MainWindow, language: str = "en", first_runs_on_worker: bool = False
    ) -> None:
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
        self._first_hooks: list[Callable[[], None]] = []
        self._language = language
        # The app's start: the first runs load the engine's compiled kernels (~0.4 s with the noise
        # draw), so they go to the worker and the window shows its surface first; inline again once
        # the worker's first runs are back.
        self._runs_wait_for_worker = first_runs_on_worker

    def start(self) -> None:
        """Load the state's problem and show it (once app/window/wiring.py has connected everything)."""
        self.window.gallery_panel.set_items(gallery_items(chinese=self._language.startswith("zh")))
        self._load_problem()  # the presenter shows every setting the state holds
        self.worker.submit("thumbnails", gallery_thumbnails)  # after the grid: the surface comes first

    def add_shutdown_hook(self, hook: Callable[[], None], first: bool = False) -> None:
        """Something else to stop (threads, timers) when the window goes away; ``first``: before
        everything else (the wiring lets go of the state, which may outlive this window)."""
        (self._first_hooks if first else self._shutdown_hooks).append(hook)

    def shutdown(self) -> None:
        for hook in self._first_hooks:
            hook()
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
        self.presenter.show_settings(self.problem)  # every setting widget, menus included
        self.playback_control.move_head(saved_step)
        self.on_playback_step_changed(playback.step)
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
        if not self._runs_wait_for_worker and fits_inline(self.problem, specs, steps):
            # The full loss of a model on data only where a view needs it (Results fills it in): at every
            # point it would cost n evaluations against the batch's B.
            computed: list[RunResult] = run_many(self.problem, specs, steps, full_loss=False) if specs else []
            self._show_runs(PlannedRerun(self._generation, self.problem, steps, tuple(planned)), computed)
            return
        rerun = PlannedRerun(self._generation, self.problem, steps, tuple(planned))
        self.worker.submit("runs", partial(compute_rerun, rerun, specs, self.runs_progress.emit))
        self.on_runs_progress(0, len(specs))

    def _show_runs(self, rerun: PlannedRerun, computed: Sequence[RunResult]) -> None:
        finished = iter(computed)
        entries = tuple(RunEntry(p, next(finished) if p.spec else None) for p in rerun.planned)
        self.results = Results(rerun.generation, rerun.problem, rerun.steps, entries)
        self.state.playback.step = min(self.state.playback.step, rerun.steps)
        self.presenter.show_results(self.results)
        self.results_changed.emit(self.results)

    def on_runs_progress(self, done: int, total: int) -> None:
        text = QCoreApplication.translate("MainWindow", "Computing the runs… %1 of %2")
        self.window.statusBar().showMessage(text.replace("%1", str(done)).replace("%2", str(total)))

    # ---- view → state -------------------------------------------------------------------------
    def on_controls_lr_changed(self, lr: float) -> None:
        self.state.run.lr = lr

    def on_controls_batch_size_changed(self, size: int) -> None:
        self.state.run.batch_size = size

    def on_controls_ema_beta_changed(self, beta: float) -> None:
        self.state.view.ema_beta = beta

    def on_controls_steps_changed(self, steps: int) -> None:
        self.state.run.steps = steps

    def on_controls_noise_changed(self, sigma: float) -> None:
        self.state.run.noise = sigma

    def on_controls_samples_changed(self, samples: int) -> None:
        self.state.run.samples = samples

    def on_controls_seed_changed(self, seed: int) -> None:
        self.state.run.seed = seed

    def on_controls_optimizer_changed(self, kind: str, knob: str, value: object) -> None:
        setattr(self.state.optimizers[kind], knob, value)

    def on_gallery_item_chosen(self, key: str) -> None:
        with self.state.run.events.blocked():
            self.state.run.start = None
        self.state.run.problem_id = key

    def on_view_start_picked(self, x: float, y: float) -> None:
        self.state.run.start = (x, y)

    def on_loss_log_y_toggled(self, on: bool) -> None:
        self.state.view.log_loss = on

    def on_loss_bias_correction_toggled(self, on: bool) -> None:
        self.state.view.bias_correction = on

    def on_log_height_toggled(self, on: bool) -> None:
        self.state.view.log_height = on

    def on_wireframe_toggled(self, on: bool) -> None:
        self.state.view.wireframe = on

    def on_real_model_triggered(self) -> None:
        self.real_model_windows.open(self.state)  # its torch training code is loaded on first use

    def on_gradient_toggled(self, on: bool) -> None:
        self.state.view.show_gradient = on

    def on_momentum_toggled(self, on: bool) -> None:
        self.state.view.show_momentum = on

    def on_critical_toggled(self, on: bool) -> None:
        self.state.view.show_critical = on

    def _horizon(self) -> int:
        return self.results.steps if self.results is not None else self.state.run.steps

    def _has_results(self) -> bool:
        return self.results is not None

    # ---- state → views ------------------------------------------------------------------------
    def on_run_settings_changed(self, info: Any) -> None:
        field_name = info.signal.name
        if field_name in PROBLEM_FIELDS:
            self._load_problem()
        else:
            self.rerun()

    def on_optimizer_settings_changed(self, info: Any) -> None:
        self.rerun()

    def on_smoothing_changed(self, _value: object) -> None:
        if self.results is not None:
            self.presenter.show_curves(self.results)

    def on_playback_step_changed(self, _step: int) -> None:
        if self.results is not None:
            self.presenter.show_step(self.results)

    def on_worker_result_ready(self, channel: str, result: Any) -> None:
        if channel == "runs":
            rerun, computed = result
            self._runs_wait_for_worker = False  # the kernels are loaded: reruns that fit go inline
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

    def on_problem_failed(self, message: str) -> None:
        self.window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Could not load: %1").replace("%1", message), 10_000
        )

    def on_worker_task_failed(self, channel: str, message: str) -> None:
        self.problem_failed.emit(f"{channel}: {message}")
