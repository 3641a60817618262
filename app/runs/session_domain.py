"""What a session asks of its problem: checked by building that problem before the state is touched.

The schema (app/state/session_schema.py) checks types and ranges that hold for every problem; this
checks what the chosen problem can take: its data file reads, its expression compiles, and the start
point lies inside the problem's bound with a finite loss there. A session passing both is applied
whole; one failing either changes nothing and its SessionError names the field.
"""

from __future__ import annotations

import math

import numpy as np

from algorithms.problems import Problem
from app.runs.run_builder import build_problem
from app.state.app_state import AppState
from app.state.session import Session, SessionError, apply_session


def _failing_field(state: AppState) -> str:
    if state.run.data_file and state.run.problem_id != "expr":
        return "run.data_file"
    if state.run.problem_id == "expr":
        return "run.expression"
    return "run.problem_id"


def checked_problem(session: Session) -> Problem:
    """The problem ``session`` describes; SessionError (naming the field) when it cannot be used."""
    trial = AppState()
    apply_session(session, trial)  # the schema's own checks; only the throw-away state is written
    try:
        problem = build_problem(trial.run)
    except (ValueError, OSError, MemoryError) as error:
        raise SessionError(f"{_failing_field(trial)}: {error}") from None
    start = trial.run.start
    if start is not None:
        x, y = start
        if max(abs(x), abs(y)) > problem.bound:
            raise SessionError(
                f"run.start: ({x:g}, {y:g}) is outside what this problem can take "
                f"(|x| and |y| at most {problem.bound:g})"
            )
        with np.errstate(all="ignore"):
            loss = float(problem.loss_at(np.array([x]), np.array([y]))[0])
        if not math.isfinite(loss):
            raise SessionError(f"run.start: the loss is not a finite number at ({x:g}, {y:g})")
    return problem


def apply_checked_session(session: Session, state: AppState) -> Problem:
    """Apply ``session`` to ``state`` whole, or raise SessionError having changed nothing."""
    problem = checked_problem(session)
    apply_session(session, state)
    return problem
