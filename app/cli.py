"""The `gdscope` command: the window by default, and sub-commands for scripts and tests."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from algorithms.engine import run_many
from algorithms.problems import DATA_PROBLEMS, PROBLEM_NAMES
from algorithms.surfaces import SURFACES
from app.run_export import run_to_csv, run_to_json
from app.run_options import OptionError, add_optimizer_options, add_problem_options, build_request


class UserError(Exception):
    """Ends the command with exit status 2 and one line on stderr."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one clear line, not argparse's usage dump
        raise UserError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gdscope", description="See gradient descent: optimizers on loss surfaces.")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    trajectory = commands.add_parser("trajectory", help="print one optimizer run as JSON or CSV")
    add_problem_options(trajectory)
    add_optimizer_options(trajectory)
    trajectory.add_argument("--format", choices=("json", "csv"), default="json")
    commands.add_parser("surfaces", help="list the gallery of surfaces and models")
    return parser


def _trajectory(args: argparse.Namespace) -> str:
    request = build_request(args, args.optimizer)
    (result,) = run_many(request.problem, [request.spec], request.steps)
    if args.format == "csv":
        return run_to_csv(result)
    return run_to_json(request.problem, request.preset, result) + "\n"


def _surfaces() -> str:
    lines = [f"{'id':<22}{'name':<44}{'convexity'}"]
    for surface in SURFACES.values():
        lines.append(f"{surface.id:<22}{surface.name_en:<44}{surface.tags()}")
    for kind in DATA_PROBLEMS:
        lines.append(
            f"{kind:<22}{PROBLEM_NAMES[kind][0]:<44}{'convex' if 'regression' in kind else 'non-convex'}"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser().parse_args(arguments)
        if args.command == "trajectory":
            sys.stdout.write(_trajectory(args))
        elif args.command == "surfaces":
            sys.stdout.write(_surfaces())
        else:
            from app.launch import launch_window

            return launch_window(arguments)
    except (UserError, OptionError) as error:
        print(f"gdscope: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
