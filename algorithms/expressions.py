"""User-typed surfaces f(x, y), parsed safely and compiled to a small postfix program.

Checking and compiling the text live in algorithms/expression_compiler.py (its public names are
re-exported here): nothing is ever eval'd, exec'd or compiled to Python code. The postfix program of
float64 operations (algorithms/expression_kernel.py) is what numpy, torch and the numba engine each
run, so the worst an expression can do is give inf or nan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from algorithms import expression_kernel as k
from algorithms.expression_compiler import (
    CONSTANTS,
    FUNCTIONS,
    MAX_BRACKET_DEPTH,
    MAX_CONSTANT,
    MAX_EXPONENT,
    MAX_LENGTH,
    MAX_NODES,
    SEGMENT_LENGTH,
    ExpressionError,
    compile_text,
)
from algorithms.expression_kernel import run_program
from algorithms.surfaces import CriticalPoint, Surface

if TYPE_CHECKING:
    import torch

__all__ = [
    "CONSTANTS",
    "CRITICAL_SEEDS_PER_SIDE",
    "DEFAULT_DOMAIN",
    "FUNCTIONS",
    "MAX_BRACKET_DEPTH",
    "MAX_CONSTANT",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "MAX_NODES",
    "SEGMENT_LENGTH",
    "START_CANDIDATES",
    "Expression",
    "ExpressionError",
    "ExpressionSurface",
    "expression_surface",
    "parse_expression",
]

DEFAULT_DOMAIN = (-3.0, 3.0, -3.0, 3.0)
START_CANDIDATES = ((-2.0, 2.0), (2.0, 2.0), (2.0, -2.0), (-2.0, -2.0), (1.0, 1.0), (0.5, 0.5), (0.0, 0.0))
CRITICAL_SEEDS_PER_SIDE = 10


@dataclass(frozen=True, eq=False)
class Expression:
    """A parsed f(x, y): its text and its postfix program (read-only arrays)."""

    text: str
    ops: np.ndarray  # int64 opcodes (algorithms/expression_kernel.py)
    consts: np.ndarray  # float64 operands, consumed in order by OP_CONST and OP_POWC
    stack_size: int = field(init=False)

    def __post_init__(self) -> None:
        ops = np.array(self.ops, dtype=np.int64)
        consts = np.array(self.consts, dtype=np.float64)
        if ops.ndim != 1 or consts.ndim != 1:
            raise ValueError("ops and consts must be 1-D arrays")
        depth = k.program_depth(ops, consts)
        if depth > k.MAX_STACK:
            raise ValueError(f"the program needs {depth} stack slots, more than {k.MAX_STACK}")
        ops.flags.writeable = False
        consts.flags.writeable = False
        object.__setattr__(self, "ops", ops)
        object.__setattr__(self, "consts", consts)
        object.__setattr__(self, "stack_size", depth)

    @property
    def is_constant(self) -> bool:
        """Whether f uses neither x nor y."""
        return not bool(np.isin(self.ops, (k.OP_X, k.OP_Y)).any())

    def value(self, x: npt.ArrayLike, y: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """f in float64 numpy, element-wise over the broadcast of x and y; overflow gives inf/nan silently."""
        xs = np.asarray(x, dtype=np.float64)
        ys = np.asarray(y, dtype=np.float64)
        with np.errstate(all="ignore"):
            result = run_program(self.ops, self.consts, xs, ys, np)
        shape = np.broadcast_shapes(xs.shape, ys.shape)
        return np.array(np.broadcast_to(np.asarray(result, dtype=np.float64), shape))

    def torch_value(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """f with torch operations, differentiable by autograd."""
        import torch  # imported by who needs autograd, not at start-up (benchmarks/bench_startup.py)

        result: torch.Tensor = run_program(self.ops, self.consts, x, y, torch)
        return result

    def evaluate(self, x: Any, y: Any, lib: Any) -> Any:
        """f with ``lib`` = numpy or torch: the ``fn`` of a Surface."""
        return self.value(x, y) if lib is np else self.torch_value(x, y)


def parse_expression(text: str) -> Expression:
    """The checked, compiled f(x, y) of ``text``; ExpressionError (and nothing else) when refused."""
    ops, consts = compile_text(text)
    return Expression(text, np.array(ops, dtype=np.int64), np.array(consts, dtype=np.float64))


# --- as a surface -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpressionSurface(Surface):
    """A Surface typed by the user; ``expression`` is the program the numba engine runs."""

    expression: Expression | None = None


def _start(expression: Expression, domain: tuple[float, float, float, float]) -> tuple[float, float]:
    """The first candidate start inside the domain where f and ∇f are finite."""
    xmin, xmax, ymin, ymax = domain
    inside = [(x, y) for x, y in START_CANDIDATES if xmin <= x <= xmax and ymin <= y <= ymax]
    inside.append(((xmin + xmax) / 2, (ymin + ymax) / 2))
    for x, y in inside:
        if all(math.isfinite(v) for v in k.eval_program(expression.ops, expression.consts, x, y)):
            return x, y
    return inside[0]


def _critical_points(
    expression: Expression, domain: tuple[float, float, float, float]
) -> tuple[CriticalPoint, ...]:
    """The critical points found from a grid of seeds; none for a constant (every point would be one)."""
    if expression.is_constant:
        return ()
    from algorithms.critical import find_critical_points  # torch.func: imported when first needed

    try:
        found = find_critical_points(expression.torch_value, domain, seeds_per_side=CRITICAL_SEEDS_PER_SIDE)
    except (RuntimeError, ValueError, np.linalg.LinAlgError):  # e.g. eigh of a nan Hessian
        return ()
    return tuple(CriticalPoint(p.x, p.y, p.kind) for p in found if math.isfinite(p.value))


def expression_surface(
    text: str, domain: tuple[float, float, float, float] = DEFAULT_DOMAIN, critical_points: bool = True
) -> ExpressionSurface:
    """The surface f(x, y) = text (id "expr", code EXPRESSION_CODE); ExpressionError when refused."""
    expression = parse_expression(text)
    return ExpressionSurface(
        id="expr",
        code=k.EXPRESSION_CODE,
        name_en=f"f(x, y) = {text.strip()}",
        name_zh=f"自定义函数 f(x, y) = {text.strip()}",
        formula_text=text.strip(),
        convex=False,
        critical_points=_critical_points(expression, domain) if critical_points else (),
        domain=domain,
        start=_start(expression, domain),
        fn=expression.evaluate,
        expression=expression,
    )
