"""Every connection of the main window, in one place (as ndv's controller does).

``window_wiring`` lists each (signal, slot) pair: what the user does in the views → the feature
that handles it, the workers' and timers' results → their features, the Controller's signals → the
features that follow the results, and the state's (psygnal) change events → the settings presenter
and the features. Its core loop, ``core_wiring``, stands apart so that a test can run it against a
fake window. The feature objects (controller.py, course_controller.py, …) only hold handlers; none
of them connects anything. The state outlives a window rebuilt for a language switch, so its
connections are let go of first when the window shuts down.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.connections import Pair, Wiring
from app.state.optimizer_kinds import OPTIMIZER_KINDS

if TYPE_CHECKING:  # the features import this module (export's progress dialog): names only
    from PySide6.QtWidgets import QProgressDialog

    from app.window.controller import Controller
    from app.window.course_controller import CourseController
    from app.window.dashboard_controller import DashboardController
    from app.window.export_controller import ExportController
    from app.window.lesson_controller import LessonController
    from app.window.main_window import MainWindow
    from app.window.problem_inputs import ProblemInputs
    from app.window.race_controller import RaceController
    from app.window.schedule_controller import ScheduleController
    from app.window.session_controller import SessionController
    from app.window.step_by_step_controller import StepByStepController


@dataclass(frozen=True)
class WindowParts:
    """The main window and the features build_window made for it."""

    window: MainWindow
    controller: Controller
    exports: ExportController
    sessions: SessionController
    dashboards: DashboardController
    course: CourseController
    race: RaceController
    steps: StepByStepController
    inputs: ProblemInputs
    lessons: LessonController
    schedule: ScheduleController


def core_wiring(w: MainWindow, c: Controller) -> Wiring:
    """The core loop: the views → the state → the setting widgets, and the engine → the presenter."""
    controls, state = w.controls_panel, c.state
    run, view, playback = state.run.events, state.view.events, state.playback.events
    qt: list[Pair] = [
        # views → the state (controller.py)
        (controls.lr_changed, c.on_controls_lr_changed),
        (controls.batch_size_changed, c.on_controls_batch_size_changed),
        (controls.ema_beta_changed, c.on_controls_ema_beta_changed),
        (controls.steps_changed, c.on_controls_steps_changed),
        (controls.noise_changed, c.on_controls_noise_changed),
        (controls.samples_changed, c.on_controls_samples_changed),
        (controls.seed_changed, c.on_controls_seed_changed),
        (controls.optimizer_changed, c.on_controls_optimizer_changed),
        (w.gallery_panel.item_chosen, c.on_gallery_item_chosen),
        (w.surface_view.start_picked, c.on_view_start_picked),
        (w.contour_view.start_picked, c.on_view_start_picked),
        (w.loss_panel.log_y_toggled, c.on_loss_log_y_toggled),
        (w.loss_panel.bias_correction_toggled, c.on_loss_bias_correction_toggled),
        (w.reset_camera_action.triggered, w.surface_view.reset_camera),
        (w.log_height_action.toggled, c.on_log_height_toggled),
        (w.wireframe_action.toggled, c.on_wireframe_toggled),
        (w.gradient_action.toggled, c.on_gradient_toggled),
        (w.momentum_action.toggled, c.on_momentum_toggled),
        (w.critical_action.toggled, c.on_critical_toggled),
        (w.surface_view.log_height_toggled, c.on_log_height_toggled),
        (w.real_model_action.triggered, c.on_real_model_triggered),
        (c.worker.result_ready, c.on_worker_result_ready),
        (c.worker.task_failed, c.on_worker_task_failed),
        (c.problem_failed, c.on_problem_failed),
        (c.runs_progress, c.on_runs_progress),  # emitted on the worker's thread: queued
    ]
    # the state → the setting widgets first (every field: settings_presenter.py), then the engine and
    # the features (psygnal)
    settings = c.presenter.settings
    state_pairs: list[Pair] = [(run, settings.on_run_changed), (view, settings.on_view_changed)]
    state_pairs += [(state.optimizers[k].events, settings.on_optimizer_changed) for k in OPTIMIZER_KINDS]
    state_pairs += [(playback.speed, settings.on_playback_speed_changed)]
    state_pairs += [(run, c.on_run_settings_changed)]
    state_pairs += [(state.optimizers[k].events, c.on_optimizer_settings_changed) for k in OPTIMIZER_KINDS]
    state_pairs += [
        (view.ema_beta, c.on_smoothing_changed),
        (view.bias_correction, c.on_smoothing_changed),
        (view.selected_run, c.on_smoothing_changed),
        (playback.step, c.on_playback_step_changed),
    ]
    return Wiring(qt, state_pairs)


def window_wiring(parts: WindowParts) -> Wiring:
    """Every (signal, slot) pair of the main window. Per signal, slots run in the order listed."""
    w, c = parts.window, parts.controller
    controls, data = w.controls_panel, w.data_controls
    view, playback = c.state.view.events, c.state.playback.events
    core = core_wiring(w, c)
    qt: list[Pair] = [
        # the window's own menu entries
        (w.quit_action.triggered, w.close),
        (w.shortcuts_action.triggered, w.on_shortcuts_triggered),
        (w.about_action.triggered, w.on_about_triggered),
        (w.language_menu.triggered, w.on_language_menu_triggered),
        *core.qt,
        # File → Export (export_controller.py)
        (parts.exports.jobs.progressed, parts.exports.on_jobs_progressed),
        (parts.exports.jobs.finished, parts.exports.on_jobs_finished),
        (parts.exports.jobs.failed, parts.exports.on_jobs_failed),
        (w.export_view_action.triggered, parts.exports.on_export_view_triggered),
        (w.export_map_action.triggered, parts.exports.on_export_map_triggered),
        (w.export_window_action.triggered, parts.exports.on_export_window_triggered),
        (w.export_csv_action.triggered, parts.exports.on_export_csv_triggered),
        (w.export_json_action.triggered, parts.exports.on_export_json_triggered),
        (w.export_animation_action.triggered, parts.exports.on_export_animation_triggered),
        # File → sessions (session_controller.py)
        (w.save_session_action.triggered, parts.sessions.on_save_triggered),
        (w.open_session_action.triggered, parts.sessions.on_open_triggered),
        (w.recent_menu.triggered, parts.sessions.on_recent_menu_triggered),
        # File → dashboards (dashboard_controller.py)
        (w.visdom_action.triggered, parts.dashboards.on_visdom_action_triggered),
        (w.tensorboard_action.triggered, parts.dashboards.on_tensorboard_action_triggered),
        (w.real_model_action.triggered, parts.dashboards.on_real_model_action_triggered),  # after c's
        (c.results_changed, parts.dashboards.on_controller_results_changed),
        (c.grid_changed, parts.dashboards.on_controller_grid_changed),
        (parts.dashboards.failed, parts.dashboards.on_failed),  # emitted on a stream's thread: queued
    ]
    qt += _course_qt(parts) + _race_qt(parts) + _steps_qt(parts)
    inputs = parts.inputs
    qt += [
        # what the learner feeds the problem (problem_inputs.py)
        (w.expression_bar.expression_submitted, inputs.on_expression_submitted),
        (data.dataset_chosen, inputs.on_dataset_chosen),
        (data.load_csv_requested, inputs.on_load_csv_requested),
        (data.reduction_changed, inputs.on_reduction_changed),
        (data.split_changed, inputs.on_split_changed),
        (data.shuffle_changed, inputs.on_shuffle_changed),
        (controls.lr_y_changed, inputs.on_lr_y_changed),
        (c.results_changed, inputs.on_results_changed),
        # the Lessons menu (lesson_controller.py)
        (w.lessons_menu.triggered, parts.lessons.on_lessons_menu_triggered),
        (w.lesson_panel.replay_requested, parts.lessons.on_replay_requested),
        (w.lesson_panel.leave_requested, parts.lessons.on_leave_requested),
        # the lr schedule (schedule_controller.py)
        (controls.schedule_widget.schedule_changed, parts.schedule.on_schedule_widget_schedule_changed),
        (c.results_changed, parts.schedule.on_controller_results_changed),
    ]
    state_pairs: list[Pair] = [*core.state]
    course, race, steps = parts.course, parts.race, parts.steps
    state_pairs += [
        (playback.step, course.on_step_changed),
        (view.selected_run, course.on_step_changed),
        (view.graph_sample, course.on_step_changed),
        (view.show_gradient, course.on_step_changed),
        (view.show_momentum, course.on_step_changed),
        (view.selected_run, course.on_selected_run_changed),
        (view.show_critical, course.on_show_critical_changed),
        (view.race_tolerance, race.on_race_tolerance_changed),
        (playback.step, steps.on_step_changed),
        (view.selected_run, steps.on_step_changed),
        (view.step_by_step, steps.on_step_by_step_changed),
    ]
    return Wiring(qt, state_pairs)


def _course_qt(parts: WindowParts) -> list[Pair]:
    """The course panels, arrows and critical points (course_controller.py)."""
    w, c, course = parts.window, parts.controller, parts.course
    return [
        (course.worker.result_ready, course.on_worker_result_ready),
        (course.graph_worker.result_ready, course.on_graph_worker_result_ready),
        (course.torch.ready, course.on_torch_ready),
        (c.results_changed, course.on_results_changed),
        (c.grid_changed, course.on_grid_changed),
        (c.view_changed, course.on_view_changed),
        (w.graph_panel.sample_chosen, course.on_graph_sample_chosen),
        (w.status_panel.run_selected, course.on_status_run_selected),
        *(
            (w.docks[dock].visibilityChanged, course.on_dock_visibility_changed)
            for dock in ("data", "graph", "code")
        ),
    ]


def _race_qt(parts: WindowParts) -> list[Pair]:
    """The race table and the stability marks (race_controller.py)."""
    w, c, race = parts.window, parts.controller, parts.race
    return [
        (race.worker.result_ready, race.on_worker_result_ready),
        (c.results_changed, race.on_results_changed),
        (parts.course.critical_points_found, race.on_course_critical_points_found),
        (race.torch.ready, race.on_torch_ready),
        (w.race_panel.tolerance_changed, race.on_race_tolerance_edited),
        (w.race_panel.run_selected, race.on_race_run_selected),
        (w.docks["race"].visibilityChanged, race.on_race_dock_visibility_changed),
    ]


def _steps_qt(parts: WindowParts) -> list[Pair]:
    """The update terms and Step by step (step_by_step_controller.py)."""
    w, c, steps = parts.window, parts.controller, parts.steps
    return [
        (steps.timer.timeout, steps.on_timer_timeout),
        (c.results_changed, steps.on_results_changed),
        (c.view_changed, steps.on_view_changed),
        (w.graph_panel.step_by_step_toggled, steps.on_graph_step_by_step_toggled),
        (w.docks["graph"].visibilityChanged, steps.on_graph_dock_visibility_changed),
    ]


def wire_window(parts: WindowParts) -> Wiring:
    """Connect the main window; its shutdown lets go of the state before anything else stops."""
    wiring = window_wiring(parts)
    wiring.connect()
    parts.controller.add_shutdown_hook(wiring.undo_state, first=True)
    return wiring


def wire_progress_dialog(dialog: QProgressDialog, exports: ExportController) -> Wiring:
    """The export's progress dialog, made for each animation: its Cancel button (``undo()`` before
    closing it: closing a QProgressDialog emits ``canceled``)."""
    wiring = Wiring([(dialog.canceled, exports.on_dialog_canceled)])
    wiring.connect()
    return wiring
