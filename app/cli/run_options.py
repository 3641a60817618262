"""The run options shared by `gdscope trajectory`, `gdscope code` and `gdscope render`."""

from __future__ import annotations

import argparse
import ast
import math
import re
from dataclasses import dataclass, replace
from typing import Any

from algorithms.datasets import DatasetError, parse_fractions
from algorithms.engine import RunSpec, batches_per_epoch
from algorithms.expressions import ExpressionError
from algorithms.lr_formulas import ScheduleConfigError
from algorithms.optimizers import PRESETS, OptimizerConfig, OptimizerConfigError
from algorithms.problems import (
    DATA_PROBLEMS,
    Problem,
    ProblemError,
)
from algorithms.schedules import INTERVALS, SCHEDULERS, ScheduleConfig, step_schedule
from algorithms.surfaces import SURFACE_IDS
from app.cli.errors import UserError
from app.runs.run_builder import build_problem as build_run_problem
from app.state.app_state import OptimizerSettings, RunSettings
from app.state.limits import MAX_SAMPLES, MAX_SEED, MAX_STEPS
from app.state.optimizer_kinds import KNOBS, OPTIMIZER_BY_KIND, OPTIMIZERS, default_knobs, optimizer_config
from app.state.session_schema import EXPRESSION_ID

# The optimizer options are the rows' knobs (app/state/optimizer_kinds.py), in torch.optim's spelling:
# Adam's beta1 and beta2 are its `betas` pair, and Nesterov (a row of its own in the window) is a flag of
# torch.optim.SGD here.
PAIRED_KNOBS = {"beta1": "betas", "beta2": "betas"}
TORCH_ONLY_OPTIONS: dict[str, tuple[str, ...]] = {"nesterov": ("sgd",)}
FLAG_NAMES = {"initial_accumulator_value": "--initial-accumulator"}  # shorter than the knob's name


def _option_classes() -> dict[str, tuple[str, ...]]:
    """Which torch.optim classes each option belongs to, read from the rows that declare the knob."""
    found: dict[str, list[str]] = {}
    for spec in OPTIMIZERS:
        defaults = OptimizerSettings(kind=spec.kind, **default_knobs(spec.kind))
        torch_class = optimizer_config(spec.kind, defaults, 1.0).name
        for knob in spec.knobs:
            classes = found.setdefault(PAIRED_KNOBS.get(knob.name, knob.name), [])
            if torch_class not in classes:
                classes.append(torch_class)
    return {**{option: tuple(classes) for option, classes in found.items()}, **TORCH_ONLY_OPTIONS}


# Which optimizer classes each option belongs to (anything else is refused, not silently ignored).
OPTION_CLASSES: dict[str, tuple[str, ...]] = _option_classes()


def flag_of(option: str) -> str:
    return FLAG_NAMES.get(option, "--" + option.replace("_", "-"))


def _add_knob_options(parser: argparse.ArgumentParser) -> None:
    """One option per knob of the row declarations (first seen), plus torch.optim's own --nesterov."""
    for option in OPTION_CLASSES:
        flag = flag_of(option)
        knob = KNOBS.get(option)
        if option == "betas":
            tips = " / ".join(KNOBS[k].tooltip.rstrip(".") for k in PAIRED_KNOBS)
            parser.add_argument(flag, help=f"B1,B2: {tips}")
        elif knob is None or knob.kind == "bool":
            tip = OPTIMIZER_BY_KIND[option].tooltip if knob is None else knob.tooltip  # --nesterov: its row
            parser.add_argument(flag, dest=option, action="store_true", default=None, help=tip)
        else:
            parser.add_argument(flag, dest=option, type=float, help=knob.tooltip)


class OptionError(UserError, ValueError):
    """A bad command-line option; the message is one line for the user."""


def require_range(flag: str, value: float, low: float, high: float) -> None:
    """OptionError unless low ≤ value ≤ high (the limits of app/state/limits.py)."""
    if not low <= value <= high:
        raise OptionError(f"{flag} must be between {low:,} and {high:,}, got {value:,}")


@dataclass(frozen=True)
class RunRequest:
    problem: Problem
    spec: RunSpec
    steps: int
    preset: str


