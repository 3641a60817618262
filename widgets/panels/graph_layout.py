"""What the graph panel draws, without Qt: the shapes it accepts, number formatting and the layering.

The panel takes any objects with the attributes below (``algorithms.autograd_graph.GraphNode`` and
``UpdateLine`` have them), so widgets stay free of algorithm types.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

MAX_LIST_VALUES = 3
SIGNIFICANT_DIGITS = 4

Value = Sequence[float] | float


class GraphNodeLike(Protocol):
    """One autograd node: ``kind`` is "parameter" | "input" | "op" | "loss"; ``inputs`` are node ids."""

    @property
    def id(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> Value: ...
    @property
    def grad(self) -> Value | None: ...
    @property
    def inputs(self) -> tuple[int, ...]: ...


class UpdateLineLike(Protocol):
    """``name ← name − lr · grad``; ``after`` is where the optimizer really went."""

    @property
    def name(self) -> str: ...
    @property
    def before(self) -> float: ...
    @property
    def lr(self) -> float: ...
    @property
    def grad(self) -> float: ...
    @property
    def after(self) -> float: ...


def format_number(value: float) -> str:
    """Four significant digits with a real minus sign: 0.468, −3.2, 1.235e+04."""
    if math.isnan(value):
        return "nan"
    return f"{value:.{SIGNIFICANT_DIGITS}g}".replace("-", "−")


def format_value(value: Value | None) -> str:
    """A number, or a list of up to three numbers followed by … when there are more."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return format_number(float(value))
    shown = [format_number(float(v)) for v in list(value)[:MAX_LIST_VALUES]]
    if len(value) > MAX_LIST_VALUES:
        shown.append("…")
    return "[" + ", ".join(shown) + "]"


def format_factor(value: float) -> str:
    """A number as the right operand of − or ·: negative numbers in parentheses."""
    text = format_number(value)
    return f"({text})" if value < 0 else text


def layer_rows(nodes: Sequence[GraphNodeLike]) -> dict[int, tuple[int, int]]:
    """(layer, row) of every node id: left to right by depth, leaves just before their first use.

    An operation sits one layer right of its deepest input; a leaf sits one layer left of the
    earliest operation that uses it, so ``b`` in ``x·w + b`` stands beside ``mul``, not beside ``x``.
    Rows within a layer follow the nodes' order.
    """
    by_id = {node.id: node for node in nodes}
    layer: dict[int, int] = {}
    for node in nodes:  # topological order: inputs come first
        known = [layer[i] for i in node.inputs if i in layer]
        layer[node.id] = 1 + max(known) if node.inputs else 0
    consumers: dict[int, list[int]] = {}
    for node in nodes:
        for i in node.inputs:
            consumers.setdefault(i, []).append(node.id)
    for node in nodes:
        if not by_id[node.id].inputs and node.id in consumers:
            layer[node.id] = min(layer[c] for c in consumers[node.id]) - 1
    rows: dict[int, int] = {}
    placed: dict[int, int] = {}
    for node in nodes:
        rows[node.id] = placed.get(layer[node.id], 0)
        placed[layer[node.id]] = rows[node.id] + 1
    return {node.id: (layer[node.id], rows[node.id]) for node in nodes}
