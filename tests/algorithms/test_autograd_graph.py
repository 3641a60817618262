"""loss_graph: the real autograd graph, its values and gradients checked against autograd and by hand."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from algorithms.autograd_graph import GraphNode, UpdateLine, loss_graph, op_label, update_lines
from algorithms.engine import RunSpec, run_many
from algorithms.optimizers import OptimizerConfig
from algorithms.problems import Problem, data_problem, expression_problem, surface_problem

BATCH = np.array([4, 0, 7, 2, 9], dtype=np.int64)
PARAMS = (0.7, -0.4)


def by_label(nodes: list[GraphNode]) -> dict[str, GraphNode]:
    return {node.label: node for node in nodes}


def torch_grads(problem: Problem, params: tuple[float, float], rows: np.ndarray | None) -> list[float]:
    """∂loss/∂params straight from problem.torch_loss on the same samples."""
    p0, p1 = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in params)
    if problem.surface is not None:
        batch: tuple[torch.Tensor, ...] = (
            torch.tensor(problem.noise if rows is None else problem.noise[np.atleast_1d(rows)]),
        )
    else:
        xs, ys = problem.data_arrays("train")
        if rows is not None:
            xs, ys = xs[np.atleast_1d(rows)], ys[np.atleast_1d(rows)]
        batch = (torch.tensor(xs), torch.tensor(ys))
    loss = problem.torch_loss(p0, p1, batch)
    grads = torch.autograd.grad(loss, (p0, p1), allow_unused=True)
    return [0.0 if g is None else g.item() for g in grads]


def parameter_grads(nodes: list[GraphNode], problem: Problem) -> list[float]:
    found = {node.label: node.grad for node in nodes if node.kind == "parameter"}
    return [float(found.get(name, 0.0)) for name in problem.param_names]  # type: ignore[arg-type]


def test_linear_regression_reads_like_the_course() -> None:
    nodes = loss_graph(data_problem("linear-regression"), PARAMS, BATCH)
    assert [n.label for n in nodes] == ["x", "w", "mul", "b", "add", "y", "sub", "pow", "mean"]
    assert [n.kind for n in nodes] == [
        "input", "parameter", "op", "parameter", "op", "input", "op", "op", "loss",
    ]  # fmt: skip
    assert [n.id for n in nodes] == list(range(9))
    assert [n.inputs for n in nodes] == [(), (), (0, 1), (), (2, 3), (), (4, 5), (6,), (7,)]


def test_linear_regression_values_and_grads_by_hand() -> None:
    problem = data_problem("linear-regression")
    w, b = PARAMS
    xs, ys = problem.data_arrays("train")
    x, y = xs[BATCH], ys[BATCH]
    n = len(BATCH)
    r = w * x + b - y
    nodes = by_label(loss_graph(problem, PARAMS, BATCH))
    np.testing.assert_allclose(nodes["x"].value, x, rtol=0, atol=0)
    np.testing.assert_allclose(nodes["y"].value, y, rtol=0, atol=0)
    assert nodes["x"].grad is None and nodes["y"].grad is None
    assert nodes["w"].value == w and nodes["b"].value == b
    np.testing.assert_allclose(nodes["mul"].value, x * w, rtol=1e-15)
    np.testing.assert_allclose(nodes["sub"].value, r, rtol=1e-12)
    np.testing.assert_allclose(nodes["pow"].value, r**2, rtol=1e-12)
    assert nodes["mean"].value == pytest.approx(np.mean(r**2), rel=1e-12)
    assert nodes["mean"].grad == 1.0
    np.testing.assert_allclose(nodes["pow"].grad, np.full(n, 1 / n), rtol=1e-15)
    for label in ("sub", "add", "mul"):
        np.testing.assert_allclose(nodes[label].grad, 2 * r / n, rtol=1e-12)
    assert nodes["w"].grad == pytest.approx(np.sum(2 * r * x / n), rel=1e-12)
    assert nodes["b"].grad == pytest.approx(np.sum(2 * r / n), rel=1e-12)


def test_tiny_net_intermediate_grads_by_hand_and_finite_differences() -> None:
    problem = data_problem("tiny-net", reduction="sum")
    w1, w2 = PARAMS
    xs, ys = problem.data_arrays("train")
    x, y = xs[BATCH], ys[BATCH]
    nodes = loss_graph(problem, PARAMS, BATCH)
    assert [n.label for n in nodes] == ["x", "w₁", "mul", "tanh", "w₂", "mul", "y", "sub", "pow", "sum"]
    h, t = x * w1, np.tanh(x * w1)
    r = t * w2 - y
    np.testing.assert_allclose(nodes[3].value, t, rtol=1e-14)
    np.testing.assert_allclose(nodes[8].grad, np.ones(len(x)), rtol=0)
    np.testing.assert_allclose(nodes[7].grad, 2 * r, rtol=1e-12)
    np.testing.assert_allclose(nodes[5].grad, 2 * r, rtol=1e-12)
    np.testing.assert_allclose(nodes[3].grad, 2 * r * w2, rtol=1e-12)
    np.testing.assert_allclose(nodes[2].grad, 2 * r * w2 * (1 - np.tanh(h) ** 2), rtol=1e-12)

    def loss(a: float, c: float) -> float:
        return float(np.sum((c * np.tanh(a * x) - y) ** 2))

    step = 1e-6
    fd_w1 = (loss(w1 + step, w2) - loss(w1 - step, w2)) / (2 * step)
    fd_w2 = (loss(w1, w2 + step) - loss(w1, w2 - step)) / (2 * step)
    assert nodes[1].grad == pytest.approx(fd_w1, rel=1e-7)
    assert nodes[4].grad == pytest.approx(fd_w2, rel=1e-7)


def test_logistic_regression_logit_grad_is_sigmoid_minus_label() -> None:
    problem = data_problem("logistic-regression")
    nodes = by_label(loss_graph(problem, PARAMS, BATCH))
    assert list(nodes) == ["x", "w", "mul", "b", "add", "y", "bce_with_logits", "mean"]
    xs, ys = problem.data_arrays("train")
    z = PARAMS[0] * xs[BATCH] + PARAMS[1]
    np.testing.assert_allclose(nodes["add"].grad, (1 / (1 + np.exp(-z)) - ys[BATCH]) / len(BATCH), rtol=1e-12)


@pytest.mark.parametrize(
    "problem",
    [
        data_problem("linear-regression"),
        data_problem("linear-regression", reduction="sum"),
        data_problem("logistic-regression"),
        data_problem("tiny-net"),
        surface_problem("rosenbrock"),
        surface_problem("rastrigin"),
        surface_problem("six-hump-camel"),
        expression_problem("sin(x) * exp(y) / (1 + x^2)"),
    ],
    ids=lambda p: f"{p.id}-{p.reduction}",
)
@pytest.mark.parametrize("rows", [None, BATCH])
def test_parameter_grads_equal_autograd_of_torch_loss(problem: Problem, rows: np.ndarray | None) -> None:
    nodes = loss_graph(problem, PARAMS, rows)
    assert nodes[-1].kind == "loss" and nodes[-1].grad == 1.0
    np.testing.assert_allclose(
        parameter_grads(nodes, problem), torch_grads(problem, PARAMS, rows), atol=1e-12
    )
    assert [n.id for n in nodes] == list(range(len(nodes)))
    assert all(i < node.id for node in nodes for i in node.inputs)  # topological order


@pytest.mark.parametrize("kind", ["linear-regression", "tiny-net"])
def test_one_sample_is_that_sample_s_own_loss(kind: str) -> None:
    problem = data_problem(kind)
    nodes = loss_graph(problem, PARAMS, BATCH, sample=2)
    assert all(isinstance(n.value, float) for n in nodes)
    xs, _ = problem.data_arrays("train")
    assert by_label(nodes)["x"].value == xs[BATCH[2]]
    np.testing.assert_allclose(
        parameter_grads(nodes, problem), torch_grads(problem, PARAMS, BATCH[2:3]), atol=1e-12
    )


def test_surface_noise_enters_as_inputs_only_for_a_batch() -> None:
    problem = surface_problem("bowl", noise=2.0, samples=10)
    full = loss_graph(problem, PARAMS, None)
    assert [n.label for n in full] == ["x", "pow", "y", "pow", "add"]
    assert full[-1].value == pytest.approx(PARAMS[0] ** 2 + PARAMS[1] ** 2, rel=1e-15)
    one = loss_graph(problem, PARAMS, np.array([3, 5]), sample=1)
    labels = [n.label for n in one]
    assert labels.count("ε₁") == 1 and labels.count("ε₂") == 1
    eps = problem.noise[5]
    assert one[-1].value == pytest.approx(sum(p * p + e * p for p, e in zip(PARAMS, eps, strict=True)))


def test_sample_outside_the_batch_is_refused() -> None:
    with pytest.raises(IndexError):
        loss_graph(data_problem("linear-regression"), PARAMS, BATCH, sample=5)


def test_op_labels() -> None:
    loss = torch.nn.functional.mse_loss(torch.ones(2, requires_grad=True), torch.zeros(2))
    assert op_label(loss.grad_fn) == "mse_loss"
    assert op_label((1 - torch.ones(2, requires_grad=True)).grad_fn) == "sub"
    assert op_label(torch.ones(2, requires_grad=True).sum().grad_fn) == "sum"


def test_update_lines_show_the_plain_step_and_the_optimizer_s_real_one() -> None:
    problem = data_problem("linear-regression")
    sgd = RunSpec(OptimizerConfig("sgd", lr=0.05, lr_y=0.02), problem.start)
    adam = RunSpec(OptimizerConfig("adam", lr=0.05), problem.start)
    sgd_run, adam_run = run_many(problem, [sgd, adam], 4)
    lines = update_lines(sgd_run, 2, problem.param_names)
    assert [line.name for line in lines] == ["w", "b"]
    assert [line.lr for line in lines] == [0.05, 0.02]
    for i, line in enumerate(lines):
        assert line.before == sgd_run.params[2, i] and line.after == sgd_run.params[3, i]
        assert line.grad == sgd_run.grad[2, i]
        assert line.sgd_after == pytest.approx(line.after, abs=1e-12)
    adam_lines = update_lines(adam_run, 0, problem.param_names)
    assert adam_lines[0].after == adam_run.params[1, 0]
    assert abs(adam_lines[0].sgd_after - adam_lines[0].after) > 1e-6
    assert UpdateLine("w", 0.5, 0.01, 3.2, 0.468).sgd_after == pytest.approx(0.468, abs=1e-15)
    with pytest.raises(IndexError):
        update_lines(sgd_run, 4, problem.param_names)
