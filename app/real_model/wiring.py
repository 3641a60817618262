"""Every connection of a "Real model" window, in one place (the main window's is app/window/wiring.py).

``real_model_wiring`` lists each (signal, slot) pair: the training panel and the menus → the
controller's handlers, its job runner → the handlers that apply results, the window's settings and
play head (psygnal) → the controller, and closing → shutdown, then deletion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.connections import Pair, Wiring

if TYPE_CHECKING:  # the controller and the feed import this module: names only
    from app.real_model.controller import RealModelController
    from app.real_model.dashboards import RealModelFeed


def real_model_wiring(c: RealModelController) -> Wiring:
    """Every (signal, slot) pair of one Real model window. Per signal, slots run in the order listed."""
    w, panel = c.window, c.window.training_panel
    qt: list[Pair] = [
        (panel.dataset_requested, c.on_training_panel_dataset_requested),
        (panel.model_changed, c.on_training_panel_model_changed),
        (panel.optimizer_toggled, c.on_training_panel_optimizer_toggled),
        (panel.optimizer_knob_changed, c.on_training_panel_optimizer_knob_changed),
        (panel.lr_changed, c.on_training_panel_lr_changed),
        (panel.batch_size_changed, c.on_training_panel_batch_size_changed),
        (panel.epochs_changed, c.on_training_panel_epochs_changed),
        (panel.seed_changed, c.on_training_panel_seed_changed),
        (panel.ema_beta_changed, c.on_training_panel_ema_beta_changed),
        (panel.resolution_changed, c.on_training_panel_resolution_changed),
        (panel.directions_changed, c.on_training_panel_directions_changed),
        (panel.eval_samples_changed, c.on_training_panel_eval_samples_changed),
        (panel.train_requested, c.train),
        (panel.cancel_requested, c.cancel),
        (w.train_action.triggered, c.train),
        (w.cancel_action.triggered, c.cancel),
        (w.load_digits_action.triggered, c.on_load_digits_action_triggered),
        (w.load_mnist_action.triggered, c.on_load_mnist_action_triggered),
        (w.load_cifar_action.triggered, c.on_load_cifar_action_triggered),
        (w.reset_camera_action.triggered, w.surface_view.reset_camera),
        (w.close_action.triggered, w.close),
        (w.image_grid.run_chosen, c.on_image_grid_run_chosen),
        (w.closing, c.shutdown),
        (w.closing, w.deleteLater),  # after shutdown: the window and its controller go
        (c.jobs.finished, c.on_jobs_finished),
        (c.jobs.failed, c.on_jobs_failed),
        (c.jobs.progressed, c.on_jobs_progressed),
    ]
    state: list[Pair] = [
        (c.state.events, c.presenter.on_settings_changed),  # the field's widget(s) first
        (c.state.events, c.on_settings_changed),
        (c.playback.events.speed, c.presenter.on_playback_speed_changed),
        (c.playback.events.step, c.on_playback_step_changed),
    ]
    return Wiring(qt, state)


def wire_real_model(c: RealModelController) -> Wiring:
    """Connect a Real model window (its controller calls this once, when built)."""
    wiring = real_model_wiring(c)
    wiring.connect()
    return wiring


def wire_feed(feed: RealModelFeed, c: RealModelController) -> Wiring:
    """The dashboards' feed, attached when a dashboard is on: each finished job."""
    wiring = Wiring([(c.jobs.finished, feed.on_jobs_finished)])
    wiring.connect()
    return wiring
