"""File → Stream to Visdom… / Log to TensorBoard…: every recompute goes to the dashboards, off the GUI thread.

The sending itself is Qt-free (app/dashboards): each dashboard has a ``DashboardStream`` thread that
sends only the newest runs after a short settle time, with a timeout per request. A failure comes back
here once, as a status-bar message; the app never waits for a dashboard. The targets are remembered in
QSettings. The Real model window, once opened, sends its curves per epoch as it trains (Visdom; the
worker thread hands them over without waiting), each finished training and its landscape, on streams of
its own so that neither window's sends replace the other's.
"""

from __future__ import annotations

import threading
from functools import partial
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtWidgets import QDialog

from app.dashboards.series import RunSeries, run_series
from app.dashboards.stream import DashboardStream
from app.dashboards.targets import DEFAULT_VISDOM_ENV, DEFAULT_VISDOM_PORT, VisdomTarget, visdom_target
from app.runs.results import Results
from app.window.controller import Controller
from app.window.dashboard_dialogs import VisdomDialog, ask_log_folder
from app.window.main_window import MainWindow

SETTLE_SECONDS = 0.3  # a slider drag sends once it pauses this long
REAL_MODEL = "-real-model"  # suffix of the Real model window's streams: "visdom-real-model" …
MESSAGE_MS = 15_000
KEY_SERVER, KEY_PORT, KEY_ENV = "dashboards/visdom_server", "dashboards/visdom_port", "dashboards/visdom_env"
KEY_LOG_DIR = "dashboards/tensorboard_dir"


