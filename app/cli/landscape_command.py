"""`gdscope landscape`: train classifiers on real images and write their loss landscape as JSON,
or, with ``--out FILE.png``, a picture of the "Real model" window after training and landscape.

Every optimizer starts from the same initial weights; the landscape is centred on the first
optimizer's final weights (Li et al. 2018: PCA plane of the trajectories, or filter-normalized
random directions) and every run's path is projected on it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path
from typing import Any

from algorithms.classifier import (
    MODEL_KINDS,
    ClassifierError,
    TrainingRun,
    build_model,
    initial_state,
    parameter_count,
    train,
)
from algorithms.image_data import ImageDataError, ImageSplit, load_image_dataset, split_images
from algorithms.landscape import (
    DIRECTION_KINDS,
    Landscape,
    LandscapeError,
    evaluation_subset,
    landscape_of_runs,
)
from algorithms.optimizers import PRESETS, OptimizerConfig, OptimizerConfigError, preset
from app.cli.dashboard_options import add_dashboard_options, dashboards, stream_landscape
from app.cli.errors import UserError
from app.cli.run_options import require_range
from app.runs.file_writing import WriteError, write_text_atomically
from app.state.limits import (
    MAX_EPOCHS,
    MAX_IMAGE_BATCH,
    MAX_LR,
    MAX_RESOLUTION,
    MAX_SEED,
    MIN_RESOLUTION,
)

DEFAULT_OPTIMIZERS = ("sgd", "adam")
RESOLUTION_RANGE = (MIN_RESOLUTION, MAX_RESOLUTION)
LANDSCAPE_SAMPLES = 1000  # training images the landscape's loss is averaged over


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "landscape", help="train image classifiers and write their loss landscape and paths as JSON"
    )
    parser.add_argument("--dataset", required=True, help="digits, mnist:FOLDER or cifar10:FOLDER")
    parser.add_argument("--model", required=True, choices=MODEL_KINDS)
    parser.add_argument(
        "--optimizer",
        action="append",
        help=f"one of {', '.join(PRESETS)} (may be repeated; default: {' and '.join(DEFAULT_OPTIMIZERS)})",
    )
    parser.add_argument("--epochs", type=int, default=5, help="passes over the training set (default 5)")
    parser.add_argument("--batch-size", type=int, default=64, help="images per batch (default 64)")
    parser.add_argument("--lr", type=float, help="learning rate of every optimizer (default: the preset's)")
    parser.add_argument(
        "--resolution", type=int, default=41, help="grid points per axis, 5..201 (default 41)"
    )
    parser.add_argument("--directions", choices=DIRECTION_KINDS, default="pca")
    parser.add_argument("--seed", type=int, default=0, help="seed of the weights, split, batches, directions")
    parser.add_argument(
        "--out",
        help="the .json file to write, or a .png of the window (needs a display); optional when streaming",
    )
    add_dashboard_options(parser)
    parser.add_argument("--size", default="1366x768", help="window size WxH of a .png (default 1366x768)")
    parser.set_defaults(handler=run_landscape)


def _output_path(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() not in (".json", ".png"):
        raise UserError(f"--out must name a .json file (or a .png of the window), got '{text}'")
    if not path.parent.is_dir():
        raise UserError(f"--out: the folder '{path.parent}' does not exist")
    return path


def _optimizers(args: argparse.Namespace) -> dict[str, OptimizerConfig]:
    names = args.optimizer or list(DEFAULT_OPTIMIZERS)
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise UserError(f"--optimizer {', '.join(repeated)} given more than once")
    changes = {} if args.lr is None else {"lr": args.lr}
    try:
        return {name: preset(name, **changes).validate() for name in names}
    except OptimizerConfigError as error:
        raise UserError(str(error)) from None


def _check_numbers(args: argparse.Namespace) -> None:
    low, high = RESOLUTION_RANGE
    if not low <= args.resolution <= high:
        raise UserError(f"--resolution must be between {low} and {high}, got {args.resolution}")
    require_range("--epochs", args.epochs, 1, MAX_EPOCHS)
    require_range("--batch-size", args.batch_size, 1, MAX_IMAGE_BATCH)
    require_range("--seed", args.seed, 0, MAX_SEED)
    if args.lr is not None and args.lr > MAX_LR:  # past it the weights overflow to inf within a step
        raise UserError(f"--lr must be at most {MAX_LR:g}, got {args.lr:g}")


def _numbers(values: Any) -> list[Any]:
    """A list (of lists) of floats for JSON, NaN and ±inf as null."""
    return [_numbers(v) if isinstance(v, list) else (v if math.isfinite(v) else None) for v in values]


def _curves(run: TrainingRun) -> dict[str, list[Any]]:
    curves = {"train_loss": _numbers(run.batch_loss.tolist())}
    for split in ("train", "val", "test"):
        label = "train_epoch_loss" if split == "train" else f"{split}_loss"
        curves[label] = _numbers(run.metrics[f"{split}_loss"].tolist())
        curves[f"{split}_accuracy"] = _numbers(run.metrics[f"{split}_accuracy"].tolist())
    return curves


def landscape_record(
    args: argparse.Namespace, split: ImageSplit, runs: dict[str, TrainingRun], landscape: Landscape
) -> dict[str, Any]:
    """The JSON document: the grid, every run's path in its plane, accuracies and curves."""
    model = build_model(args.model, split.train.features)
    ratio = None if landscape.explained_ratio is None else landscape.explained_ratio.tolist()
    return {
        "dataset": split.train.name,
        "model": args.model,
        "parameters": parameter_count(model),
        "samples": {"train": len(split.train), "val": len(split.val), "test": len(split.test)},
        "landscape_samples": landscape.samples,
        "epochs": args.epochs,
        "batch_size": args.batch_size,
        "seed": args.seed,
        "resolution": args.resolution,
        "directions": landscape.directions,
        "explained_variance_ratio": ratio,
        "alphas": landscape.alphas.tolist(),
        "betas": landscape.betas.tolist(),
        "grid": _numbers(landscape.grid.tolist()),
        "optimizers": {name: run.optimizer.hyperparameters() for name, run in runs.items()},
        "trajectories": {name: _numbers(path.tolist()) for name, path in landscape.trajectories.items()},
        "trajectory_steps": {name: run.snapshot_steps.tolist() for name, run in runs.items()},
        "accuracy": {name: run.final_accuracy() for name, run in runs.items()},
        "curves": {name: _curves(run) for name, run in runs.items()},
    }


