"""The lesson "Warm-up and decay": the decayed runs settle, the constant one keeps jittering (its claims)."""

from __future__ import annotations

import numpy as np

from algorithms.engine import run_many
from algorithms.reference import reference_run
from app.runs.run_builder import build_problem, plan_runs
from app.state.app_state import AppState
from app.state.lessons import get_lesson

TAIL = 50


def test_warmup_decay_claims() -> None:
    state = AppState()
    get_lesson("warmup-decay").apply(state)
    assert state.run.problem_id == "ravine" and state.run.noise == 3.0 and state.run.batch_size == 10
    problem = build_problem(state.run)
    planned = plan_runs(state, problem)
    assert [p.key for p in planned] == ["constant", "step-lr", "warmup-cosine"]
    specs = [p.spec for p in planned]
    assert all(s is not None and s.optimizer.name == "sgd" and s.batch_size == 10 for s in specs)
    assert specs[0] is not None and specs[0].schedule is None
    assert specs[1] is not None and specs[1].schedule is not None and specs[1].schedule.name == "StepLR"
    assert specs[2] is not None and specs[2].schedule is not None
    assert specs[2].schedule.given()["max_lr"] == 0.02  # the slider's lr is the peak
    constant, step, cosine = run_many(problem, [s for s in specs if s is not None], state.run.steps)
    # The lr of each: constant 0.02; 0.02 → 0.004 → 0.0008; 0.02/25 warming up to 0.02 at 10 %, then ≈ 0.
    assert np.all(constant.lr == 0.02)
    assert (
        step.lr[99, 0] == 0.02 and np.isclose(step.lr[100, 0], 0.004) and np.isclose(step.lr[200, 0], 0.0008)
    )
    assert np.isclose(cosine.lr[0, 0], 0.02 / 25) and np.argmax(cosine.lr[:, 0]) in (29, 30)
    assert cosine.lr[-1, 0] < 1e-5
    loss = [float(r.loss[-TAIL:].mean()) for r in (constant, step, cosine)]
    moves = [
        float(np.linalg.norm(np.diff(r.params[-TAIL:], axis=0), axis=1).mean())
        for r in (constant, step, cosine)
    ]
    # "over the last 50 steps its loss averages about 0.004 and it still moves about 0.02 a step"
    assert 0.003 < loss[0] < 0.005 and 0.015 < moves[0] < 0.03
    # "StepLR ... its loss ends about 10× lower"; "warm-up + cosine ... about 100× below"
    assert 5 < loss[0] / loss[1] < 20 and 50 < loss[0] / loss[2] < 200
    assert moves[1] < moves[0] / 10 and moves[2] < moves[0] / 10  # the decayed runs settle
    # And it is what torch.optim.lr_scheduler does.
    slow = reference_run(problem, specs[2], state.run.steps)
    np.testing.assert_allclose(cosine.params, slow.params, rtol=0, atol=1e-9)