class DashboardController(QObject):
    failed = Signal(str, str)  # (dashboard, message), emitted on a stream's thread, shown on the GUI thread

    def __init__(self, window: MainWindow, controller: Controller, settings: QSettings | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.settings = settings if settings is not None else QSettings()
        self.visdom: VisdomTarget | None = None
        self.log_dir: str | None = None
        self._visdom_sender: Any = None
        self._streams: dict[str, DashboardStream] = {}
        self._streams_lock = threading.Lock()  # the Real model's worker thread may make its stream
        controller.add_shutdown_hook(self.shutdown)

    # ---- turning dashboards on and off ---------------------------------------------------------
    def saved_visdom_target(self) -> VisdomTarget:
        server = str(self.settings.value(KEY_SERVER, "http://localhost"))
        port = int(str(self.settings.value(KEY_PORT, DEFAULT_VISDOM_PORT)))
        env = str(self.settings.value(KEY_ENV, DEFAULT_VISDOM_ENV))
        try:
            return visdom_target(server, port, env)
        except ValueError:
            return VisdomTarget("http://localhost")

    def start_visdom(self, target: VisdomTarget) -> None:
        from app.dashboards.visdom_sender import VisdomSender

        self.settings.setValue(KEY_SERVER, target.server)
        self.settings.setValue(KEY_PORT, target.port)
        self.settings.setValue(KEY_ENV, target.env)
        self.visdom = target
        self._visdom_sender = VisdomSender(target)
        self._stream("visdom").reset()
        self._stream("visdom" + REAL_MODEL).reset()
        self.window.visdom_action.setChecked(True)
        self._show(self.tr("Streaming to Visdom at %1").replace("%1", str(target)))
        self._send_current()

    def stop_visdom(self) -> None:
        self.visdom, self._visdom_sender = None, None
        self.window.visdom_action.setChecked(False)

    def start_tensorboard(self, log_dir: str) -> None:
        self.settings.setValue(KEY_LOG_DIR, log_dir)
        self.log_dir = log_dir
        self._stream("tensorboard").reset()
        self._stream("tensorboard" + REAL_MODEL).reset()
        self.window.tensorboard_action.setChecked(True)
        self._show(self.tr("Logging to TensorBoard in %1").replace("%1", log_dir))
        self._send_current()

    def stop_tensorboard(self) -> None:
        self.log_dir = None
        self.window.tensorboard_action.setChecked(False)

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """True once every dashboard has sent what it was given (for tests and `gdscope render`)."""
        return all(stream.wait_idle(timeout) for stream in self._streams.values())

    def shutdown(self) -> None:
        with self._streams_lock:
            streams = list(self._streams.values())
            self._streams.clear()
        for stream in streams:
            stream.close()

    def _stream(self, name: str) -> DashboardStream:
        with self._streams_lock:
            if name not in self._streams:
                report = partial(self.failed.emit, name)
                # The Real model's epochs come seconds apart: send each at once, no settling.
                settle = 0.0 if name.endswith(REAL_MODEL) else SETTLE_SECONDS
                self._streams[name] = DashboardStream(report, settle, name)
            return self._streams[name]

    # ---- sending ---------------------------------------------------------------------------------
    def _send_current(self) -> None:
        results = self.controller.results
        if results is None:
            return
        view = self.controller.state.view
        job = partial(_series_of, results, view.ema_beta, view.bias_correction)
        grid = self.controller.grid
        names = results.problem.param_names
        family, title = results.problem.id, results.problem.name_en
        if self._visdom_sender is not None:
            self._stream("visdom").submit(
                partial(_send_visdom, self._visdom_sender, family, title, job, grid, names)
            )
        if self.log_dir is not None and grid is not None:
            self._stream("tensorboard").submit(
                partial(_log_tensorboard, self.log_dir, family, job, grid, names)
            )

    def publish_real_model(self, outcome: Any, landscape: Any) -> None:
        """Send the Real model window's trainings (and landscape, once there is one)."""
        from app.real_model.dashboards import real_model_title

        title = real_model_title(outcome.split.train.name)
        if self._visdom_sender is not None:
            self._stream("visdom" + REAL_MODEL).submit(
                partial(_send_real_model, self._visdom_sender, title, outcome, landscape)
            )
        if self.log_dir is not None:
            self._stream("tensorboard" + REAL_MODEL).submit(partial(_log_real_model, self.log_dir, outcome))

    def publish_real_model_epochs(self, title: str, curves: Any) -> None:
        """A running training's curves per epoch so far, to Visdom; called on the training's thread,
        it only hands them to the stream (TensorBoard gets the run when it finishes)."""
        sender = self._visdom_sender
        if sender is not None:
            self._stream("visdom" + REAL_MODEL).submit(partial(_send_epochs, sender, title, curves))

    # ---- handlers --------------------------------------------------------------------------------
    def on_visdom_action_triggered(self, checked: bool) -> None:
        if not checked:
            self.stop_visdom()
            return
        dialog = VisdomDialog(self.saved_visdom_target(), self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.start_visdom(dialog.target())
        else:
            self.window.visdom_action.setChecked(False)

    def on_tensorboard_action_triggered(self, checked: bool) -> None:
        if not checked:
            self.stop_tensorboard()
            return
        folder = ask_log_folder(self.window, str(self.settings.value(KEY_LOG_DIR, "")))
        if folder:
            self.start_tensorboard(folder)
        else:
            self.window.tensorboard_action.setChecked(False)

    def on_real_model_action_triggered(self) -> None:
        from app.real_model.dashboards import attach_dashboards  # the torch side loads on demand

        attach_dashboards(
            self.controller.real_model_windows, self.publish_real_model, self.publish_real_model_epochs
        )

    def on_controller_results_changed(self, _results: Results) -> None:
        if self.visdom is not None or self.log_dir is not None:
            self._send_current()

    def on_controller_grid_changed(self, _grid: object) -> None:
        if self.visdom is not None or self.log_dir is not None:
            self._send_current()

    def on_failed(self, dashboard: str, message: str) -> None:
        what = "Visdom" if dashboard.startswith("visdom") else "TensorBoard"
        text = QCoreApplication.translate("Dashboards", "%1: %2 — the app goes on without it")
        self._show(text.replace("%1", what).replace("%2", message))

    def _show(self, text: str) -> None:
        self.window.statusBar().showMessage(text, MESSAGE_MS)


# ---- the jobs, run on a stream's thread (no Qt objects) ---------------------------------------------
def _series_of(results: Results, beta: float, bias_correction: bool) -> list[RunSeries]:
    results = results.with_full_losses()
    split = results.problem.split
    has_validation = split is not None and len(split.val) > 0
    series = []
    for entry in results.completed():
        assert entry.result is not None
        own_beta = beta if entry.plan.ema_beta is None else entry.plan.ema_beta
        own_bias = bias_correction if entry.plan.bias_correction is None else entry.plan.bias_correction
        series.append(
            run_series(entry.key, entry.result, entry.label, entry.color, has_validation, own_beta, own_bias)
        )
    return series


def _send_visdom(
    sender: Any, family: str, title: str, series: Any, grid: Any, names: tuple[str, str]
) -> None:
    from app.dashboards.visdom_plots import trajectory_plots

    sender.send(trajectory_plots(family, title, series(), grid, names))


def _log_tensorboard(log_dir: str, family: str, series: Any, grid: Any, names: tuple[str, str]) -> None:
    from app.dashboards.tensorboard_log import log_runs
    from app.window.paths_picture import paths_picture

    runs = series()
    image: np.ndarray = paths_picture(grid, runs)
    log_runs(log_dir, family, runs, names, image)


def _send_real_model(sender: Any, title: str, outcome: Any, landscape: Any) -> None:
    from app.dashboards.series import epoch_series, landscape_series
    from app.dashboards.visdom_plots import real_model_plots

    runs = [epoch_series(name, run) for name, run in outcome.runs.items()]
    plane = None if landscape is None else landscape_series(landscape)
    sender.send(real_model_plots(title, runs, plane))


def _send_epochs(sender: Any, title: str, curves: Any) -> None:
    from app.dashboards.visdom_plots import REAL_MODEL_FAMILY, epoch_plots

    sender.send(epoch_plots(REAL_MODEL_FAMILY, title, curves))


def _log_real_model(log_dir: str, outcome: Any) -> None:
    from app.dashboards.series import epoch_series
    from app.dashboards.tensorboard_log import REAL_MODEL_FAMILY, log_trainings

    log_trainings(log_dir, REAL_MODEL_FAMILY, [epoch_series(name, run) for name, run in outcome.runs.items()])
