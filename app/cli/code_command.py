"""`gdscope code`: the PyTorch script equivalent to one run, printed to stdout."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from algorithms.codegen import pytorch_script
from app.cli.run_options import add_optimizer_options, add_problem_options, build_request


def register(commands: Any) -> None:
    code = commands.add_parser("code", help="print the equivalent PyTorch script of one run")
    add_problem_options(code)
    add_optimizer_options(code)
    code.set_defaults(handler=print_code)


def print_code(args: argparse.Namespace) -> int:
    request = build_request(args, args.optimizer)
    sys.stdout.write(pytorch_script(request.problem, request.spec, request.steps))
    return 0
