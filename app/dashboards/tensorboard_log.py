"""Runs as TensorBoard event files, through torch's own ``SummaryWriter`` (imported only when used:
it pulls in tensorboard and protobuf, which the window's start-up must not pay for).

``<log dir>/<family>/<optimizer>_<hyperparameters>/`` per run: scalars per step (raw and EMA loss, the
full loss, the validation loss, the lr each step used (``lr``, or ``lr/x`` and ``lr/y`` for two param
groups), each parameter, the gradient norm) and ``add_hparams`` with the final
loss; ``<log dir>/<family>/surface/`` holds the contour map with every path as an image.
``tensorboard --logdir DIR`` then shows the runs side by side.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from app.dashboards.series import EpochSeries, RunSeries, lr_traces
from app.dashboards.targets import DashboardError

INSTALL_HINT = "TensorBoard is not installed: pip install -e '.[tensorboard]'"
EVENT_FILE_PREFIX = "events.out.tfevents."
IMAGE_RUN = "surface"
REAL_MODEL_FAMILY = "real-model"
IMAGE_TAG = "surface with paths"


def _summary_writer_class() -> Any:
    try:
        from torch.utils.tensorboard import SummaryWriter
    except ImportError:
        raise DashboardError(INSTALL_HINT) from None
    return SummaryWriter


def _fresh_run_dir(path: Path) -> Path:
    """The run's directory, made if needed, with the event files of an earlier send of it removed."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        for old in path.glob(f"{EVENT_FILE_PREFIX}*"):
            old.unlink()
    except OSError as error:
        raise DashboardError(f"cannot write TensorBoard logs in {path}: {error.strerror or error}") from None
    return path


def _hparam_value(value: Any) -> float | str | bool:
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return float(value)
    return ",".join(f"{v:g}" if isinstance(v, float) else str(v) for v in value)


def _final(values: np.ndarray) -> float:
    finite = values[np.isfinite(values)]
    return float(finite[-1]) if len(finite) else math.nan


def _hparams(run: RunSeries | EpochSeries) -> dict[str, float | str | bool]:
    return {"optimizer": run.name, **{k: _hparam_value(v) for k, v in run.hyperparameters.items()}}


def _write_fresh(path: Path, body: Any) -> Path:
    """``body(writer)`` into the run folder ``path``, cleared of an earlier send first; that folder."""
    run_dir = _fresh_run_dir(path)
    _write(run_dir, body)
    return run_dir


def _write(run_dir: Path, body: Any) -> None:
    writer_class = _summary_writer_class()
    try:
        writer = writer_class(log_dir=str(run_dir))
        try:
            body(writer)
        finally:
            writer.close()
    except OSError as error:
        raise DashboardError(
            f"cannot write TensorBoard logs in {run_dir}: {error.strerror or error}"
        ) from None


def _scalars(writer: Any, tag: str, values: np.ndarray) -> None:
    for step, value in enumerate(np.asarray(values, dtype=float).tolist()):
        if math.isfinite(value):
            writer.add_scalar(tag, value, step)


def write_run(writer: Any, run: RunSeries, names: tuple[str, str]) -> None:
    """One run's scalars per step and its hyperparameters with the final loss."""
    _scalars(writer, "loss/raw", run.batch_loss)
    _scalars(writer, "loss/ema", run.ema_loss)
    _scalars(writer, "loss/full", run.loss)
    if run.val_loss is not None:
        _scalars(writer, "loss/validation", run.val_loss)
    for tag, values in lr_traces(run, names):
        _scalars(writer, tag, values)
    for column, name in enumerate(names):
        _scalars(writer, f"param/{name}", run.params[:, column])
    _scalars(writer, "grad_norm", run.grad_norm)
    hparams = _hparams(run)
    metrics = {"hparam/final_loss": _final(run.loss)}
    if run.val_loss is not None:
        metrics["hparam/final_val_loss"] = _final(run.val_loss)
    writer.add_hparams(hparams, metrics, run_name=".")


def log_runs(
    log_dir: str | Path,
    family: str,
    runs: Sequence[RunSeries],
    names: tuple[str, str] = ("x", "y"),
    image: np.ndarray | None = None,
) -> list[Path]:
    """Write every run (and the picture of the surface with the paths) under ``log_dir/family``."""
    root = Path(log_dir) / family
    written = [_write_fresh(root / run.run_name, partial(write_run, run=run, names=names)) for run in runs]
    if image is not None:
        written.append(_write_fresh(root / IMAGE_RUN, partial(_write_image, image=image)))
    return written


def _write_image(writer: Any, image: np.ndarray) -> None:
    writer.add_image(IMAGE_TAG, image, 0, dataformats="HWC")


def write_epochs(writer: Any, run: EpochSeries) -> None:
    _scalars(writer, "loss/raw", run.batch_loss)
    for key, values in run.metrics.items():
        split, _, what = key.partition("_")
        _scalars(writer, f"epoch/{what}/{split}", values)
    hparams = _hparams(run)
    metrics = {
        "hparam/final_loss": _final(run.metrics["train_loss"]),
        "hparam/final_val_accuracy": _final(run.metrics["val_accuracy"]),
    }
    writer.add_hparams(hparams, metrics, run_name=".")


def log_trainings(log_dir: str | Path, family: str, runs: Sequence[EpochSeries]) -> list[Path]:
    """The Real model window's classifiers: per-step loss and per-epoch metrics per run."""
    root = Path(log_dir) / family
    return [_write_fresh(root / run.run_name, partial(write_epochs, run=run)) for run in runs]
