"""`gdscope render`: open the window with given settings, run to step N, save a screenshot, exit."""

from __future__ import annotations

import argparse
import math
import os
from pathlib import Path
from typing import Any

from algorithms.problems import DATA_PROBLEMS
from algorithms.surfaces import SURFACE_IDS
from app.cli.errors import UserError
from app.cli.run_options import parse_batch_size, require_range
from app.runs.file_writing import WriteError, write_bytes_atomically
from app.runs.session_domain import apply_checked_session
from app.state.app_state import AppState, RunSettings
from app.state.limits import MAX_STEPS
from app.state.optimizer_kinds import OPTIMIZER_KINDS
from app.state.session import load_session

READY_TIMEOUT_MS = 60_000


def register(commands: Any) -> None:
    render = commands.add_parser("render", help="save a screenshot of the window after N steps")
    render.add_argument("--out", help="PNG file to write (a screenshot of the whole window)")
    render.add_argument("--gif", help="also write the run as an animated GIF (or .mp4) to this file")
    render.add_argument("--expr", help="your own surface f(x, y) instead of --surface")
    render.add_argument("--lesson", help="start this lesson (see the Lessons menu) and render it")
    render.add_argument(
        "--surface",
        default=RunSettings().problem_id,
        help="gallery id or model problem",
    )
    render.add_argument(
        "--optimizer", action="append", help=f"a row: {', '.join(OPTIMIZER_KINDS)} (repeatable)"
    )
    render.add_argument(
        "--steps", type=int, help="run to this step (default 200, or the session's play head)"
    )
    render.add_argument("--session", help="render this .gdscope.json session")
    render.add_argument("--lr", type=float)
    render.add_argument("--batch-size", default=None, help="mini-batch size, or 'full'")
    render.add_argument("--size", default="1366x768", help="window size WxH")
    render.set_defaults(handler=run_render)


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise UserError(f"--size must look like 1366x768, got '{text}'") from None
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise UserError(f"--size must be between 320x240 and 8000x8000, got '{text}'")
    return width, height


def state_from_args(args: argparse.Namespace) -> AppState:
    """The window's state for these options (validated: raises UserError)."""
    if args.expr is not None:
        from algorithms.expressions import ExpressionError, parse_expression

        try:
            parse_expression(args.expr)
        except ExpressionError as error:
            raise UserError(f"--expr: {error}") from None
        args.surface = "expr"
    elif args.surface not in (*SURFACE_IDS, *DATA_PROBLEMS):
        raise UserError(
            f"unknown surface '{args.surface}'; choose one of: {', '.join((*SURFACE_IDS, *DATA_PROBLEMS))}"
        )
    steps = 200 if args.steps is None else args.steps
    state = AppState()
    state.run.problem_id = args.surface
    state.run.expression = args.expr or ""
    state.run.steps = steps
    if args.lr is not None:
        if not (math.isfinite(args.lr) and args.lr > 0):
            raise UserError(f"--lr must be a positive number, got {args.lr}")
        state.run.lr = args.lr
    if args.batch_size is not None:
        state.run.batch_size = parse_batch_size(args.batch_size) or 0
    if args.optimizer:
        unknown = [name for name in args.optimizer if name not in OPTIMIZER_KINDS]
        if unknown:
            raise UserError(f"unknown optimizer '{unknown[0]}'; choose from: {', '.join(OPTIMIZER_KINDS)}")
        for kind in OPTIMIZER_KINDS:
            state.optimizers[kind].enabled = kind in args.optimizer
    return state


def _target(text: str | None, suffixes: tuple[str, ...], flag: str) -> Path | None:
    if text is None:
        return None
    path = Path(text)
    if path.suffix.lower() not in suffixes:
        raise UserError(f"{flag} must be a {' or '.join(suffixes)} file, got '{text}'")
    if not path.parent.is_dir():
        raise UserError(f"the folder of {flag} does not exist: {path.parent}")
    return path


def run_render(args: argparse.Namespace) -> int:
    out = _target(args.out, (".png",), "--out")
    gif = _target(args.gif, (".gif", ".mp4"), "--gif")
    if out is None and gif is None:
        raise UserError("give --out FILE.png and/or --gif FILE.gif")
    if args.lesson:
        from app.state.lessons import LESSONS

        if args.lesson not in {lesson.id for lesson in LESSONS}:
            raise UserError(
                f"unknown lesson '{args.lesson}'; choose one of: {', '.join(x.id for x in LESSONS)}"
            )
    size = parse_size(args.size)
    if args.steps is not None:  # checked whatever else is given (a session took -5 before)
        require_range("--steps", args.steps, 0, MAX_STEPS)
    if args.session:
        state = AppState()
        apply_checked_session(load_session(args.session), state)  # SessionError: exit 2, nothing written
        step = state.playback.step if args.steps is None else min(args.steps, state.run.steps)
    else:
        state = state_from_args(args)
        step = None if args.lesson and args.steps is None else state.run.steps
    state.playback.playing = False
    if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM", "") != "offscreen":
        raise UserError("render needs an X display: run it under xvfb-run")
    return render_window(state, step, size, out, gif, args.lesson)


def render_window(
    state: AppState,
    step: int | None,
    size: tuple[int, int],
    out: Path | None,
    gif: Path | None = None,
    lesson: str | None = None,
) -> int:
    from app.runtime.event_loop import after_turns, png_bytes, wait_until
    from app.window.animation import AnimationSpec, write_animation
    from app.window.launch import build_window, create_application
    from app.window.lesson_controller import LessonController
    from app.window.run_views import run_paths

    app = create_application()
    window, controller = build_window(state)
    window.resize(*size)
    window.show()
    if lesson is not None:
        lessons = window.findChild(LessonController)
        assert lessons is not None
        lessons.start(lesson)
        state.playback.playing = False
        step = state.run.steps if step is None else step

    def ready() -> bool:
        return controller.grid is not None and controller.worker.is_idle() and window.isVisible()

    wait_until(ready, READY_TIMEOUT_MS)
    state.playback.step = state.run.steps if step is None else step
    wait_until(after_turns(5))  # a few event-loop turns so the GL view has drawn the final frame
    try:
        if out is not None:
            try:
                data = png_bytes(window.screen().grabWindow(window.winId()))
            except ValueError:
                raise UserError("could not encode the screenshot as PNG") from None
            write_bytes_atomically(out, data)  # a full disk leaves the old file whole
        if gif is not None and controller.results is not None and controller.grid is not None:
            results = controller.results
            write_animation(AnimationSpec(controller.grid, tuple(run_paths(results)), results.steps), gif)
    except WriteError as error:
        raise UserError(str(error)) from None
    except (OSError, ValueError) as error:
        raise UserError(f"could not write the animation: {error}") from None
    finally:
        controller.shutdown()
        window.close()
        app.processEvents()
    return 0
