"""`gdscope trajectory` (one run as JSON or CSV) and `gdscope surfaces` (the gallery)."""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from algorithms.engine import RunResult, run_many
from algorithms.problems import DATA_PROBLEMS, PROBLEM_NAMES
from algorithms.race import steps_to_tolerance
from algorithms.stability import stability_limit_or_reason
from algorithms.surfaces import SURFACES
from app.cli.dashboard_options import add_dashboard_options, dashboards, stream_trajectory
from app.cli.errors import UserError
from app.cli.run_options import (
    OptionError,
    RunRequest,
    add_optimizer_options,
    add_problem_options,
    build_request,
)
from app.runs.run_export import run_to_csv, run_to_dict


def register(commands: Any) -> None:
    trajectory = commands.add_parser("trajectory", help="print one optimizer run as JSON or CSV")
    add_problem_options(trajectory)
    add_optimizer_options(trajectory)
    trajectory.add_argument(
        "--format", choices=("json", "csv", "none"), default="json", help="none: only stream (--visdom ...)"
    )
    trajectory.add_argument(
        "--tolerance", type=float, help="loss tolerance: the JSON gains the first step whose loss is ≤ it"
    )
    add_dashboard_options(trajectory)
    trajectory.set_defaults(handler=run_trajectory)
    surfaces = commands.add_parser("surfaces", help="list the gallery of surfaces and models")
    surfaces.set_defaults(handler=list_surfaces)


def run_trajectory(args: argparse.Namespace) -> int:
    if args.tolerance is not None and not math.isfinite(args.tolerance):
        raise OptionError(f"--tolerance must be a finite number, got {args.tolerance}")
    boards = dashboards(args)
    if args.format == "none" and not boards.any:
        raise UserError("--format none prints nothing: add --visdom or --tensorboard to stream the run")
    request = build_request(args, args.optimizer)
    (result,) = run_many(request.problem, [request.spec], request.steps)
    if args.format == "csv":
        sys.stdout.write(run_to_csv(result))
    elif args.format == "json":
        sys.stdout.write(_json_record(args, request, result) + "\n")
    sys.stdout.flush()
    if boards.any and not stream_trajectory(boards, request, result) and args.format == "none":
        return 2  # streaming was all that was asked, and it failed
    return 0


def _json_record(args: argparse.Namespace, request: RunRequest, result: RunResult) -> str:
    record = run_to_dict(request.problem, request.preset, result)
    spec = request.spec
    limit, reason = stability_limit_or_reason(request.problem, spec.optimizer, spec.start)
    record["lr_stability_limit"] = limit
    record["lr_stability_reason"] = reason
    if args.tolerance is not None:
        record["tolerance"] = args.tolerance
        record["steps_to_tolerance"] = steps_to_tolerance(result.loss, args.tolerance)
    return json.dumps(record, allow_nan=False)


def list_surfaces(args: argparse.Namespace) -> int:
    lines = [f"{'id':<22}{'name':<44}{'convexity'}"]
    for surface in SURFACES.values():
        lines.append(f"{surface.id:<22}{surface.name_en:<44}{surface.tags()}")
    for kind in DATA_PROBLEMS:
        convexity = "convex" if "regression" in kind else "non-convex · saddle points"
        lines.append(f"{kind:<22}{PROBLEM_NAMES[kind][0]:<44}{convexity}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
