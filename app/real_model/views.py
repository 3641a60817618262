"""What the "Real model" views are given: training runs and landscapes turned into plain view values.

Qt-free. The play head counts optimizer steps (mini-batches); a run's path holds at its last
recorded snapshot between two snapshots (``TrainingRun`` keeps ~100 of them), never invents points.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from scipy.interpolate import RegularGridInterpolator  # a dependency of scikit-learn

from algorithms.classifier import TrainingRun, parameter_shapes
from algorithms.image_data import ImageSet
from algorithms.landscape import Landscape
from algorithms.smoothing import ema
from app.real_model.tasks import TrainingOutcome, display_pixels
from app.state.optimizer_kinds import KIND_COLORS, KIND_LABELS, OPTIMIZER_BY_KIND, OptimizerKind
from widgets.common.view_data import LossCurve, RunPath, SurfaceGrid
from widgets.real_model.accuracy_table import AccuracyRow
from widgets.real_model.image_grid_panel import ImageTile
from widgets.real_model.training_curves_panel import EpochCurve

# The rows' own labels (app/state/optimizer_kinds.py), except SGD: here every optimizer trains on the
# chosen mini-batches, so it is not the main window's "SGD (batch 1)".
LABEL_OVERRIDES = {"sgd": "SGD"}
DATASET_LABELS = {"digits": "digits", "mnist": "MNIST", "cifar10": "CIFAR-10"}
FEATURES = {"digits": 64, "mnist": 28 * 28, "cifar10": 32 * 32 * 3}  # until the files are read
MODEL_LABELS = {"softmax": "softmax", "mlp": "MLP"}
SPLIT_STYLES = (("train", "solid"), ("val", "dash"), ("test", "dot"))
EARLIER_ROWS = 8  # earlier trainings kept in the accuracy table


def label_of(name: str) -> str:
    return LABEL_OVERRIDES.get(name) or KIND_LABELS.get(name, name)


def color_of(name: str) -> str:
    return KIND_COLORS.get(name, "#ffffff")


def optimizer_row(name: str, tooltip: str) -> OptimizerKind:
    """The 2D window's row declaration for a torch.optim preset (plain SGD is the mini-batch row),
    named, coloured and explained for this window."""
    kind = "minibatch" if name == "sgd" else name
    row = OPTIMIZER_BY_KIND[kind]
    return replace(row, kind=name, label=label_of(name), tooltip=tooltip, color=color_of(name))


def layer_sizes(model: str, features: int) -> list[tuple[int, int]]:
    """(in_features, out_features) of each nn.Linear of the model, in order."""
    return [(int(shape[1]), int(shape[0])) for shape in parameter_shapes(model, features) if len(shape) == 2]


def parameter_count(model: str, features: int) -> int:
    return sum(n_in * n_out + n_out for n_in, n_out in layer_sizes(model, features))


def features_of(spec: str, data: ImageSet | None) -> int:
    return data.features if data is not None else FEATURES.get(spec.partition(":")[0], 64)


def horizon(outcome: TrainingOutcome) -> int:
    """Steps of the longest run: the play head's last position."""
    return max((len(run.batch_loss) for run in outcome.runs.values()), default=0)


def steps_per_epoch(outcome: TrainingOutcome) -> int:
    return max((run.steps_per_epoch for run in outcome.runs.values()), default=1)


# --- curves ----------------------------------------------------------------------------------------


def loss_curves(outcome: TrainingOutcome, beta: float) -> list[LossCurve]:
    """Each run's mini-batch losses, raw and smoothed (bias-corrected EMA)."""
    return [
        LossCurve(name, label_of(name), color_of(name), run.batch_loss, ema(run.batch_loss, beta, True))
        for name, run in outcome.runs.items()
    ]


def _epoch_x(run: TrainingRun, in_steps: bool) -> np.ndarray:
    epochs = np.arange(len(run.metrics["val_loss"]), dtype=float)
    return epochs * run.steps_per_epoch if in_steps else epochs


