"""The `gdscope` command: the window by default, and sub-commands for scripts and tests.

Each sub-command lives in its own module with ``register(commands)`` (adds its parser and sets
``handler`` on it) and a handler ``(args) -> int`` that writes its output; errors it can foresee are
raised as ``UserError``/``OptionError`` and become exit status 2 with one line on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from app.cli.dashboard_options import add_dashboard_options
from app.cli.errors import UserError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one clear line, not argparse's usage dump
        raise UserError(message)


# Sub-command → module. Modules are imported only when needed, so opening the window does not pay
# for torch-heavy commands it does not run (see benchmarks/bench_startup.py).
COMMANDS = {
    "trajectory": "app.cli.trajectory_command",
    "surfaces": "app.cli.trajectory_command",
    "render": "app.cli.render_command",
    "code": "app.cli.code_command",
    "landscape": "app.cli.landscape_command",
}


def _parser(arguments: Sequence[str]) -> argparse.ArgumentParser:
    parser = _Parser(prog="gdscope", description="See gradient descent: optimizers on loss surfaces.")
    parser.add_argument("--session", help="open this .gdscope.json session in the window")
    add_dashboard_options(parser)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    chosen = [a for a in arguments if a in COMMANDS][:1]
    asks_help = any(a in ("-h", "--help") for a in arguments)
    modules = (
        [COMMANDS[chosen[0]]] if chosen else (list(dict.fromkeys(COMMANDS.values())) if asks_help else [])
    )
    for module in modules:
        importlib.import_module(module).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if "--start" in arguments:
            from app.cli.run_options import glue_start

            arguments = glue_start(arguments)
        args = _parser(arguments).parse_args(arguments)
        if args.command is None:
            from app.runtime.torch_loader import preload_torch_libraries_in_background

            preload_torch_libraries_in_background()  # first: off the window's later paints
            from app.window.launch import launch_window

            return launch_window(args)
        return int(args.handler(args))
    except UserError as error:  # OptionError and SessionError are UserErrors too
        print(f"gdscope: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
