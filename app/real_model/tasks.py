"""The "Real model" window's heavy work as plain functions: load, train every optimizer, draw the landscape.

Qt-free: the controller runs them on a worker thread with ``progress(fraction, detail)`` and
``cancel()`` callbacks and gets back immutable results. Foreseeable failures (a bad file, a bad
option, a diverged run) come back as ``TaskFailure`` with the message meant for the user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
import numpy.typing as npt
import torch

from algorithms.classifier import ClassifierError, TrainingRun, build_model, initial_state, train
from algorithms.image_data import (
    ImageDataCancelled,
    ImageDataError,
    ImageSet,
    ImageSplit,
    load_image_dataset,
    split_images,
)
from algorithms.landscape import (
    Landscape,
    LandscapeCancelled,
    LandscapeError,
    evaluation_subset,
    landscape_of_runs,
)
from algorithms.optimizers import PRESETS, OptimizerConfig, OptimizerConfigError, preset

SHOWN_TEST_IMAGES = 24  # test images in the grid beside the curves

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class TaskFailure:
    """A task that could not run; ``message`` names the file or option at fault."""

    message: str


@dataclass(frozen=True)
class TrainingRequest:
    """Everything one press of Train needs, copied from the settings when it was pressed."""

    dataset: str
    model: str
    epochs: int
    batch_size: int
    lr: float
    optimizers: tuple[str, ...]
    seed: int
    knobs: tuple[tuple[str, str, float | bool], ...] = ()


@dataclass(frozen=True, eq=False)
class TrainingOutcome:
    """Every optimizer's run from the same initial weights, and their guesses on a few test images.

    ``shown`` are indices into ``split.test``; ``predictions[name][i]`` is the class run ``name``'s
    final model gives ``split.test`` image ``shown[i]``. A ``cancelled`` outcome is never drawn.
    """

    request: TrainingRequest
    data: ImageSet
    split: ImageSplit
    runs: dict[str, TrainingRun]
    shown: npt.NDArray[np.int64]
    predictions: dict[str, npt.NDArray[np.int64]]
    cancelled: bool = False


@dataclass(frozen=True)
class EpochReport:
    """One optimizer's metrics after one epoch (0: the initial weights), heard while training runs."""

    dataset: str  # the data's name, as ``TrainingOutcome.split.train.name``
    optimizer: str
    epoch: int
    metrics: dict[str, float]


EpochCallback = Callable[[EpochReport], None]


@dataclass(frozen=True)
class LandscapeRequest:
    directions: str
    resolution: int
    samples: int
    seed: int


LOADING_CANCELLED = "Loading cancelled: nothing changed."


def load_dataset(spec: str, cancel: Cancel) -> ImageSet | TaskFailure | None:
    """The data set, the loader's message, or None when ``cancel()`` stopped the reading."""
    try:
        return load_image_dataset(spec, cancel)
    except ImageDataError as error:
        return TaskFailure(str(error))
    except ImageDataCancelled:
        return None


@torch.no_grad()
def predict(run: TrainingRun, images: npt.NDArray[np.float32]) -> npt.NDArray[np.int64]:
    """The class each image gets from the run's final weights."""
    model = build_model(run.model_kind, images.shape[1])
    model.load_state_dict(run.final_state)
    model.eval()
    logits = model(torch.from_numpy(np.ascontiguousarray(images)))
    return np.asarray(logits.argmax(dim=1).numpy(), dtype=np.int64)


Knobs = tuple[tuple[str, str, float | bool], ...]


def configured(name: str, lr: float, knobs: Knobs) -> OptimizerConfig:
    """The preset with the knobs the learner set for it (OptimizerConfigError if torch would refuse)."""
    changes: dict[str, object] = {}
    betas = list(PRESETS[name].betas)
    for optimizer, knob, value in knobs:
        if optimizer != name:
            continue
        if knob in ("beta1", "beta2"):
            betas[0 if knob == "beta1" else 1] = float(value)
            changes["betas"] = tuple(betas)
        else:
            changes[knob] = value
    return preset(name, lr=lr, **changes).validate()


def _report_epoch(
    on_epoch: EpochCallback, dataset: str, optimizer: str, epoch: int, metrics: dict[str, float]
) -> None:
    on_epoch(EpochReport(dataset, optimizer, epoch, metrics))


def train_all(
    request: TrainingRequest,
    data: ImageSet | None,
    progress: Progress,
    cancel: Cancel,
    on_epoch: EpochCallback | None = None,
) -> TrainingOutcome | TaskFailure:
    """Load (unless ``data`` is given), split, and train every optimizer in turn from one initial state.

    ``on_epoch`` hears every optimizer's metrics after each epoch, on this (the worker's) thread.
    """
    try:
        if data is None:
            data = load_image_dataset(request.dataset, cancel)
        configs = {name: configured(name, request.lr, request.knobs) for name in request.optimizers}
        split = split_images(data, seed=request.seed)
        start = initial_state(request.model, split.train.features, request.seed)
        runs: dict[str, TrainingRun] = {}
        count = len(configs)
        for index, (name, config) in enumerate(configs.items()):

            def report(fraction: float, index: int = index, name: str = name) -> None:
                progress((index + fraction) / count, name)

            run = train(
                request.model,
                split,
                config,
                request.epochs,
                request.batch_size,
                request.seed,
                init_state=start,
                progress=report,
                cancel=cancel,
                on_epoch=None if on_epoch is None else partial(_report_epoch, on_epoch, data.name, name),
            )
            runs[name] = run
            if run.cancelled:
                break
    except (ImageDataError, ClassifierError, OptimizerConfigError) as error:
        return TaskFailure(str(error))
    except ImageDataCancelled:
        return TaskFailure(LOADING_CANCELLED)
    shown = np.arange(min(SHOWN_TEST_IMAGES, len(split.test)), dtype=np.int64)
    cancelled = any(run.cancelled for run in runs.values()) or len(runs) < len(request.optimizers)
    predictions = {} if cancelled else {k: predict(r, split.test.images[shown]) for k, r in runs.items()}
    return TrainingOutcome(request, data, split, runs, shown, predictions, cancelled)


def compute_landscape(
    outcome: TrainingOutcome, request: LandscapeRequest, progress: Progress, cancel: Cancel
) -> Landscape | TaskFailure | None:
    """The loss landscape around the first run's final weights, or None when cancelled."""
    data = evaluation_subset(outcome.split.train, request.samples, request.seed)

    def report(fraction: float) -> None:
        progress(fraction, "")

    try:
        return landscape_of_runs(
            outcome.runs,
            data,
            request.directions,
            request.resolution,
            request.seed,
            progress=report,
            cancel=cancel,
        )
    except LandscapeCancelled:
        return None
    except LandscapeError as error:
        return TaskFailure(str(error))


def display_pixels(data: ImageSet, rows: npt.NDArray[np.int64]) -> list[npt.NDArray[np.uint8]]:
    """Images ``rows`` of ``data`` as 8-bit pictures: the normalisation undone, (h, w) or (h, w, 3)."""
    mean = np.asarray(data.mean, dtype=np.float32)
    std = np.asarray(data.std, dtype=np.float32)
    pictures = []
    for row in rows.tolist():
        picture = data.images[row].reshape(data.shape) * std + mean
        pictures.append(np.clip(np.rint(picture * 255.0), 0, 255).astype(np.uint8))
    return pictures
