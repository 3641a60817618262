"""The "Real model" window's handlers: settings ↔ panels, and loading, training and the landscape on a worker.

Its connections are all listed in app/real_model/wiring.py.

One job runs at a time on a `JobRunner` (a worker thread with progress and cancel); results are
applied here, on the GUI thread. Closing the window cancels the job and waits at most 0.2 s for it.
Opening and closing the window from the main window's menu is app/real_model/launch.py.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from algorithms.image_data import ImageSet
from algorithms.landscape import Landscape
from algorithms.optimizers import PRESETS
from app.real_model import views as views
from app.real_model.presenter import RealModelPresenter
from app.real_model.settings import RealModelSettings, dataset_folder
from app.real_model.tasks import (
    EpochCallback,
    LandscapeRequest,
    TaskFailure,
    TrainingOutcome,
    TrainingRequest,
    compute_landscape,
    load_dataset,
    train_all,
)
from app.real_model.window import RealModelWindow
from app.real_model.wiring import wire_real_model
from app.runtime.job_runner import JobRunner, ProgressCallback
from app.runtime.playback import PlaybackController
from app.state.app_state import PlaybackState
from widgets.real_model.accuracy_table import AccuracyRow

LANDSCAPE_FIELDS = {"directions", "resolution", "eval_samples"}
PLAYBACK_SECONDS = 10.0  # playing the whole training takes about this long
EpochFeed = Callable[[TrainingRequest], EpochCallback]  # a training → who hears its epochs (worker thread)


class RealModelController(QObject):
    """Hears the panels and the settings; ``phase`` is "idle", "loading", "training" or "landscape"."""

    def __init__(self, state: RealModelSettings, window: RealModelWindow) -> None:
        super().__init__(window)
        self.state = state
        self.window = window
        self.playback = PlaybackState()
        self.presenter = RealModelPresenter(window, state, self._chosen_data)
        self.jobs = JobRunner(self)
        self.playback_control = PlaybackController(
            self.playback,
            window.playback_bar,
            self._horizon,
            self._trained,
            play_before_ready=False,
            parent=self,
        )
        self.player = self.playback_control.player
        self.phase = "idle"
        self.datasets: dict[str, ImageSet] = {}
        self.training: TrainingOutcome | None = None
        self.landscape: Landscape | None = None
        self.history: list[AccuracyRow] = []
        self.image_run = ""
        self._names: tuple[str, ...] = ()  # the optimizers being trained, in order
        self.epoch_feed: EpochFeed | None = None  # the dashboards' live feed (app/real_model/dashboards.py)
        self._closed = False
        self.wiring = wire_real_model(self)  # every connection of this window (app/real_model/wiring.py)
        choices = [views.optimizer_row(n, self._optimizer_tip(n)) for n in PRESETS]
        window.training_panel.set_optimizer_choices(choices)
        self.show_settings()
        window.show_landscape(False, self.tr("Press Train: the loss landscape and the paths appear here."))
        window.playback_bar.set_step(0, 0)

    def _optimizer_tip(self, name: str) -> str:
        config = PRESETS[name]
        options = ", ".join(f"{k}={v}" for k, v in config.hyperparameters().items() if k != "lr")
        return self.tr("torch.optim.{cls}({options})").format(cls=config.torch_class_name, options=options)

    # ---- jobs ---------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.phase != "idle"

    def train(self) -> None:
        """Train every chosen optimizer on the worker, then compute the landscape."""
        s = self.state
        if self.busy or self._closed:
            return
        if not s.optimizers:
            self.window.training_panel.set_message(self.tr("Tick at least one optimizer to train."))
            return
        request = TrainingRequest(
            s.dataset, s.model, s.epochs, s.batch_size, s.lr, s.optimizers, s.seed, s.knobs
        )
        self._names = s.optimizers
        self.playback.playing = False
        on_epoch = None if self.epoch_feed is None else self.epoch_feed(request)
        work = partial(train_all, request, self.datasets.get(s.dataset), on_epoch=on_epoch)
        self._start("train", "training", work)

    def load_folder(self, kind: str, folder: str) -> None:
        """Read an MNIST or CIFAR-10 folder on the worker; a bad one leaves the settings as they were."""
        if not (self.busy or self._closed):
            self._start("dataset", "loading", partial(_load_work, f"{kind}:{folder}"))

    def cancel(self) -> None:
        if self.busy:
            self.jobs.cancel()
            self.window.training_panel.set_progress(None, self.tr("Cancelling…"))

    def _start(self, channel: str, phase: str, work: Any) -> None:
        self.phase = phase
        self.window.training_panel.set_message("")
        self.window.training_panel.set_busy(True)
        self.on_jobs_progressed(-1.0 if phase == "loading" else 0.0, "")
        self.jobs.start(channel, work)

    def _start_landscape(self) -> None:
        if self.training is None or self._closed:
            return
        s = self.state
        request = LandscapeRequest(s.directions, s.resolution, s.eval_samples, s.seed)
        self.window.show_landscape(False, self.tr("Computing the loss landscape…"))
        self._start("landscape", "landscape", partial(compute_landscape, self.training, request))

    def _finish(self, text: str = "", message: str = "") -> None:
        self.phase = "idle"
        self.window.training_panel.set_busy(False)
        self.window.training_panel.set_progress(None, text)
        self.window.training_panel.set_message(message)

    def on_jobs_progressed(self, fraction: float, detail: str) -> None:
        if self.phase == "loading":
            text = self.tr("Reading the image files…")
        elif self.phase == "training":
            index = self._names.index(detail) + 1 if detail in self._names else 1
            name = views.label_of(detail or self._names[0])
            text = self.tr("Training {name} ({index} of {count})…").format(
                name=name, index=index, count=len(self._names)
            )
        else:
            n, samples = self.state.resolution, self.state.eval_samples
            text = self.tr("Loss landscape: {n}×{n} grid on {samples} images…").format(n=n, samples=samples)
        self.window.training_panel.set_progress(fraction, text)

    def on_jobs_finished(self, channel: str, result: Any) -> None:
        if self._closed:
            return
        if isinstance(result, TaskFailure):
            self._finish(message=result.message)
            if channel == "landscape":
                self.window.show_landscape(False, result.message)
        elif channel == "dataset":
            self._apply_dataset(*result)
        elif channel == "train":
            self._apply_training(result)
        elif channel == "landscape":
            self._apply_landscape(result)

    def on_jobs_failed(self, _channel: str, message: str) -> None:
        self._finish(message=message)

    def _apply_dataset(self, spec: str, result: ImageSet | TaskFailure | None) -> None:
        if result is None:
            self._finish(self.tr("Loading cancelled: nothing changed."))
            return
        if isinstance(result, TaskFailure):
            self._finish(message=result.message)
            return
        self._finish()
        self.datasets = {k: v for k, v in self.datasets.items() if k == "digits"}  # one big set at most
        self.datasets[spec] = result
        self.state.dataset = spec
        self.show_settings()  # also when the same folder was read again

    def _apply_training(self, result: TrainingOutcome) -> None:
        if result.cancelled:
            self._finish(self.tr("Training cancelled: nothing changed."))
            return
        self.datasets.setdefault(result.request.dataset, result.data)
        self.training, self.landscape = result, None
        self.history = views.accuracy_rows(result, self.history)
        self.image_run = next(iter(result.runs))
        self.playback.speed = max(30.0, views.horizon(result) / PLAYBACK_SECONDS)
        self.playback.step = views.horizon(result)
        self.show_settings()
        self.presenter.show_training(result, self.history, self.image_run)
        self._show_step()
        self._finish()
        self._start_landscape()

    def _apply_landscape(self, result: Landscape | None) -> None:
        if result is None:
            self._finish(self.tr("Landscape cancelled."))
            self.window.show_landscape(False, self.tr("The landscape was cancelled: press Train again."))
            return
        self.landscape = result
        self._finish(self.tr("Done. Press play (Space) to watch the optimizers descend."))
        assert self.training is not None
        self.presenter.show_landscape(self.training, result)
        self._show_step()

    # ---- settings and results → views ---------------------------------------------------------
    def show_settings(self) -> None:
        self.presenter.show_settings(self.playback.speed)

    def _chosen_data(self) -> ImageSet | None:
        return self.datasets.get(self.state.dataset)

    def on_settings_changed(self, info: Any) -> None:
        """After the presenter has shown the field (app/real_model/wiring.py): what it changes."""
        name = info.signal.name
        if name == "ema_beta" and self.training is not None:
            self.presenter.show_curves(self.training)
            self._show_step()
        elif name in LANDSCAPE_FIELDS and self.training is not None and self.phase in ("idle", "landscape"):
            self._start_landscape()  # a landscape being computed is cancelled and replaced

    def _show_step(self) -> None:
        if self.training is not None:
            self.presenter.show_step(self.playback.step, self.training, self.landscape is not None)

    # ---- views → settings ---------------------------------------------------------------------
    def on_training_panel_dataset_requested(self, kind: str) -> None:
        if kind == "digits":
            self.window.training_panel.set_message("")
            self.state.dataset = "digits"
            return
        title = (
            self.tr("Choose the MNIST folder") if kind == "mnist" else self.tr("Choose the CIFAR-10 folder")
        )
        folder = QFileDialog.getExistingDirectory(self.window, title, dataset_folder(self.state.dataset))
        if folder:
            self.load_folder(kind, folder)

    def on_load_digits_action_triggered(self) -> None:
        self.on_training_panel_dataset_requested("digits")

    def on_load_mnist_action_triggered(self) -> None:
        self.on_training_panel_dataset_requested("mnist")

    def on_load_cifar_action_triggered(self) -> None:
        self.on_training_panel_dataset_requested("cifar10")

    def on_training_panel_model_changed(self, model: str) -> None:
        self.state.model = model

    def on_training_panel_optimizer_toggled(self, name: str, on: bool) -> None:
        chosen = tuple(n for n in self.state.optimizers if n != name)
        self.state.optimizers = (*chosen, name) if on else chosen

    def on_training_panel_optimizer_knob_changed(self, name: str, knob: str, value: object) -> None:
        kept = tuple(entry for entry in self.state.knobs if entry[:2] != (name, knob))
        self.state.knobs = (*kept, (name, knob, value))  # type: ignore[arg-type]

    def on_training_panel_lr_changed(self, lr: float) -> None:
        self.state.lr = lr

    def on_training_panel_batch_size_changed(self, size: int) -> None:
        self.state.batch_size = size

    def on_training_panel_epochs_changed(self, epochs: int) -> None:
        self.state.epochs = epochs

    def on_training_panel_seed_changed(self, seed: int) -> None:
        self.state.seed = seed

    def on_training_panel_ema_beta_changed(self, beta: float) -> None:
        self.state.ema_beta = beta

    def on_training_panel_resolution_changed(self, resolution: int) -> None:
        self.state.resolution = resolution

    def on_training_panel_directions_changed(self, directions: str) -> None:
        self.state.directions = directions

    def on_training_panel_eval_samples_changed(self, samples: int) -> None:
        self.state.eval_samples = samples

    def on_image_grid_run_chosen(self, name: str) -> None:
        if self.training is not None:
            self.image_run = name
            self.window.image_grid.set_tiles(views.image_tiles(self.training, name))

    # ---- playback -----------------------------------------------------------------------------
    def _horizon(self) -> int:
        return views.horizon(self.training) if self.training is not None else 0

    def _trained(self) -> bool:
        return self.training is not None

    def on_playback_step_changed(self, _step: int) -> None:
        self._show_step()

    # ---- closing ------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Cancel the job (waiting at most JobRunner's SHUTDOWN_WAIT_MS for it: a job still running
        ends at its next cancel check and reaches nobody), stop playback, let go of the data
        (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self.wiring.undo_state()
        self.playback_control.stop()
        self.jobs.shutdown()
        self.phase = "idle"
        self.datasets, self.training, self.landscape = {}, None, None


def _load_work(
    spec: str, _progress: ProgressCallback, cancel: Callable[[], bool]
) -> tuple[str, ImageSet | TaskFailure | None]:
    return spec, load_dataset(spec, cancel)
