"""Each update term by term: the replayed state equals torch.optim's own ``optimizer.state`` at every step."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from algorithms.datasets import course_data
from algorithms.engine import RunSpec, run_many
from algorithms.optimizers import OptimizerConfig
from algorithms.problems import Problem, data_problem, surface_problem
from algorithms.reference import TORCH_OPTIMIZERS
from algorithms.schedules import ScheduleConfig
from algorithms.update_terms import term_lines, update_terms, update_text
from tests.algorithms.test_engine_vs_reference import OPTIMIZER_CASES

STEPS = 40
STATE_KEYS = ("momentum_buffer", "sum", "square_avg", "grad_avg", "exp_avg", "exp_avg_sq", "max_exp_avg_sq")


def torch_states(
    problem: Problem,
    config: OptimizerConfig,
    start: tuple[float, float],
    steps: int,
    schedule: ScheduleConfig | None = None,
) -> list[dict[str, list[float]]]:
    """Real torch.optim on the full-batch loss: its state dict after each step, per parameter."""
    p0 = torch.nn.Parameter(torch.tensor(start[0], dtype=torch.float64))
    p1 = torch.nn.Parameter(torch.tensor(start[1], dtype=torch.float64))
    lr0, lr1 = config.learning_rates
    optimizer = TORCH_OPTIMIZERS[config.name](
        [{"params": [p0], "lr": lr0}, {"params": [p1], "lr": lr1}], **config.torch_kwargs()
    )
    if problem.surface is not None:
        batch: tuple[torch.Tensor, ...] = (torch.from_numpy(np.array(problem.noise)),)
    else:
        x, y = problem.data_arrays()
        batch = (torch.from_numpy(x.copy()), torch.from_numpy(y.copy()))
    scheduler = None
    if schedule is not None:
        kwargs = schedule.kwargs(config, steps, groups=2)
        scheduler = getattr(torch.optim.lr_scheduler, schedule.name)(optimizer, **kwargs)
    states = []
    for _ in range(steps):
        optimizer.zero_grad()
        problem.torch_loss(p0, p1, batch).backward()
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
        record: dict[str, list[float]] = {}
        for key in STATE_KEYS:
            values = [optimizer.state[p].get(key) for p in (p0, p1)]
            if all(isinstance(v, torch.Tensor) for v in values):
                record[key] = [float(v) for v in values]  # type: ignore[arg-type]
        record["param"] = [p0.item(), p1.item()]
        states.append(record)
    return states


PROBLEMS = {
    "ravine": (surface_problem("ravine", noise=0.5), (-2.5, 1.0)),
    "linear-regression": (data_problem("linear-regression", course_data()), (0.5, -1.0)),
}


@pytest.mark.parametrize("case", OPTIMIZER_CASES)
@pytest.mark.parametrize("problem_id", PROBLEMS)
def test_terms_equal_torch_optimizer_state(case: str, problem_id: str) -> None:
    problem, start = PROBLEMS[problem_id]
    config = OPTIMIZER_CASES[case]
    (result,) = run_many(problem, [RunSpec(config, start)], STEPS)
    terms = update_terms(result)
    states = torch_states(problem, config, start, STEPS)
    assert terms.steps == STEPS
    np.testing.assert_array_equal(terms.values["new_param"], result.params[1:])  # the same float ops
    compared = set()
    for t, state in enumerate(states):
        np.testing.assert_allclose(terms.values["new_param"][t], state["param"], rtol=0, atol=1e-9)
        for key in STATE_KEYS:
            if key in state:
                compared.add(key)
                np.testing.assert_allclose(terms.values[key][t], state[key], rtol=1e-9, atol=1e-12)
    # every buffer torch keeps was compared (plain SGD keeps none)
    expected = {k for k in STATE_KEYS if k in terms.values}
    assert compared == expected


def test_adam_lines_show_the_moments_and_bias_correction() -> None:
    problem, start = PROBLEMS["ravine"]
    config = OptimizerConfig("adamw", lr=0.1, weight_decay=0.5, amsgrad=True)
    (result,) = run_many(problem, [RunSpec(config, start)], 3)
    terms = update_terms(result)
    lines = term_lines(terms, 1, "x", 0)
    v = terms.at(1, 0)
    assert lines[0] == f"g = ∂L/∂x = {v['grad']:.4g}"
    assert lines[1].startswith("x ← x·(1 − lr·λ) = ") and "decoupled" in lines[1]
    assert any(
        line.startswith("m ← β₁·m + (1 − β₁)·g") and f"{v['exp_avg']:.4g}  (exp_avg)" in line
        for line in lines
    )
    assert any("max_exp_avg_sq" in line for line in lines)
    assert lines[-1].endswith(f"= {result.params[2, 0]:.4g}")
    # m̂ = m / (1 − β₁²) at the second step
    assert v["m_hat"] == pytest.approx(v["exp_avg"] / (1 - 0.9**2))


def test_sgd_lines_momentum_and_nesterov() -> None:
    problem, start = PROBLEMS["ravine"]
    config = OptimizerConfig("sgd", lr=0.01, momentum=0.9, nesterov=True, weight_decay=0.1)
    (result,) = run_many(problem, [RunSpec(config, start)], 3)
    terms = update_terms(result)
    first = term_lines(terms, 0, "x", 0)
    assert "first step" in first[2]
    second = term_lines(terms, 1, "y", 1)
    v = terms.at(1, 1)
    assert second[1] == f"g ← g + λ·y = {v['grad']:.4g} + 0.1·{v['param']:.4g} = {v['d_p']:.4g}"
    assert second[2].startswith("v ← μ·v + g = 0.9·")
    assert second[3].startswith("look-ahead: g + μ·v")
    assert v["direction"] == pytest.approx(v["d_p"] + 0.9 * v["momentum_buffer"])
    text = update_text(terms, 1, ("x", "y"))
    assert text[0] == "SGD · x:" and any(line == "SGD · y:" for line in text)


@pytest.mark.parametrize(
    "config",
    [
        OptimizerConfig("adagrad", lr=0.5, lr_decay=0.1),
        OptimizerConfig("rmsprop", lr=0.01, centered=True, momentum=0.5),
    ],
)
def test_adaptive_lines_end_at_the_new_parameter(config: OptimizerConfig) -> None:
    problem, start = PROBLEMS["ravine"]
    (result,) = run_many(problem, [RunSpec(config, start)], 5)
    terms = update_terms(result)
    for t in range(5):
        lines = term_lines(terms, t, "x", 0)
        assert lines[-1].endswith(f"= {result.params[t + 1, 0]:.4g}")


def test_a_run_without_updates_has_no_terms() -> None:
    problem, start = PROBLEMS["ravine"]
    (result,) = run_many(problem, [RunSpec(OptimizerConfig("adam"), start)], 0)
    assert update_terms(result).steps == 0


@pytest.mark.parametrize(
    "config",
    [OptimizerConfig("sgd", lr=0.01, momentum=0.9), OptimizerConfig("adam", lr=0.05)],
    ids=["sgd", "adam"],
)
def test_terms_follow_a_scheduler_that_cycles_lr_and_momentum(config: OptimizerConfig) -> None:
    problem, start = PROBLEMS["ravine"]
    schedule = ScheduleConfig.make("OneCycleLR", {"max_lr": 0.05, "total_steps": STEPS})
    (result,) = run_many(problem, [RunSpec(config, start, schedule=schedule)], STEPS)
    terms = update_terms(result, problem)
    np.testing.assert_array_equal(terms.values["new_param"], result.params[1:])
    states = torch_states(problem, config, start, STEPS, schedule)
    key = "momentum_buffer" if config.name == "sgd" else "exp_avg"
    for t, state in enumerate(states):
        np.testing.assert_allclose(terms.values[key][t], state[key], rtol=1e-9, atol=1e-12)
    assert len(set(terms.values["momentum"][:, 0])) > 1 and len(set(terms.values["lr"][:, 0])) > 1
    lines = term_lines(terms, 5, "x", 0)
    assert f"{terms.values['momentum'][5, 0]:.4g}·" in lines[1]  # this step's μ (or β₁), not the base one


def test_negative_numbers_are_parenthesised_inside_products_and_squares() -> None:
    problem, _ = PROBLEMS["ravine"]
    config = OptimizerConfig("sgd", lr=0.01, momentum=0.9)
    (result,) = run_many(problem, [RunSpec(config, (2.0, -1.0))], 3)  # ∂L/∂y = 20y < 0 at the start
    terms = update_terms(result)
    v = terms.at(1, 1)
    assert v["d_p"] < 0 and v["momentum_buffer"] < 0
    lines = term_lines(terms, 1, "y", 1)
    assert f"+ 1·({v['d_p']:.4g}) = {v['momentum_buffer']:.4g}  (momentum_buffer)" in lines[1]
    assert lines[2] == (
        f"y ← y − lr·v = {v['param']:.4g} − 0.01·({v['momentum_buffer']:.4g}) = {v['new_param']:.4g}"
    )
    (adagrad,) = run_many(problem, [RunSpec(OptimizerConfig("adagrad", lr=0.1), (2.0, -1.0))], 1)
    first = term_lines(update_terms(adagrad), 0, "y", 1)
    assert first[1] == f"s ← s + g² = 0 + ({adagrad.grad[0, 1]:.4g})² = {adagrad.grad[0, 1] ** 2:.4g}  (sum)"
