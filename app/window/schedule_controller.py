"""Wires the lr schedule: the selector under the lr slider ↔ RunSettings.schedule, and the lr curves."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from app.runs.results import Results
from app.state.schedules import CONSTANT, ScheduleSettings, settings_for
from app.window.controller import Controller
from app.window.main_window import MainWindow
from widgets.panels.lr_plot_view import LrCurve


class ScheduleController(QObject):
    def __init__(self, window: MainWindow, controller: Controller) -> None:
        super().__init__(window)
        self.window = window
        self.state = controller.state
        self.widget = window.controls_panel.schedule_widget

    # ---- view → state ---------------------------------------------------------------------------
    def on_schedule_widget_schedule_changed(self, name: str, args: dict[str, Any], interval: str) -> None:
        current = self.state.run.schedule
        if name != current.name:  # a new scheduler starts from its declared starting values
            self.state.run.schedule = settings_for(name, interval) if name != CONSTANT else ScheduleSettings()
            return
        values = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in args.items())
        self.state.run.schedule = ScheduleSettings(name, values or current.args, interval)

    # ---- results → views (the schedule widget follows the state: app/window/settings_presenter.py) --
    def on_controller_results_changed(self, results: Results) -> None:
        curves = [
            LrCurve(entry.key, entry.label, entry.color, entry.result.lr)
            for entry in results.completed()
            if entry.result is not None
        ]
        self.window.loss_panel.lr_view.set_curves(curves)
        self.window.loss_panel.lr_view.set_step(self.state.playback.step)
