"""The Real model window's feed to the dashboards: each finished training, then its landscape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from algorithms.landscape import Landscape
from app.real_model.controller import RealModelController
from app.real_model.launch import open_real_model_window
from app.real_model.tasks import TrainingOutcome

Publish = Callable[[TrainingOutcome, Landscape | None], None]


class RealModelFeed(QObject):
    """Hears the window's jobs; hands each training (and then its landscape) to ``publish``."""

    def __init__(self, controller: RealModelController, publish: Publish) -> None:
        super().__init__(controller)
        self.controller = controller
        self.publish = publish
        controller.jobs.finished.connect(self._on_jobs_finished)

    def _on_jobs_finished(self, channel: str, result: Any) -> None:
        training = self.controller.training
        if channel == "train" and isinstance(result, TrainingOutcome) and not result.cancelled:
            self.publish(result, None)
        elif channel == "landscape" and isinstance(result, Landscape) and training is not None:
            self.publish(training, result)


def attach_dashboards(publish: Publish) -> None:
    """Feed the open Real model window (the menu has just opened or raised it) to ``publish``, once."""
    window = open_real_model_window()
    controller = window.findChild(RealModelController)
    if controller is not None and controller.findChild(RealModelFeed) is None:
        RealModelFeed(controller, publish)
