"""The Real model window's feed to the dashboards: each epoch's curves as training runs, each finished
training, then its landscape."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject

from algorithms.landscape import Landscape
from app.dashboards.live_epochs import LiveEpochs
from app.dashboards.series import EpochSeries
from app.real_model.controller import RealModelController
from app.real_model.launch import RealModelWindows
from app.real_model.tasks import EpochCallback, EpochReport, TrainingOutcome, TrainingRequest
from app.real_model.wiring import wire_feed

Publish = Callable[[TrainingOutcome, Landscape | None], None]
PublishEpochs = Callable[[str, list[EpochSeries]], None]  # (title, every curve so far), any thread


def real_model_title(dataset: str) -> str:
    return f"Real model · {dataset}"


class RealModelFeed(QObject):
    """Hears the window's jobs; hands each training (and then its landscape) to ``publish``, and each
    epoch of a running training to ``publish_epochs`` (on the worker thread: it must not block)."""

    def __init__(
        self, controller: RealModelController, publish: Publish, publish_epochs: PublishEpochs
    ) -> None:
        super().__init__(controller)
        self.controller = controller
        self.publish = publish
        self.publish_epochs = publish_epochs
        wire_feed(self, controller)
        controller.epoch_feed = self.epoch_listener

    def epoch_listener(self, _request: TrainingRequest) -> EpochCallback:
        """A fresh listener for one training (the controller asks when Train is pressed)."""
        return partial(_hear_epoch, LiveEpochs(), self.publish_epochs)

    def on_jobs_finished(self, channel: str, result: Any) -> None:
        training = self.controller.training
        if channel == "train" and isinstance(result, TrainingOutcome) and not result.cancelled:
            self.publish(result, None)
        elif channel == "landscape" and isinstance(result, Landscape) and training is not None:
            self.publish(training, result)


def _hear_epoch(live: LiveEpochs, publish_epochs: PublishEpochs, report: EpochReport) -> None:
    """Runs on the training's worker thread."""
    curves = live.add(report.optimizer, report.epoch, report.metrics)
    publish_epochs(real_model_title(report.dataset), curves)


def attach_dashboards(windows: RealModelWindows, publish: Publish, publish_epochs: PublishEpochs) -> None:
    """Feed the open Real model window (the menu has just opened or raised it) to the dashboards, once."""
    window = windows.open()
    controller = window.findChild(RealModelController)
    if controller is not None and controller.findChild(RealModelFeed) is None:
        RealModelFeed(controller, publish, publish_epochs)
