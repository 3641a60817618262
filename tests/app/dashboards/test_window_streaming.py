"""The window's File → Stream to Visdom / Log to TensorBoard, against a real server and reader."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from algorithms.smoothing import ema
from app.dashboards.targets import VisdomTarget
from app.window.controller import Controller
from app.window.dashboard_controller import DashboardController
from app.window.dashboard_dialogs import VisdomDialog
from app.window.main_window import MainWindow
from tests.app.dashboards.conftest import VisdomServer

Window = tuple[MainWindow, Controller, DashboardController, list[str]]


@pytest.fixture
def streaming(window_and_controller: tuple[MainWindow, Controller]) -> Iterator[Window]:
    window, controller = window_and_controller
    dashboards = window.findChild(DashboardController)
    assert dashboards is not None
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    yield window, controller, dashboards, messages


def visdom_windows(server: VisdomServer, env: str) -> dict[str, Any]:
    client: Any = server.client(env)
    return dict(json.loads(client.get_window_data(None, env)))


def failures(messages: list[str]) -> list[str]:
    return [m for m in messages if "the app goes on without it" in m]


def test_the_window_streams_every_run_and_each_recompute(
    qtbot: QtBot, streaming: Window, visdom_server: VisdomServer
) -> None:
    window, controller, dashboards, messages = streaming
    dashboards.start_visdom(VisdomTarget("http://localhost", visdom_server.port, "window"))
    assert window.visdom_action.isChecked()
    assert dashboards.wait_idle()
    results = controller.results
    assert results is not None
    family = results.problem.id
    shown = visdom_windows(visdom_server, "window")
    assert {f"gdscope-{family}-{w}" for w in ("loss", "lr", "surface", "contour")} <= set(shown)
    traces = {t["name"]: t for t in shown[f"gdscope-{family}-loss"]["content"]["data"]}
    beta = controller.state.view.ema_beta
    for entry in results.completed():
        assert entry.result is not None
        raw = traces[f"{entry.label} · raw"]["y"]
        np.testing.assert_array_equal(raw, entry.result.batch_loss)
        np.testing.assert_allclose(
            traces[f"{entry.label} · EMA"]["y"], ema(entry.result.batch_loss, beta, True)
        )
    controller.state.run.lr = 0.003  # a recompute replaces the windows with the new runs
    assert dashboards.wait_idle()
    new_results = controller.results
    assert new_results is not None and new_results is not results
    traces = {
        t["name"]: t
        for t in visdom_windows(visdom_server, "window")[f"gdscope-{family}-loss"]["content"]["data"]
    }
    first = new_results.completed()[0]
    assert first.result is not None
    np.testing.assert_array_equal(traces[f"{first.label} · raw"]["y"], first.result.batch_loss)
    assert failures(messages) == []
    assert QSettings().value("dashboards/visdom_port") in (visdom_server.port, str(visdom_server.port))


def test_a_server_killed_mid_stream_gives_one_message_and_the_app_goes_on(
    qtbot: QtBot, streaming: Window, visdom_server: VisdomServer
) -> None:
    window, controller, dashboards, messages = streaming
    dashboards.start_visdom(VisdomTarget("http://localhost", visdom_server.port, "killed"))
    assert dashboards.wait_idle()
    visdom_server.kill()
    for lr in (0.002, 0.004, 0.008):
        controller.state.run.lr = lr
        assert dashboards.wait_idle()
        results = controller.results
        assert results is not None and results.completed()[0].plan.spec is not None
        assert results.completed()[0].plan.spec.optimizer.lr == pytest.approx(lr)
    qtbot.waitUntil(lambda: len(failures(messages)) == 1, timeout=10_000)
    (message,) = failures(messages)
    assert message.startswith("Visdom: Visdom server http://localhost:") and "not reachable" in message
    assert window.isVisible()


def test_nothing_listening_is_one_status_message(qtbot: QtBot, streaming: Window, closed_port: int) -> None:
    _window, controller, dashboards, messages = streaming
    dashboards.start_visdom(VisdomTarget("http://127.0.0.1", closed_port, "none"))
    controller.state.run.lr = 0.02
    assert dashboards.wait_idle()
    qtbot.waitUntil(lambda: len(failures(messages)) == 1, timeout=10_000)
    assert "connection refused" in failures(messages)[0]


def test_tensorboard_logs_every_run_and_a_read_only_folder_is_one_message(
    qtbot: QtBot, streaming: Window, tmp_path: Path, read_only_dir: Path
) -> None:
    pytest.importorskip("tensorboard")
    window, controller, dashboards, messages = streaming
    qtbot.waitUntil(lambda: controller.grid is not None)
    dashboards.start_tensorboard(str(tmp_path / "logs"))
    assert dashboards.wait_idle()
    results = controller.results
    assert results is not None
    folders = sorted(p.name for p in (tmp_path / "logs" / results.problem.id).iterdir())
    assert len(folders) == len(results.completed()) + 1 and "surface" in folders
    assert failures(messages) == []
    dashboards.start_tensorboard(str(read_only_dir))
    controller.state.run.lr = 0.02
    assert dashboards.wait_idle()
    qtbot.waitUntil(lambda: len(failures(messages)) == 1, timeout=10_000)
    assert failures(messages)[0].startswith("TensorBoard: cannot write TensorBoard logs in ")
    assert window.tensorboard_action.isChecked()


def test_the_visdom_dialog_checks_its_fields(qtbot: QtBot) -> None:
    dialog = VisdomDialog(VisdomTarget("http://localhost", 8097, "gdscope"))
    qtbot.addWidget(dialog)
    dialog.server_edit.setText("http://teacher.example")
    dialog.port_box.setValue(9000)
    dialog.env_edit.setText("lesson 3")
    dialog.buttons.accepted.emit()
    assert "environment name" in dialog.error_label.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    dialog.env_edit.setText("lesson-3")
    dialog.buttons.accepted.emit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.target() == VisdomTarget("http://teacher.example", 9000, "lesson-3")
