"""The Real model window's curves per epoch reach Visdom while training runs, not only at its end."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from app.dashboards.targets import VisdomTarget
from app.real_model.controller import RealModelController
from app.real_model.tasks import EpochCallback, EpochReport, TrainingRequest
from app.window.controller import Controller
from app.window.dashboard_controller import DashboardController
from app.window.main_window import MainWindow
from tests.app.dashboards.conftest import VisdomServer

ENV = "live"
EPOCHS = 3
LOSS_WINDOW, ACCURACY_WINDOW = "gdscope-real-model-epoch-loss", "gdscope-real-model-accuracy"


def shown(server: VisdomServer) -> dict[str, dict[str, list[Any]]]:
    """Every real-model window's traces by name."""
    client: Any = server.client(ENV)
    windows = json.loads(client.get_window_data(None, ENV))
    return {
        win: {trace["name"]: trace["y"] for trace in window["content"]["data"]}
        for win, window in windows.items()
        if win in (LOSS_WINDOW, ACCURACY_WINDOW)
    }


@pytest.fixture
def real_model(
    qtbot: QtBot, window_and_controller: tuple[MainWindow, Controller], visdom_server: VisdomServer
) -> Iterator[tuple[RealModelController, DashboardController]]:
    window, main_controller = window_and_controller
    dashboards = window.findChild(DashboardController)
    assert dashboards is not None
    dashboards.start_visdom(VisdomTarget("http://localhost", visdom_server.port, ENV))
    window.real_model_action.trigger()  # File → Real model: opens the window and feeds the dashboards
    controller = main_controller.real_model_windows.open().findChild(RealModelController)
    assert controller is not None
    yield controller, dashboards
    main_controller.real_model_windows.close_all()


def test_each_epoch_reaches_visdom_while_training_runs(
    qtbot: QtBot, real_model: tuple[RealModelController, DashboardController], visdom_server: VisdomServer
) -> None:
    controller, dashboards = real_model
    controller.state.epochs = EPOCHS
    controller.state.optimizers = ("sgd", "adam")
    controller.state.resolution = 5
    controller.state.eval_samples = 100
    assert controller.epoch_feed is not None
    feed = controller.epoch_feed
    during: list[tuple[EpochReport, dict[str, dict[str, list[Any]]]]] = []

    def observing(request: TrainingRequest) -> EpochCallback:
        hear = feed(request)

        def observe(report: EpochReport) -> None:  # on the training's worker thread
            hear(report)
            if report.optimizer == "sgd" and report.epoch == 1:
                assert dashboards.wait_idle(10.0)  # the send of epoch 1 is done: look at Visdom now
                during.append((report, shown(visdom_server)))

        return observe

    controller.epoch_feed = observing
    controller.train()
    qtbot.waitUntil(lambda: controller.training is not None and not controller.busy, timeout=60_000)
    assert controller.training is not None
    assert dashboards.wait_idle()
    ((report, midway),) = during
    final = controller.training.runs
    # While SGD was between its epochs 1 and 2 (Adam not started), Visdom already held epochs 0 and 1.
    assert set(midway[LOSS_WINDOW]) == {"sgd · train loss", "sgd · val loss"}
    for split in ("train", "val"):
        np.testing.assert_array_equal(
            midway[LOSS_WINDOW][f"sgd · {split} loss"], final["sgd"].metrics[f"{split}_loss"][:2]
        )
    np.testing.assert_array_equal(
        midway[ACCURACY_WINDOW]["sgd · test accuracy"], final["sgd"].metrics["test_accuracy"][:2]
    )
    assert report.metrics["val_accuracy"] == final["sgd"].metrics["val_accuracy"][1]
    # When training ends, every optimizer's every epoch is there.
    after = shown(visdom_server)
    for name in ("sgd", "adam"):
        np.testing.assert_array_equal(
            after[LOSS_WINDOW][f"{name} · val loss"], final[name].metrics["val_loss"]
        )
        assert len(after[ACCURACY_WINDOW][f"{name} · train accuracy"]) == EPOCHS + 1