def validation_curves(outcome: TrainingOutcome) -> list[EpochCurve]:
    """Validation loss after each epoch, placed at that epoch's last step."""
    return [
        EpochCurve(
            f"{name}:val",
            f"{label_of(name)} · val",
            color_of(name),
            _epoch_x(run, True),
            run.metrics["val_loss"],
            "dash",
        )
        for name, run in outcome.runs.items()
    ]


def accuracy_curves(outcome: TrainingOutcome) -> list[EpochCurve]:
    """Train (named in the legend), validation and test accuracy per epoch of every run."""
    curves = []
    for name, run in outcome.runs.items():
        for split, style in SPLIT_STYLES:
            label = label_of(name) if split == "train" else ""
            x, y = _epoch_x(run, False), run.metrics[f"{split}_accuracy"]
            curves.append(EpochCurve(f"{name}:{split}", label, color_of(name), x, y, style))
    return curves


def accuracy_rows(outcome: TrainingOutcome, earlier: list[AccuracyRow]) -> list[AccuracyRow]:
    """This training's runs first, then up to EARLIER_ROWS earlier rows (greyed)."""
    dataset = DATASET_LABELS.get(outcome.data.name, outcome.data.name)
    model = MODEL_LABELS.get(outcome.request.model, outcome.request.model)
    rows = []
    for name, run in outcome.runs.items():
        accuracy = run.final_accuracy()
        train, val, test = accuracy["train"], accuracy["val"], accuracy["test"]
        row = AccuracyRow(
            name, label_of(name), color_of(name), dataset, model, run.epochs_done, train, val, test
        )
        rows.append(row)
    return rows + [replace(row, current=False) for row in earlier][:EARLIER_ROWS]


# --- landscape -------------------------------------------------------------------------------------


def _axis_label(landscape: Landscape, index: int) -> str:
    if landscape.explained_ratio is not None:
        share = float(landscape.explained_ratio[index])
        return f"PCA {index + 1} ({100 * share:.0f} %)" if math.isfinite(share) else f"PCA {index + 1}"
    return f"random direction {index + 1}"


def surface_grid(landscape: Landscape) -> SurfaceGrid:
    return SurfaceGrid(
        landscape.alphas,
        landscape.betas,
        landscape.grid,
        _axis_label(landscape, 0),
        _axis_label(landscape, 1),
        "loss",
    )


def run_paths(outcome: TrainingOutcome, landscape: Landscape) -> list[RunPath]:
    """Each run's projected path, one point per step (held between snapshots), on the surface."""
    interpolate = RegularGridInterpolator(
        (landscape.betas, landscape.alphas), landscape.grid, bounds_error=False, fill_value=None
    )
    paths = []
    for name, run in outcome.runs.items():
        coords = landscape.trajectories[name]
        steps = np.arange(len(run.batch_loss) + 1)
        index = np.searchsorted(run.snapshot_steps, steps, side="right") - 1
        xy = coords[np.clip(index, 0, len(coords) - 1)]
        finite = np.isfinite(xy).all(axis=1)
        loss = np.full(len(xy), np.nan)
        loss[finite] = interpolate(xy[finite][:, ::-1])
        ended = run.cancelled or not finite.all()
        paths.append(RunPath(name, label_of(name), color_of(name), xy, loss, ended))
    return paths


# --- test images -----------------------------------------------------------------------------------


def image_tiles(outcome: TrainingOutcome, name: str) -> list[ImageTile]:
    """The shown test images with run ``name``'s guesses (no tiles for an unknown run)."""
    guesses = outcome.predictions.get(name)
    if guesses is None:
        return []
    test = outcome.split.test
    pictures = display_pixels(test, outcome.shown)
    truths = test.labels[outcome.shown].tolist()
    return [
        ImageTile(picture, test.classes[guess], test.classes[truth])
        for picture, guess, truth in zip(pictures, guesses.tolist(), truths, strict=True)
    ]
