"""Visdom windows as plotly figures (the JSON ``Visdom._send`` posts), built from plain arrays.

One family of runs (the runs of one problem, or the Real model window's classifiers) gets a loss window
with every run's raw and EMA-smoothed loss per step (and validation loss where there is one), an lr
window with the learning rate each step used (a scheduler's, per param group), the
surface as a 3D ``surface`` plot (what ``Visdom.surf`` draws) and a contour map with every path.
Each send replaces a window whole: the app computes the whole horizon at once, so that is what it sends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.dashboards.series import (
    EpochSeries,
    GridLike,
    LandscapeSeries,
    RunSeries,
    finite_or_none,
    lr_traces,
)

EPOCH_SPLITS = ("train", "val", "test")


@dataclass(frozen=True)
class VisdomPlot:
    """One Visdom window: its id, its title and the plotly traces and layout it shows."""

    win: str
    title: str
    data: list[dict[str, Any]]
    layout: dict[str, Any] = field(default_factory=dict)

    def message(self, env: str) -> dict[str, Any]:
        """What ``Visdom._send`` posts to the ``events`` endpoint."""
        layout = {"title": {"text": self.title}, "showlegend": True, **self.layout}
        return {
            "data": self.data,
            "layout": layout,
            "win": self.win,
            "eid": env,
            "opts": {"title": self.title},
        }


def window_id(family: str, what: str) -> str:
    return f"gdscope-{family}-{what}"


def _steps(values: np.ndarray) -> list[int]:
    return list(range(len(values)))


def _line(name: str, x: Sequence[float | None], y: np.ndarray, color: str, **style: Any) -> dict[str, Any]:
    return {
        "type": "scatter",
        "mode": "lines",
        "name": name,
        "x": list(x),
        "y": finite_or_none(y),
        "line": {"color": color, **style},
    }


def loss_plot(family: str, title: str, runs: Sequence[RunSeries]) -> VisdomPlot:
    """Every run's mini-batch loss (faint) and its EMA (bold) per step, validation loss dashed."""
    traces = []
    for run in runs:
        traces.append(_line(f"{run.label} · raw", _steps(run.batch_loss), run.batch_loss, run.color, width=1))
        traces[-1]["opacity"] = 0.4
        traces.append(_line(f"{run.label} · EMA", _steps(run.ema_loss), run.ema_loss, run.color, width=3))
        if run.val_loss is not None:
            traces.append(
                _line(f"{run.label} · validation", _steps(run.val_loss), run.val_loss, run.color, dash="dash")
            )
    layout = {"xaxis": {"title": {"text": "step"}}, "yaxis": {"title": {"text": "loss"}}}
    return VisdomPlot(window_id(family, "loss"), f"{title}: loss per step", traces, layout)


def lr_plot(family: str, title: str, runs: Sequence[RunSeries], names: tuple[str, str]) -> VisdomPlot:
    """The learning rate every step used, per run (and per param group where there are two)."""
    traces = []
    for run in runs:
        for tag, values in lr_traces(run, names):
            traces.append(_line(f"{run.label} · {tag}", _steps(values), values, run.color, width=2))
            if tag.endswith(f"/{names[1]}"):
                traces[-1]["line"]["dash"] = "dash"
    layout = {"xaxis": {"title": {"text": "step"}}, "yaxis": {"title": {"text": "learning rate"}}}
    return VisdomPlot(window_id(family, "lr"), f"{title}: learning rate per step", traces, layout)


def _axes(grid: GridLike) -> tuple[list[float | None], list[float | None], list[list[float | None]]]:
    z = np.asarray(grid.z, dtype=float)
    return finite_or_none(grid.xs), finite_or_none(grid.ys), [finite_or_none(row) for row in z]


def surface_plot(family: str, title: str, grid: GridLike, names: tuple[str, str] = ("x", "y")) -> VisdomPlot:
    """The surface as Visdom's ``surf`` draws it: a plotly ``surface`` trace, viridis."""
    xs, ys, z = _axes(grid)
    trace = {"type": "surface", "x": xs, "y": ys, "z": z, "colorscale": "Viridis", "name": title}
    scene = {"xaxis": {"title": {"text": names[0]}}, "yaxis": {"title": {"text": names[1]}}}
    return VisdomPlot(window_id(family, "surface"), f"{title}: surface", [trace], {"scene": scene})