def add_problem_options(parser: argparse.ArgumentParser) -> None:
    problems = ", ".join((*SURFACE_IDS, *DATA_PROBLEMS))
    parser.add_argument("--surface", default="rosenbrock", help=f"surface or model: {problems}")
    parser.add_argument(
        "--expr", help="your own surface f(x, y) instead of --surface, e.g. 'x**2 + 3*sin(y)' (id 'expr')"
    )
    parser.add_argument("--steps", type=int, default=200, help="number of optimizer steps (default 200)")
    parser.add_argument("--batch-size", default="full", help="samples per batch, or 'full' (default)")
    parser.add_argument("--shuffle", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--seed", type=int, default=0, help="seed of the DataLoader, noise and split")
    parser.add_argument("--noise", type=float, default=1.0, help="gradient noise σ on analytic surfaces")
    parser.add_argument("--samples", type=int, default=100, help="synthetic samples on analytic surfaces")
    parser.add_argument("--data", help="a CSV file with header x,y for a model problem")
    parser.add_argument("--dataset", help="built-in data: course, synthetic-regression, ...")
    parser.add_argument("--reduction", choices=("mean", "sum"), default="mean")
    parser.add_argument("--split", default="1,0,0", help="train,validation,test fractions")


def add_optimizer_options(parser: argparse.ArgumentParser, repeatable: bool = False) -> None:
    names = ", ".join(PRESETS)
    if repeatable:
        parser.add_argument("--optimizer", action="append", help=f"one of {names} (may be repeated)")
    else:
        parser.add_argument("--optimizer", required=True, help=f"one of {names}")
    parser.add_argument("--lr", type=float, help="learning rate")
    parser.add_argument("--lr-x", type=float, help="learning rate of the first parameter (own param group)")
    parser.add_argument("--lr-y", type=float, help="learning rate of the second parameter (own param group)")
    _add_knob_options(parser)
    parser.add_argument("--start", help="X,Y or X Y start point (default: the surface's own)")
    parser.add_argument("--scheduler", help=f"a torch.optim.lr_scheduler class: {', '.join(SCHEDULERS)}")
    parser.add_argument(
        "--scheduler-arg",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a constructor argument of the scheduler (torch's name), VALUE a Python literal; repeatable",
    )
    parser.add_argument(
        "--scheduler-interval",
        choices=INTERVALS,
        default="step",
        help="step the scheduler after every optimizer step (default) or every epoch",
    )


_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_PAIR = re.compile(rf"^{_NUMBER},{_NUMBER}$")
_ONE = re.compile(rf"^{_NUMBER}$")


def glue_start(arguments: list[str]) -> list[str]:
    """``--start -1.5,2`` and ``--start -1.5 2`` as ``--start=-1.5,2``.

    argparse takes a word starting with "-" that is not a plain negative number for an option, so a
    negative start point typed the usual way failed with "expected one argument".
    """
    glued: list[str] = []
    words = iter(range(len(arguments)))
    for i in words:
        word = arguments[i]
        rest = arguments[i + 1 : i + 3]
        if word == "--start" and rest and _PAIR.match(rest[0]):
            glued.append(f"--start={rest[0]}")
            next(words)
        elif word == "--start" and len(rest) == 2 and _ONE.match(rest[0]) and _ONE.match(rest[1]):
            glued.append(f"--start={rest[0]},{rest[1]}")
            next(words)
            next(words)
        else:
            glued.append(word)
    return glued


def parse_pair(text: str, what: str) -> tuple[float, float]:
    parts = text.split(",")
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        raise OptionError(f"{what} must be two numbers 'A,B', got '{text}'") from None
    if len(values) != 2 or not all(math.isfinite(v) for v in values):
        raise OptionError(f"{what} must be two finite numbers 'A,B', got '{text}'")
    return values[0], values[1]


def parse_batch_size(text: str) -> int | None:
    if text.strip().lower() == "full":
        return None
    try:
        size = int(text)
    except ValueError:
        raise OptionError(f"--batch-size must be a positive integer or 'full', got '{text}'") from None
    if size < 1:
        raise OptionError(f"--batch-size must be a positive integer or 'full', got '{text}'")
    return size


def build_problem(args: argparse.Namespace) -> Problem:
    """The problem the options describe, built by the window's own builder (app/runs/run_builder.py)."""
    expr = getattr(args, "expr", None)
    model = args.surface in DATA_PROBLEMS
    if expr is not None and (model or args.data or args.dataset):
        raise OptionError("--expr is a surface f(x, y): it takes no model, --data or --dataset")
    if expr is None and not model and (args.data or args.dataset):
        raise OptionError("--data and --dataset need a model problem such as --surface linear-regression")
    if not model:
        require_range("--samples", args.samples, 1, MAX_SAMPLES)
    try:
        run = RunSettings(
            problem_id=EXPRESSION_ID if expr is not None else args.surface,
            expression=expr or "",
            noise=args.noise,
            samples=args.samples,
            seed=args.seed,
            dataset=args.dataset or "",
            data_file=args.data or "",
            reduction=args.reduction,
        )
        if model:
            run.split = parse_fractions(args.split)
        return build_run_problem(run, critical_points=True)
    except ExpressionError as error:
        raise OptionError(f"--expr: {error}") from None
    except (DatasetError, ProblemError, ValueError) as error:  # ValueError: an unknown surface id
        raise OptionError(str(error)) from None


def build_optimizer(args: argparse.Namespace, name: str) -> OptimizerConfig:
    if name not in PRESETS:
        raise OptionError(f"unknown optimizer '{name}'; choose one of: {', '.join(PRESETS)}")
    config = PRESETS[name]
    changes: dict[str, Any] = {}
    for option, classes in OPTION_CLASSES.items():
        value = getattr(args, option, None)
        if value is None:
            continue
        if config.name not in classes:
            flag = flag_of(option)
            raise OptionError(f"{flag} does not apply to {config.torch_class_name} (--optimizer {name})")
        changes[option] = parse_pair(value, "--betas") if option == "betas" else value
    for flag, value in (("--lr", args.lr), ("--lr-x", args.lr_x), ("--lr-y", args.lr_y)):
        if value is not None and not (math.isfinite(value) and value > 0):
            raise OptionError(f"{flag} must be a positive number, got {value}")
    lr_x = args.lr_x if args.lr_x is not None else args.lr
    if lr_x is not None:
        changes["lr"] = lr_x
    if args.lr_y is not None:
        changes["lr_y"] = args.lr_y
    try:
        return replace(config, **changes).validate()
    except OptimizerConfigError as error:
        raise OptionError(str(error)) from None


def parse_scheduler_arg(text: str) -> tuple[str, Any]:
    """KEY=VALUE with VALUE a Python literal (``0.5``, ``True``, ``[30, 80]``); a bare word is a string."""
    key, equals, value = text.partition("=")
    if not equals or not key.strip().isidentifier():
        raise OptionError(f"--scheduler-arg must be KEY=VALUE, got '{text}'")
    try:
        return key.strip(), ast.literal_eval(value.strip())
    except (ValueError, SyntaxError):
        if value.strip().isidentifier():
            return key.strip(), value.strip()
        raise OptionError(f"--scheduler-arg {key.strip()}: '{value}' is not a Python literal") from None


def build_schedule(args: argparse.Namespace) -> ScheduleConfig | None:
    name = getattr(args, "scheduler", None)
    given = getattr(args, "scheduler_arg", None) or []
    if name is None:
        if given:
            raise OptionError("--scheduler-arg needs --scheduler NAME")
        return None
    return ScheduleConfig.make(name, dict(parse_scheduler_arg(a) for a in given), args.scheduler_interval)


def build_start(args: argparse.Namespace, problem: Problem) -> tuple[float, float]:
    if not args.start:
        return problem.start
    start = parse_pair(args.start, "--start")
    if max(abs(start[0]), abs(start[1])) > problem.bound:
        raise OptionError(f"--start {args.start} is far outside the domain (|value| ≤ {problem.bound:g})")
    return start


def build_request(args: argparse.Namespace, optimizer: str) -> RunRequest:
    """Everything one run needs, validated; raises OptionError with a one-line message."""
    require_range("--steps", args.steps, 0, MAX_STEPS)
    require_range("--seed", args.seed, 0, MAX_SEED)
    problem = build_problem(args)
    config = build_optimizer(args, optimizer)
    spec = RunSpec(
        config,
        start=build_start(args, problem),
        batch_size=parse_batch_size(args.batch_size),
        shuffle=args.shuffle,
        seed=args.seed,
        schedule=build_schedule(args),
    )
    if spec.schedule is not None:
        try:  # the whole schedule, so that what torch would refuse is refused here, in one line
            step_schedule(spec.schedule, config, args.steps, batches_per_epoch(problem, spec))
        except ScheduleConfigError as error:
            raise OptionError(f"--scheduler: {error}") from None
    return RunRequest(problem, spec, args.steps, optimizer)
