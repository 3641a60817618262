"""How the views see a Results: paths, loss curves and status lines, with translated words and colours.

Presenter side on purpose: app/runs stays Qt-free and knows nothing of the view values (widgets'
view_data) or of translations.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from algorithms.engine import RunResult, with_full_loss
from algorithms.problems import Problem
from algorithms.smoothing import ema
from app.runs.results import Results
from widgets.common.view_data import LossCurve, RunPath, StatusLine

TRAIN_COLOR = "#e9ecef"
VALIDATION_COLOR = "#74c0fc"


def run_paths(results: Results) -> list[RunPath]:
    return [
        RunPath(
            key=entry.key,
            label=entry.label,
            color=entry.color,
            xy=entry.result.params,
            loss=entry.result.loss,
            ended=entry.result.status != "ok",
        )
        for entry in results.completed()
        if entry.result is not None and len(entry.result.params) > 0  # no point: drawn as nothing
    ]


def loss_curves(results: Results, beta: float, bias_correction: bool) -> list[LossCurve]:
    curves = []
    for entry in results.completed():
        assert entry.result is not None
        raw = entry.result.batch_loss
        own_beta = beta if entry.plan.ema_beta is None else entry.plan.ema_beta
        own_bias = bias_correction if entry.plan.bias_correction is None else entry.plan.bias_correction
        smooth = ema(raw, own_beta, own_bias)
        curves.append(LossCurve(entry.key, entry.label, entry.color, raw, smooth))
    return curves


def validation_curves(results: Results, selected: str) -> list[LossCurve]:
    """Full training and validation loss per step of the selected run (when there is a validation set)."""
    done = results.completed()
    chosen = [e for e in done if e.key == selected] or done[:1]
    split = results.problem.split
    if not chosen or split is None or len(split.val) == 0:
        return []
    entry = chosen[0]
    assert entry.result is not None
    full = with_full_loss(results.problem, entry.result)  # the window's runs leave it out
    train, val = full.loss[:-1], full.val_loss[:-1]
    label = entry.label
    return [
        LossCurve(f"{entry.key}:train", f"{label} · training (full)", TRAIN_COLOR, train, train),
        LossCurve(f"{entry.key}:val", f"{label} · validation", VALIDATION_COLOR, val, val),
    ]


def status_lines(results: Results, step: int) -> list[StatusLine]:
    names = results.problem.param_names
    lines = []
    for entry in results.entries:
        if entry.result is None:
            lines.append(StatusLine(entry.key, entry.label, entry.color, entry.plan.error, "diverged"))
            continue
        lines.append(
            StatusLine(
                entry.key, entry.label, entry.color, *_describe(results.problem, entry.result, step, names)
            )
        )
    return lines


def _describe(problem: Problem, result: RunResult, step: int, names: tuple[str, str]) -> tuple[str, str]:
    if len(result.params) == 0:
        return QCoreApplication.translate("Results", "the start point is outside the domain"), result.status
    shown = min(step, len(result.params) - 1)
    x, y = result.params[shown]
    loss = QCoreApplication.translate("Results", "loss")
    value = float(result.loss[shown])
    if np.isnan(value):  # a model on data: its full loss is evaluated where it is shown
        value = float(problem.loss_at(np.array(x), np.array(y)))
    text = f"{loss} {_number(value)}   {names[0]} = {x:.4g}, {names[1]} = {y:.4g}"
    if result.status == "ok" or result.stopped_at is None or step < result.stopped_at:
        return text, "ok"
    if result.status == "diverged":
        where = QCoreApplication.translate("Results", "diverged at step %1")
    else:
        where = QCoreApplication.translate("Results", "left the domain at step %1")
    return f"{where.replace('%1', str(result.stopped_at))} — {text}", result.status


def _number(value: float) -> str:
    return f"{value:.4g}" if np.isfinite(value) else str(value)
