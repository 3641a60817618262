"""The real autograd graph of one loss evaluation, with every node's value and gradient.

The forward is written as the elementary torch operations a course writes on the board
(``x * w + b - y``, ``** 2``, ``.mean()``) in float64, with the parameters and the data as leaf tensors.
Every tensor an operation produces is recorded (a ``TorchFunctionMode``) and keeps its gradient
(``retain_grad``); after ``loss.backward()`` the graph is read from ``loss.grad_fn`` and its
``next_functions``, so the picture is whatever autograd actually built, never a drawing of it.
The data tensors are made leaves that require grad only so autograd shows where they enter; their
gradients are not reported (in a training script ``x.grad`` stays None).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch.overrides import TorchFunctionMode

from algorithms.engine import RunResult
from algorithms.problems import Problem

Value = list[float] | float
KINDS = ("parameter", "input", "op", "loss")

# grad_fn class names (without "Backward<n>") shown under a course name; others become snake_case.
OP_LABELS = {
    "Rsub": "sub",
    "MseLoss": "mse_loss",
    "BinaryCrossEntropyWithLogits": "bce_with_logits",
    "BinaryCrossEntropy": "bce",
    "Div": "div",
}


@dataclass(frozen=True)
class GraphNode:
    """One node of the graph: a leaf tensor or the output of one operation.

    ``value`` is the node's forward output and ``grad`` is ∂loss/∂(that output); both are lists
    for a whole batch and floats for one sample. ``grad`` is None for inputs (data never gets one).
    """

    id: int
    label: str
    kind: str  # one of KINDS
    value: Value
    grad: Value | None
    inputs: tuple[int, ...]


@dataclass(frozen=True)
class UpdateLine:
    """One parameter's update at a step: ``name ← name − lr · ∂L/∂name``.

    ``after`` is where the optimizer really went (the run's next point); ``sgd_after`` is the plain
    gradient-descent step the formula shows, equal to ``after`` for plain SGD.
    """

    name: str
    before: float
    lr: float
    grad: float
    after: float

    @property
    def sgd_after(self) -> float:
        return self.before - self.lr * self.grad


class _RecordOutputs(TorchFunctionMode):
    """Remember the tensor each autograd node produced, and keep its gradient after backward."""

    def __init__(self) -> None:
        super().__init__()
        self.outputs: dict[Any, torch.Tensor] = {}

    def __torch_function__(
        self,
        func: Callable[..., Any],
        types: Sequence[type],
        args: Sequence[Any] = (),
        kwargs: dict[str, Any] | None = None,
    ) -> Any:
        result = func(*args, **(kwargs or {}))
        if isinstance(result, torch.Tensor) and result.grad_fn is not None:
            result.retain_grad()
            self.outputs.setdefault(result.grad_fn, result)
        return result


def op_label(grad_fn: Any) -> str:
    """``MulBackward0`` → ``mul``, ``MseLossBackward0`` → ``mse_loss``."""
    name = re.sub(r"Backward\d*$", "", type(grad_fn).__name__)
    if name in OP_LABELS:
        return OP_LABELS[name]
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _leaf(values: np.ndarray | float) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.float64, requires_grad=True)


def _batch(problem: Problem, batch_indices: np.ndarray | None, sample: int | None) -> np.ndarray | None:
    """Indices (into the training samples) the graph is built on; None = the whole set, no noise."""
    if sample is None:
        return None if batch_indices is None else np.asarray(batch_indices, dtype=np.int64)
    indices = np.arange(problem.n_samples) if batch_indices is None else np.asarray(batch_indices)
    if not 0 <= sample < len(indices):
        raise IndexError(f"sample {sample} is outside the batch of {len(indices)}")
    return np.asarray(indices[sample], dtype=np.int64)  # 0-dim: one sample, scalar tensors


def _forward(
    problem: Problem, w: torch.Tensor, b: torch.Tensor, rows: np.ndarray | None
) -> tuple[torch.Tensor, dict[torch.Tensor, str]]:
    """The loss as elementary ops, and the input leaves it used with their labels."""
    reduce = torch.mean if problem.reduction == "mean" else torch.sum
    if problem.surface is not None:
        loss = problem.surface.torch_value(w, b)
        if rows is None or len(problem.noise) == 0:
            return loss, {}
        eps = problem.noise[rows]
        e1, e2 = _leaf(eps[..., 0]), _leaf(eps[..., 1])
        return loss + torch.mean(e1 * w + e2 * b), {e1: "ε₁", e2: "ε₂"}
    xs, ys = problem.data_arrays("train")
    x, y = (_leaf(xs), _leaf(ys)) if rows is None else (_leaf(xs[rows]), _leaf(ys[rows]))
    labels = {x: "x", y: "y"}
    if problem.kind == "linear-regression":
        return reduce((x * w + b - y) ** 2), labels
    if problem.kind == "logistic-regression":
        logits = x * w + b
        per_sample = torch.nn.functional.binary_cross_entropy_with_logits(logits, y, reduction="none")
        return reduce(per_sample), labels
    if problem.kind == "linear-net":
        return reduce((x * w * b - y) ** 2), labels  # ŷ = w₂·(w₁·x)
    return reduce((torch.tanh(x * w) * b - y) ** 2), labels  # tiny-net: ŷ = w₂·tanh(w₁·x)


def _as_value(tensor: torch.Tensor | None) -> Value | None:
    if tensor is None:
        return None
    value: Value = tensor.detach().tolist()
    return value


def loss_graph(
    problem: Problem,
    params: tuple[float, float],
    batch_indices: np.ndarray | None,
    sample: int | None = None,
) -> list[GraphNode]:
    """The autograd graph of the loss at ``params`` on a batch, in topological order (loss last).

    ``batch_indices`` index the training samples (None: the whole training set, and for an analytic
    surface the exact f without noise); ``sample`` picks the k-th sample of that batch, whose own loss
    is drawn with scalar values, or None for the batch loss with a list per node.
    """
    rows = _batch(problem, batch_indices, sample)
    w, b = _leaf(float(params[0])), _leaf(float(params[1]))
    recorder = _RecordOutputs()
    with recorder:
        loss, input_labels = _forward(problem, w, b, rows)
    loss.retain_grad()
    loss.backward()
    leaves = {id(w): ("parameter", problem.param_names[0]), id(b): ("parameter", problem.param_names[1])}
    leaves.update({id(tensor): ("input", label) for tensor, label in input_labels.items()})

    nodes: list[GraphNode] = []
    ids: dict[Any, int] = {}

    def visit(fn: Any) -> int:
        if fn in ids:
            return ids[fn]
        children = tuple(visit(child) for child, _ in fn.next_functions if child is not None)
        if hasattr(fn, "variable"):  # AccumulateGrad: a leaf tensor
            kind, label = leaves[id(fn.variable)]
            tensor: torch.Tensor | None = fn.variable
            grad = _as_value(fn.variable.grad) if kind == "parameter" else None
        else:
            kind, label = "op", op_label(fn)
            tensor = loss if fn is loss.grad_fn else recorder.outputs.get(fn)
            grad = _as_value(None if tensor is None else tensor.grad)
        value = _as_value(tensor)
        ids[fn] = len(nodes)
        nodes.append(
            GraphNode(ids[fn], label, kind, float("nan") if value is None else value, grad, children)
        )
        return ids[fn]

    if loss.grad_fn is None:  # f is one parameter itself (a typed surface "x"): one node
        _, label = leaves[id(loss)]
        return [GraphNode(0, label, "loss", loss.item(), _as_value(loss.grad), ())]
    visit(loss.grad_fn)
    last = nodes[-1]
    nodes[-1] = GraphNode(last.id, last.label, "loss", last.value, last.grad, last.inputs)
    return nodes


def update_lines(result: RunResult, step: int, param_names: Sequence[str]) -> list[UpdateLine]:
    """The update taken at ``step`` (params[step] → params[step + 1] with grad[step]), per parameter."""
    if not 0 <= step < len(result.grad):
        raise IndexError(f"step {step} is not an update of this run (it took {len(result.grad)})")
    rates = result.spec.optimizer.learning_rates
    return [
        UpdateLine(
            name=str(param_names[i]),
            before=float(result.params[step, i]),
            lr=float(rates[i]),
            grad=float(result.grad[step, i]),
            after=float(result.params[step + 1, i]),
        )
        for i in range(2)
    ]
