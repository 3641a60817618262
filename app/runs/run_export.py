"""Runs as JSON or CSV: the format of `gdscope trajectory` and of the app's export."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

from algorithms.engine import RunResult
from algorithms.problems import Problem
from algorithms.schedules import param_groups

CSV_HEADER = ("step", "x", "y", "loss", "batch_loss", "grad_x", "grad_y")


def _finite_or_none(value: float) -> float | None:
    return value if math.isfinite(value) else None


def run_to_dict(problem: Problem, name: str, result: RunResult) -> dict[str, Any]:
    record: dict[str, Any] = {
        "surface": problem.id,
        "optimizer": name,
        "hyperparameters": result.spec.optimizer.hyperparameters(),
        "params": result.params.tolist(),
        "loss": result.loss.tolist(),
        "batch_loss": result.batch_loss.tolist(),
        "grad": result.grad.tolist(),
        "status": result.status,
        "stopped_at": result.stopped_at,
        # the lr of every param group of the torch code (one, or one per parameter) at every step
        "lr": result.lr[:, : param_groups(result.spec.optimizer)].tolist(),
    }
    schedule = result.spec.schedule
    if schedule is not None:
        record["scheduler"] = {"name": schedule.name, "args": schedule.given(), "interval": schedule.interval}
    if problem.split is not None and len(problem.split.val) > 0:
        record["val_loss"] = [_finite_or_none(v) for v in result.val_loss.tolist()]
    return record


def run_to_json(problem: Problem, name: str, result: RunResult) -> str:
    return json.dumps(run_to_dict(problem, name, result), allow_nan=False)


def run_to_csv(result: RunResult) -> str:
    """One row per reached point; a point's batch loss and gradient are those of the step taken from it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for step, (x, y) in enumerate(result.params.tolist()):
        taken = step < len(result.batch_loss)
        batch_loss = repr(float(result.batch_loss[step])) if taken else ""
        grad = [repr(float(g)) for g in result.grad[step]] if taken else ["", ""]
        writer.writerow([step, repr(x), repr(y), repr(float(result.loss[step])), batch_loss, *grad])
    return out.getvalue()


def runs_to_json(problem: Problem, named: list[tuple[str, RunResult]]) -> str:
    """All runs as a JSON list of the CLI's records."""
    return json.dumps(
        [run_to_dict(problem, name, result) for name, result in named], allow_nan=False, indent=1
    )


def runs_to_csv(named: list[tuple[str, RunResult]]) -> str:
    """All runs in the CLI's CSV format, with a first column naming the run."""
    lines = ["run," + ",".join(CSV_HEADER)]
    for name, result in named:
        body = run_to_csv(result).splitlines()[1:]
        lines.extend(f"{name},{line}" for line in body)
    return "\n".join(lines) + "\n"