def write_atomically(path: Path, text: str) -> None:
    """The JSON record through the one atomic writer: never a partial file."""
    try:
        write_text_atomically(path, text)
    except WriteError as error:
        raise UserError(f"cannot write {path}: {error.reason}") from None


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY")) or os.environ.get("QT_QPA_PLATFORM", "") == "offscreen"


def _render_png(args: argparse.Namespace, out: Path, optimizers: dict[str, OptimizerConfig]) -> int:
    """Train and draw in the "Real model" window, then save it (Qt is imported only here)."""
    from app.cli.render_command import parse_size

    size = parse_size(args.size)
    if not has_display():
        raise UserError(
            "PNG output draws the window and needs an X display: run it under xvfb-run "
            "(xvfb-run -a gdscope landscape …), or write --out FILE.json"
        )
    try:
        data = load_image_dataset(args.dataset)
    except ImageDataError as error:
        raise UserError(str(error)) from None
    from app.real_model.render import render_real_model
    from app.real_model.settings import RealModelSettings

    first = next(iter(optimizers.values()))
    settings = RealModelSettings(
        dataset=args.dataset,
        model=args.model,
        epochs=args.epochs,
        batch_size=args.batch_size,
        lr=first.lr,
        optimizers=tuple(optimizers),
        resolution=args.resolution,
        directions=args.directions,
        eval_samples=LANDSCAPE_SAMPLES,
        seed=args.seed,
    )
    code = render_real_model(settings, data, size, str(out))
    size_text = f"{args.resolution}×{args.resolution}"
    sys.stdout.write(f"wrote {out}: {len(optimizers)} run(s), {size_text} {args.directions} landscape\n")
    return code


def run_landscape(args: argparse.Namespace) -> int:
    boards = dashboards(args)
    if args.out is None and not boards.any:
        raise UserError(
            "--out FILE.json (or .png) is needed, unless the run is streamed (--visdom, --tensorboard)"
        )
    out = None if args.out is None else _output_path(args.out)
    _check_numbers(args)
    optimizers = _optimizers(args)
    if out is not None and out.suffix.lower() == ".png":
        if boards.any:
            raise UserError("--visdom and --tensorboard go with --out FILE.json (or no --out), not a .png")
        return _render_png(args, out, optimizers)
    try:
        split = split_images(load_image_dataset(args.dataset), seed=args.seed)
        start = initial_state(args.model, split.train.features, args.seed)
        runs = {
            name: train(args.model, split, config, args.epochs, args.batch_size, args.seed, init_state=start)
            for name, config in optimizers.items()
        }
        data = evaluation_subset(split.train, LANDSCAPE_SAMPLES, args.seed)
        landscape = landscape_of_runs(runs, data, args.directions, args.resolution, args.seed)
    except (ImageDataError, ClassifierError, LandscapeError) as error:
        raise UserError(str(error)) from None
    if out is not None:
        record = landscape_record(args, split, runs, landscape)
        write_atomically(out, json.dumps(record, allow_nan=False))
        size = f"{args.resolution}×{args.resolution}"
        sys.stdout.write(f"wrote {out}: {len(runs)} run(s), {size} {args.directions} landscape\n")
        sys.stdout.flush()
    if boards.any and not stream_landscape(boards, split.train.name, runs, landscape) and out is None:
        return 2  # streaming was all that was asked, and it failed
    return 0