def contour_plot(
    family: str,
    title: str,
    grid: GridLike,
    paths: Sequence[tuple[str, str, np.ndarray]],
    names: tuple[str, str] = ("x", "y"),
) -> VisdomPlot:
    """The contour map with every path (name, colour, (k, 2) points) drawn over it."""
    xs, ys, z = _axes(grid)
    traces: list[dict[str, Any]] = [
        {
            "type": "contour",
            "x": xs,
            "y": ys,
            "z": z,
            "colorscale": "Viridis",
            "name": "loss",
            "ncontours": 30,
        }
    ]
    for name, color, xy in paths:
        points = np.asarray(xy, dtype=float).reshape(-1, 2)
        trace = _line(name, finite_or_none(points[:, 0]), points[:, 1], color, width=2)
        trace["mode"] = "lines+markers"
        trace["marker"] = {"size": 3, "color": color}
        traces.append(trace)
    layout = {"xaxis": {"title": {"text": names[0]}}, "yaxis": {"title": {"text": names[1]}}}
    return VisdomPlot(window_id(family, "contour"), f"{title}: contour and paths", traces, layout)


def trajectory_plots(
    family: str, title: str, runs: Sequence[RunSeries], grid: GridLike | None, names: tuple[str, str]
) -> list[VisdomPlot]:
    """The windows of one problem's runs; the surface ones only once its grid is known."""
    plots = [loss_plot(family, title, runs), lr_plot(family, title, runs, names)]
    if grid is not None:
        plots.append(surface_plot(family, title, grid, names))
        paths = [(run.label, run.color, run.params) for run in runs]
        plots.append(contour_plot(family, title, grid, paths, names))
    return plots


def epoch_plots(family: str, title: str, runs: Sequence[EpochSeries]) -> list[VisdomPlot]:
    """The Real model's curves per epoch: training and validation loss, and train/val/test accuracy."""
    colors = _palette(len(runs))
    losses, accuracies = [], []
    for run, color in zip(runs, colors, strict=True):
        for split, dash in (("train", "solid"), ("val", "dash")):
            values = run.metrics[f"{split}_loss"]
            losses.append(_line(f"{run.name} · {split} loss", _steps(values), values, color, dash=dash))
        for split, dash in zip(EPOCH_SPLITS, ("solid", "dash", "dot"), strict=True):
            values = run.metrics[f"{split}_accuracy"]
            accuracies.append(
                _line(f"{run.name} · {split} accuracy", _steps(values), values, color, dash=dash)
            )
    epoch_axis = {"xaxis": {"title": {"text": "epoch"}}}
    return [
        VisdomPlot(window_id(family, "epoch-loss"), f"{title}: loss per epoch", losses, epoch_axis),
        VisdomPlot(window_id(family, "accuracy"), f"{title}: accuracy per epoch", accuracies, epoch_axis),
    ]


def landscape_plots(family: str, title: str, landscape: LandscapeSeries) -> list[VisdomPlot]:
    """The landscape as a surface and as a contour map with every run's projected path."""
    grid = _LandscapeGrid(landscape.alphas, landscape.betas, landscape.grid)
    colors = _palette(len(landscape.paths))
    paths = [(name, color, xy) for (name, xy), color in zip(landscape.paths.items(), colors, strict=True)]
    names = ("α (direction 1)", "β (direction 2)")
    return [
        surface_plot(family, f"{title}: landscape", grid, names),
        contour_plot(family, f"{title}: landscape", grid, paths, names),
    ]


REAL_MODEL_FAMILY = "real-model"


def real_model_plots(
    title: str, runs: Sequence[EpochSeries], landscape: LandscapeSeries | None
) -> list[VisdomPlot]:
    """The Real model window's windows: curves per epoch, and the landscape once it is computed."""
    plots = epoch_plots(REAL_MODEL_FAMILY, title, runs)
    if landscape is not None:
        plots += landscape_plots(REAL_MODEL_FAMILY, title, landscape)
    return plots


@dataclass(frozen=True)
class _LandscapeGrid:
    xs: np.ndarray
    ys: np.ndarray
    z: np.ndarray


_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22")


def _palette(count: int) -> list[str]:
    return [_COLORS[i % len(_COLORS)] for i in range(count)]
