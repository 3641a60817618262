"""``--visdom URL[:PORT][/ENV]`` and ``--tensorboard DIR`` on ``gdscope``, ``trajectory`` and ``landscape``.

A dashboard that cannot be reached or written gives one line on stderr; the computation's own output
still counts, so the exit status stays 0 — unless streaming was all the user asked for (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from app.cli.errors import UserError
from app.dashboards.targets import DashboardError, VisdomTarget, parse_visdom_target

if TYPE_CHECKING:
    from algorithms.classifier import TrainingRun
    from algorithms.engine import RunResult
    from algorithms.landscape import Landscape
    from app.cli.run_options import RunRequest


def add_dashboard_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--visdom",
        metavar="URL[:PORT][/ENV]",
        help="also stream to this Visdom server (default port 8097, environment 'gdscope')",
    )
    parser.add_argument(
        "--tensorboard",
        metavar="DIR",
        help="also write TensorBoard event files under DIR (one folder per run)",
    )


@dataclass(frozen=True)
class Dashboards:
    visdom: VisdomTarget | None
    tensorboard: str | None

    @property
    def any(self) -> bool:
        return self.visdom is not None or self.tensorboard is not None


def dashboards(args: argparse.Namespace) -> Dashboards:
    """The dashboards the options ask for, checked before anything is computed (bad URL: exit 2)."""
    visdom = None
    if getattr(args, "visdom", None) is not None:
        try:
            visdom = parse_visdom_target(args.visdom)
        except ValueError as error:
            raise UserError(f"--visdom: {error}") from None
    tensorboard = getattr(args, "tensorboard", None)
    if tensorboard is not None and not tensorboard.strip():
        raise UserError("--tensorboard needs a directory")
    return Dashboards(visdom, tensorboard)


def publish(jobs: list[tuple[str, Callable[[], object]]]) -> bool:
    """Run each (what, job); a failure is one line on stderr. True when every job worked."""
    ok = True
    for what, job in jobs:
        try:
            job()
        except DashboardError as error:
            print(f"gdscope: {what}: {error}", file=sys.stderr)
            ok = False
    return ok


def stream_trajectory(boards: Dashboards, request: RunRequest, result: RunResult) -> bool:
    """Send one `gdscope trajectory` run to the dashboards asked for; True when all of them took it."""
    from app.dashboards.series import run_series
    from app.window.grid_tasks import surface_grid

    problem = request.problem
    has_validation = problem.split is not None and len(problem.split.val) > 0
    series = [run_series(request.preset, result, has_validation=has_validation)]
    grid = surface_grid(problem)
    jobs: list[tuple[str, Callable[[], object]]] = []
    if boards.visdom is not None:
        from app.dashboards.visdom_plots import trajectory_plots
        from app.dashboards.visdom_sender import VisdomSender

        plots = trajectory_plots(problem.id, problem.name_en, series, grid, problem.param_names)
        jobs.append(("visdom", partial(VisdomSender(boards.visdom).send, plots)))
    if boards.tensorboard is not None:
        from app.dashboards.tensorboard_log import log_runs
        from app.window.paths_picture import paths_picture

        image = paths_picture(grid, series)
        jobs.append(
            (
                "tensorboard",
                partial(log_runs, boards.tensorboard, problem.id, series, problem.param_names, image),
            )
        )
    return publish(jobs)


def stream_landscape(
    boards: Dashboards, dataset: str, runs: dict[str, TrainingRun], landscape: Landscape | None
) -> bool:
    """Send `gdscope landscape`'s trainings (curves per epoch) and landscape to the dashboards."""
    from app.dashboards.series import epoch_series, landscape_series

    series = [epoch_series(name, run) for name, run in runs.items()]
    plane = None if landscape is None else landscape_series(landscape)
    jobs: list[tuple[str, Callable[[], object]]] = []
    if boards.visdom is not None:
        from app.dashboards.visdom_plots import real_model_plots
        from app.dashboards.visdom_sender import VisdomSender

        plots = real_model_plots(f"Real model · {dataset}", series, plane)
        jobs.append(("visdom", partial(VisdomSender(boards.visdom).send, plots)))
    if boards.tensorboard is not None:
        from app.dashboards.tensorboard_log import REAL_MODEL_FAMILY, log_trainings

        jobs.append(("tensorboard", partial(log_trainings, boards.tensorboard, REAL_MODEL_FAMILY, series)))
    return publish(jobs)
