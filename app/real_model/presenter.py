"""Pushes the "Real model" settings and results to its views (setters only: nothing emits back)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication

from algorithms.image_data import ImageSet
from algorithms.landscape import Landscape
from app.real_model import views as views
from app.real_model.settings import RealModelSettings, dataset_folder, dataset_kind
from app.real_model.tasks import TrainingOutcome
from app.real_model.window import RealModelWindow
from app.state.limits import MAX_EPOCHS, MAX_IMAGE_BATCH, MAX_RESOLUTION, MIN_RESOLUTION
from widgets.real_model.accuracy_table import AccuracyRow


def _tr(text: str) -> str:
    return QCoreApplication.translate("RealModelPresenter", text)


class RealModelPresenter:
    """The views of one "Real model" window, fed from its settings and its current results.

    Every setting follows the state field by field: app/real_model/wiring.py connects the settings'
    change events to ``on_settings_changed``, which pushes only that field's widget(s). ``data()``
    is the chosen data set once it has been read (None before).
    """

    def __init__(
        self, window: RealModelWindow, state: RealModelSettings, data: Callable[[], ImageSet | None]
    ) -> None:
        self.window = window
        self.state = state
        self.data = data
        window.training_panel.set_limits(MAX_EPOCHS, (MIN_RESOLUTION, MAX_RESOLUTION), MAX_IMAGE_BATCH)
        panel = window.training_panel
        self.pushers: dict[str, Callable[[], None]] = {
            "dataset": self._show_data,
            "model": self._show_model,
            "epochs": partial(self._push, panel.set_epochs, "epochs"),
            "batch_size": partial(self._push, panel.set_batch_size, "batch_size"),
            "lr": partial(self._push, panel.set_lr, "lr"),
            "optimizers": partial(self._push, panel.set_optimizers, "optimizers"),
            "knobs": self._show_knobs,
            "ema_beta": partial(self._push, panel.set_ema_beta, "ema_beta"),
            "resolution": partial(self._push, panel.set_resolution, "resolution"),
            "directions": partial(self._push, panel.set_directions, "directions"),
            "eval_samples": partial(self._push, panel.set_eval_samples, "eval_samples"),
            "seed": partial(self._push, panel.set_seed, "seed"),
        }

    def show_settings(self, speed: float) -> None:
        """Every setting (at start, after a data set is read, after a training)."""
        for push in self.pushers.values():
            push()
        self.on_playback_speed_changed(speed)

    def on_settings_changed(self, info: Any) -> None:
        self.pushers[info.signal.name]()

    def on_playback_speed_changed(self, speed: float) -> None:
        self.window.playback_bar.set_speed(speed)

    def _push(self, setter: Callable[[Any], None], name: str) -> None:
        setter(getattr(self.state, name))  # the panel's setters never emit

    def _show_data(self) -> None:
        self.window.training_panel.set_dataset(self.dataset_text(self.data()))
        self._show_model()

    def _show_model(self) -> None:
        s, panel = self.state, self.window.training_panel
        features = views.features_of(s.dataset, self.data())
        panel.set_model(s.model)
        panel.set_parameter_count(views.parameter_count(s.model, features))
        title = views.MODEL_LABELS.get(s.model, s.model)
        self.window.accuracy_table.set_parameters(title, views.layer_sizes(s.model, features))

    def _show_knobs(self) -> None:
        for name, knob, value in self.state.knobs:
            if name in self.window.training_panel.optimizer_rows:
                self.window.training_panel.set_optimizer_knobs(name, {knob: value})

    def dataset_text(self, data: ImageSet | None) -> str:
        kind, folder = dataset_kind(self.state.dataset), dataset_folder(self.state.dataset)
        name = views.DATASET_LABELS.get(kind, kind)
        if data is None:
            return _tr("{name} (read when you press Train)").format(name=name)
        size = "×".join(str(n) for n in data.shape[:2]) + (_tr(" colour") if len(data.shape) == 3 else "")
        text = _tr("{name}: {count} images of {size} pixels, {classes} classes").format(
            name=name, count=f"{len(data):,}", size=size, classes=len(data.classes)
        )
        return f"{text}\n{folder}" if folder else text

    def show_training(self, training: TrainingOutcome, history: list[AccuracyRow], image_run: str) -> None:
        """The accuracy table, the test images of ``image_run`` and the curves of a finished training."""
        self.window.accuracy_table.set_rows(history)
        self.window.accuracy_table.set_classes(len(training.data.classes))
        grid = self.window.image_grid
        grid.set_runs([(name, views.label_of(name)) for name in training.predictions], image_run)
        grid.set_tiles(views.image_tiles(training, image_run))
        self.show_curves(training)

    def show_curves(self, training: TrainingOutcome) -> None:
        curves = self.window.curves_panel
        loss = views.loss_curves(training, self.state.ema_beta)
        curves.set_loss_curves(loss, views.validation_curves(training))
        curves.set_accuracy_curves(views.accuracy_curves(training))

    def show_landscape(self, training: TrainingOutcome, landscape: Landscape) -> None:
        grid, paths = views.surface_grid(landscape), views.run_paths(training, landscape)
        for view in (self.window.surface_view, self.window.contour_view):
            view.set_surface(grid)
            view.set_runs(paths)
        self.window.show_landscape(True)

    def show_step(self, step: int, training: TrainingOutcome, with_landscape: bool) -> None:
        """Every play head at ``step`` (called each playback frame)."""
        total = views.horizon(training)
        epoch = step / views.steps_per_epoch(training)
        self.window.playback_bar.set_step(step, total)
        self.window.curves_panel.set_step(step, epoch)
        if with_landscape:
            self.window.surface_view.set_step(step)
            self.window.contour_view.set_step(step)
            self.window.surface_view.set_step_text(
                _tr("step {step} / {total} · epoch {epoch:.1f}").format(step=step, total=total, epoch=epoch)
            )
