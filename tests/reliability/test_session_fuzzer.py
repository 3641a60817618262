"""Hypothesis-driven sessions: valid by the schema, with extreme values, they open or are refused.

Never another exception, and a refused session leaves the state exactly as it was. Opening is what
the window does (apply_checked_session, then the engine over the whole horizon), without the window.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from algorithms.engine import run_many
from app.runs.run_builder import build_problem, plan_runs
from app.runs.session_domain import apply_checked_session
from app.state.app_state import AppState
from app.state.limits import MAX_COORDINATE, MAX_LR, MAX_SAMPLES, MAX_SEED, MAX_STEPS
from app.state.session import EXPRESSION_ID, PROBLEM_IDS, SessionError, session_from_state, validated_session
from tests.reliability.conftest import default_session

EXTREME_FLOATS = st.sampled_from([0.0, 5e-324, 1e-300, 1e-8, 1.0, 299.99, 300.0, 1e5, MAX_COORDINATE])
COORDINATE = st.one_of(EXTREME_FLOATS, EXTREME_FLOATS.map(lambda v: -v))
LR = st.sampled_from([5e-324, 1e-300, 1e-12, 0.01, 1.0, MAX_LR])


@st.composite
def extreme_sessions(draw: st.DrawFn) -> dict[str, Any]:
    data = default_session()
    run = data["run"]
    run["problem_id"] = draw(st.sampled_from([p for p in PROBLEM_IDS if p != EXPRESSION_ID]))
    run["lr"] = draw(LR)
    run["steps"] = draw(st.sampled_from([1, 2, 300, MAX_STEPS // 10]))
    run["samples"] = draw(st.sampled_from([1, 2, MAX_SAMPLES]))
    run["batch_size"] = draw(st.sampled_from([0, 1, MAX_SAMPLES]))
    run["noise"] = draw(st.sampled_from([0.0, 1e-300, 100.0]))
    run["seed"] = draw(st.sampled_from([0, MAX_SEED]))
    run["start"] = draw(st.one_of(st.none(), st.tuples(COORDINATE, COORDINATE).map(list)))
    for kind in draw(st.sets(st.sampled_from(list(data["optimizers"])), max_size=3)):
        data["optimizers"][kind]["enabled"] = True
        data["optimizers"][kind]["weight_decay"] = draw(st.sampled_from([0.0, 1e300]))
    data["playback"]["step"] = draw(st.integers(0, run["steps"]))
    return data


def _snapshot(state: AppState) -> dict[str, Any]:
    dumped: dict[str, Any] = session_from_state(state).model_dump()
    return dumped


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extreme_sessions())
def test_extreme_sessions_open_or_are_refused_without_a_trace(data: dict[str, Any]) -> None:
    session = validated_session(data)  # valid by the schema, by construction
    state = AppState()
    before = _snapshot(state)
    try:
        apply_checked_session(session, state)
    except SessionError as error:
        assert str(error).startswith("run."), str(error)
        assert "{" not in str(error)  # no raw placeholders
        assert _snapshot(state) == before
        return
    problem = build_problem(state.run)
    specs = [plan.spec for plan in plan_runs(state, problem) if plan.spec is not None]
    for result in run_many(problem, specs, state.run.steps) if specs else []:
        assert len(result.params) >= 1  # an accepted start gives at least one point
