"""A loss surface f(x, y) as torch source code: the gallery's formulas, and a typed expression's program
rendered with only the brackets Python needs (the PyTorch script of algorithms/codegen.py uses it)."""

from __future__ import annotations

import math

from algorithms import expression_kernel as k
from algorithms.expressions import Expression, ExpressionSurface
from algorithms.problems import Problem

# Each gallery surface's formula as torch code in x and y (tests check it against Surface.torch_value).
SURFACE_TORCH: dict[str, str] = {
    "bowl": "x**2 + y**2",
    "ravine": "x**2 + 10 * y**2",
    "saddle": "x**2 - y**2",
    "monkey-saddle": "x**3 - 3 * x * y**2",
    "rosenbrock": "(1 - x) ** 2 + 100 * (y - x**2) ** 2",
    "himmelblau": "(x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2",
    "beale": "(1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2",
    "rastrigin": "20 + x**2 + y**2 - 10 * torch.cos(2 * torch.pi * x) - 10 * torch.cos(2 * torch.pi * y)",
    "six-hump-camel": "(4 - 2.1 * x**2 + x**4 / 3) * x**2 + x * y + (-4 + 4 * y**2) * y**2",
}


def surface_torch_expression(problem: Problem) -> str:
    """f(x, y) of an analytic problem as torch code: the gallery's table, or a typed formula's program."""
    surface = problem.surface
    assert surface is not None
    if isinstance(surface, ExpressionSurface) and surface.expression is not None:
        return program_to_torch(surface.expression)
    return SURFACE_TORCH[surface.id]


# Python precedence of what a rendered piece is, to put brackets only where they are needed.
_SUM, _PRODUCT, _UNARY, _POWER, _ATOM = 1, 2, 3, 4, 5
_INFIX = {k.OP_ADD: ("+", _SUM), k.OP_SUB: ("-", _SUM), k.OP_MUL: ("*", _PRODUCT), k.OP_DIV: ("/", _PRODUCT)}
_CALLS = {
    k.OP_SIN: "sin", k.OP_COS: "cos", k.OP_TAN: "tan", k.OP_EXP: "exp", k.OP_LOG: "log",
    k.OP_SQRT: "sqrt", k.OP_ABS: "abs", k.OP_TANH: "tanh", k.OP_SINH: "sinh", k.OP_COSH: "cosh",
    k.OP_ATAN: "atan", k.OP_ATAN2: "atan2", k.OP_MIN: "minimum", k.OP_MAX: "maximum",
}  # fmt: skip


def _number(value: float) -> tuple[str, int, bool]:
    """A constant as (code, precedence, is a plain Python number)."""
    if value == math.pi:
        return "torch.pi", _ATOM, True
    if value == math.e:
        return "torch.e", _ATOM, True
    negative_zero = value == 0 and math.copysign(1.0, value) < 0
    whole = value.is_integer() and abs(value) < 1e15 and not negative_zero
    text = str(int(value)) if whole else repr(value)
    return text, (_UNARY if text.startswith("-") else _ATOM), True


def _wrap(piece: tuple[str, int, bool], needed: int) -> str:
    return piece[0] if piece[1] >= needed else f"({piece[0]})"


def program_to_torch(expression: Expression) -> str:
    """A typed f(x, y) as torch code doing the very operations Expression.torch_value does, in order."""
    stack: list[tuple[str, int, bool]] = []  # (code, precedence, is a Python number rather than a tensor)
    consts = iter(expression.consts.tolist())
    for op in expression.ops.tolist():
        if op in (k.OP_X, k.OP_Y):
            stack.append(("x" if op == k.OP_X else "y", _ATOM, False))
        elif op == k.OP_CONST:
            stack.append(_number(next(consts)))
        elif op == k.OP_POWC:  # a ** b groups from the right: a power base needs brackets
            base = stack.pop()
            stack.append((f"{_wrap(base, _ATOM)} ** {_wrap(_number(next(consts)), _UNARY)}", _POWER, False))
        elif op == k.OP_POW:
            b, a = stack.pop(), stack.pop()
            stack.append((f"{_wrap(a, _ATOM)} ** {_wrap(b, _UNARY)}", _POWER, False))
        elif op in _INFIX:  # left to right: the right operand of the same level needs brackets
            symbol, level = _INFIX[op]
            b, a = stack.pop(), stack.pop()
            stack.append((f"{_wrap(a, level)} {symbol} {_wrap(b, level + 1)}", level, False))
        elif op == k.OP_NEG:
            stack.append((f"-{_wrap(stack.pop(), _POWER)}", _UNARY, False))
        elif op in k.BINARY_OPS:  # torch.atan2/minimum/maximum take tensors, as Expression makes them
            b, a = stack.pop(), stack.pop()
            args = [f"torch.tensor({p[0]}, dtype=torch.float64)" if p[2] else p[0] for p in (a, b)]
            stack.append((f"torch.{_CALLS[op]}({', '.join(args)})", _ATOM, False))
        else:
            stack.append((f"torch.{_CALLS[op]}({stack.pop()[0]})", _ATOM, False))
    ((code, _, constant),) = stack
    return f"x * 0.0 + y * 0.0 + {code}" if constant else code
