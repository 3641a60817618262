"""The `gdscope` command: the window by default, and sub-commands for scripts and tests.

Each sub-command lives in its own module with ``register(commands)`` (adds its parser and sets
``handler`` on it) and a handler ``(args) -> int`` that writes its output; errors it can foresee are
raised as ``UserError``/``OptionError`` and become exit status 2 with one line on stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from app import code_command, landscape_command, render_command, trajectory_command
from app.cli_errors import UserError
from app.run_options import OptionError
from app.session import SessionError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one clear line, not argparse's usage dump
        raise UserError(message)


COMMAND_MODULES = (trajectory_command, render_command, code_command, landscape_command)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gdscope", description="See gradient descent: optimizers on loss surfaces.")
    parser.add_argument("--session", help="open this .gdscope.json session in the window")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser().parse_args(arguments)
        if args.command is None:
            from app.launch import launch_window

            return launch_window(args)
        return int(args.handler(args))
    except (UserError, OptionError, SessionError) as error:
        print(f"gdscope: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
