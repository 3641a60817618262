"""The instruction set of user-typed surfaces and its evaluators: numpy/torch, and numba with derivatives.

algorithms/expressions.py compiles f(x, y) to a postfix program: ``ops`` (int64 opcodes) and ``consts``
(float64, consumed in order by OP_CONST and OP_POWC). ``run_program`` runs it with numpy (the grid) or
torch (autograd: the reference and critical points). ``eval_program`` runs it in numba on a stack of dual
numbers (value, ∂/∂x, ∂/∂y) for the engine. Each derivative rule there is the one torch's autograd uses
(torch/csrc/autograd/FunctionsManual.cpp and derivatives.yaml), so the engine agrees with
algorithms/reference.py. Each slot also records whether it depends on x and on y: as in reverse mode, a
branch without x contributes nothing to ∂f/∂x even where its local derivative is inf or nan
(sqrt(y²) + x at y = 0 has ∂f/∂x = 1).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from numba import njit

EXPRESSION_CODE = -1  # the surface code loss_kernels.surface_value_grad dispatches to eval_program
MAX_STACK = 64

OP_X, OP_Y, OP_CONST = 0, 1, 2  # push x, y, the next constant
OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_POW = 3, 4, 5, 6, 7  # binary: pop b, pop a, push a ∘ b
OP_POWC, OP_NEG = 8, 9  # unary: a ** (the next constant), −a
OP_SIN, OP_COS, OP_TAN, OP_EXP, OP_LOG, OP_SQRT, OP_ABS = 10, 11, 12, 13, 14, 15, 16
OP_TANH, OP_SINH, OP_COSH, OP_ATAN = 17, 18, 19, 20
OP_ATAN2, OP_MIN, OP_MAX = 21, 22, 23  # binary functions
N_OPS = 24

PUSH_OPS = frozenset((OP_X, OP_Y, OP_CONST))
BINARY_OPS = frozenset((OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_POW, OP_ATAN2, OP_MIN, OP_MAX))
CONST_OPS = frozenset((OP_CONST, OP_POWC))


# --- the program with numpy or torch -------------------------------------------------------------------


# opcode -> (numpy's name, torch's name) of the function
_FUNCTION_NAMES = {
    OP_SIN: ("sin", "sin"), OP_COS: ("cos", "cos"), OP_TAN: ("tan", "tan"), OP_EXP: ("exp", "exp"),
    OP_LOG: ("log", "log"), OP_SQRT: ("sqrt", "sqrt"), OP_ABS: ("abs", "abs"), OP_TANH: ("tanh", "tanh"),
    OP_SINH: ("sinh", "sinh"), OP_COSH: ("cosh", "cosh"), OP_ATAN: ("arctan", "atan"),
    OP_ATAN2: ("arctan2", "atan2"), OP_MIN: ("minimum", "minimum"), OP_MAX: ("maximum", "maximum"),
}  # fmt: skip


def _is_torch(lib: Any) -> bool:
    """Whether ``lib`` is the torch module (told by name: importing torch here would cost the start-up)."""
    return getattr(lib, "__name__", "") == "torch"


def _function(op: int, lib: Any) -> Callable[..., Any]:
    return getattr(lib, _FUNCTION_NAMES[op][1 if _is_torch(lib) else 0])  # type: ignore[no-any-return]


def apply(op: int, args: list[Any], lib: Any) -> Any:
    """One operation on numpy values or torch tensors (a constant operand may be a Python float)."""
    if op == OP_NEG:
        return -args[0]
    if op in (OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_POW):
        a, b = args
        if op == OP_ADD:
            return a + b
        if op == OP_SUB:
            return a - b
        if op == OP_MUL:
            return a * b
        return a / b if op == OP_DIV else a**b
    if _is_torch(lib) and len(args) == 2:  # torch.atan2/minimum/maximum want two tensors
        like = next(arg for arg in args if lib.is_tensor(arg))
        args = [arg if lib.is_tensor(arg) else lib.tensor(arg, dtype=like.dtype) for arg in args]
    return _function(op, lib)(*args)


def run_program(ops: np.ndarray, consts: np.ndarray, x: Any, y: Any, lib: Any) -> Any:
    """The program's value at (x, y) with ``lib`` = numpy or torch (torch stays differentiable)."""
    stack: list[Any] = []
    values = iter(consts.tolist())
    for op in ops.tolist():
        if op == OP_X:
            stack.append(x)
        elif op == OP_Y:
            stack.append(y)
        elif op == OP_CONST:
            stack.append(next(values))
        elif op == OP_POWC:
            stack.append(stack.pop() ** next(values))
        elif op in BINARY_OPS:
            b = stack.pop()
            stack.append(apply(op, [stack.pop(), b], lib))
        else:
            stack.append(apply(op, [stack.pop()], lib))
    (result,) = stack
    if _is_torch(lib) and not lib.is_tensor(result):  # a constant: still a function of x, y
        return x * 0.0 + y * 0.0 + result
    return result


def program_depth(ops: np.ndarray, consts: np.ndarray) -> int:
    """The stack slots the program needs; ValueError unless it is well formed (ends with one value)."""
    depth = 0
    deepest = 0
    used = 0
    for op in ops.tolist():
        if not 0 <= op < N_OPS:
            raise ValueError(f"unknown opcode {op}")
        if op in CONST_OPS:
            used += 1
        if op in PUSH_OPS:
            depth += 1
        elif op in BINARY_OPS:
            depth -= 1
        if depth < 1:
            raise ValueError("the program pops an empty stack")
        deepest = max(deepest, depth)
    if depth != 1:
        raise ValueError(f"the program leaves {depth} values on the stack, not 1")
    if used != len(consts):
        raise ValueError(f"the program uses {used} constants but has {len(consts)}")
    return deepest


DEPENDS_X, DEPENDS_Y = 1, 2  # bits of a stack slot's dependence


@njit(cache=True, error_model="numpy")
def _tangent(t: float, factor: float, depends: bool) -> float:
    """t · factor on a branch that depends on the variable; 0 on one that does not."""
    return t * factor if depends else 0.0


@njit(cache=True, error_model="numpy")
def _pow_scalar(a: float, c: float) -> float:
    """a ** c with the special exponents of ATen's pow_tensor_scalar (x*x for 2, sqrt for 0.5, …)."""
    if c == 0.0:
        return 1.0
    if c == 1.0:
        return a
    if c == 2.0:
        return a * a
    if c == 3.0:
        return a * a * a
    if c == 0.5:
        return math.sqrt(a)
    if c == -0.5:
        return 1.0 / math.sqrt(a)
    if c == -1.0:
        return 1.0 / a
    if c == -2.0:
        return 1.0 / (a * a)
    return float(a**c)


@njit(cache=True, error_model="numpy")
def _unary(op: int, a: float) -> tuple[float, float]:
    """f(a) and f'(a) of a one-argument function (not OP_POWC)."""
    if op == OP_NEG:
        return -a, -1.0
    if op == OP_SIN:
        return math.sin(a), math.cos(a)
    if op == OP_COS:
        return math.cos(a), -math.sin(a)
    if op == OP_TAN:
        r = math.tan(a)
        return r, 1.0 + r * r
    if op == OP_EXP:
        r = math.exp(a)
        return r, r
    if op == OP_LOG:
        return math.log(a), 1.0 / a
    if op == OP_SQRT:
        r = math.sqrt(a)
        return r, 1.0 / (2.0 * r)
    if op == OP_ABS:
        if a > 0.0:
            return a, 1.0
        if a < 0.0:
            return -a, -1.0
        return abs(a), a  # sgn: 0 at 0, nan at nan
    if op == OP_TANH:
        r = math.tanh(a)
        return r, 1.0 - r * r
    if op == OP_SINH:
        return math.sinh(a), math.cosh(a)
    if op == OP_COSH:
        return math.cosh(a), math.sinh(a)
    # OP_ATAN
    return math.atan(a), 1.0 / (a * a + 1.0)


@njit(cache=True, error_model="numpy")
def _binary(op: int, a: float, b: float) -> tuple[float, float, float]:
    """a ∘ b with its partial derivatives in a and in b."""
    if op == OP_ADD:
        return a + b, 1.0, 1.0
    if op == OP_SUB:
        return a - b, 1.0, -1.0
    if op == OP_MUL:
        return a * b, b, a
    if op == OP_DIV:
        r = a / b
        return r, 1.0 / b, -(r / b)
    if op == OP_POW:
        r = a**b
        da = 0.0 if b == 0.0 else b * a ** (b - 1.0)
        db = 0.0 if (a == 0.0 and b >= 0.0) else r * math.log(a)
        return r, da, db
    if op == OP_ATAN2:
        recip = 1.0 / (a * a + b * b)
        return math.atan2(a, b), b * recip, -a * recip
    # min / max: the gradient goes to the chosen side, half to each on a tie (torch.minimum/maximum)
    take_a = a < b if op == OP_MIN else a > b
    take_b = a > b if op == OP_MIN else a < b
    if take_a:
        return a, 1.0, 0.0
    if take_b:
        return b, 0.0, 1.0
    if a == b:
        return a, 0.5, 0.5
    return math.nan, 1.0, 1.0


@njit(cache=True, error_model="numpy")
def eval_program(ops: np.ndarray, consts: np.ndarray, x: float, y: float) -> tuple[float, float, float]:
    """f(x, y), ∂f/∂x, ∂f/∂y of a program checked by program_depth (≤ MAX_STACK slots)."""
    value = np.empty(MAX_STACK)
    dx = np.empty(MAX_STACK)
    dy = np.empty(MAX_STACK)
    depends = np.empty(MAX_STACK, dtype=np.int64)
    top = -1
    k = 0
    for i in range(ops.shape[0]):
        op = ops[i]
        if op <= OP_CONST:  # OP_X, OP_Y, OP_CONST: push
            top += 1
            if op == OP_X:
                value[top], dx[top], dy[top], depends[top] = x, 1.0, 0.0, DEPENDS_X
            elif op == OP_Y:
                value[top], dx[top], dy[top], depends[top] = y, 0.0, 1.0, DEPENDS_Y
            else:
                value[top], dx[top], dy[top], depends[top] = consts[k], 0.0, 0.0, 0
                k += 1
        elif op <= OP_POW or op >= OP_ATAN2:
            top -= 1
            r, da, db = _binary(op, value[top], value[top + 1])
            a_on, b_on = depends[top], depends[top + 1]
            value[top] = r
            dx[top] = _tangent(dx[top], da, (a_on & DEPENDS_X) != 0) + _tangent(
                dx[top + 1], db, (b_on & DEPENDS_X) != 0
            )
            dy[top] = _tangent(dy[top], da, (a_on & DEPENDS_Y) != 0) + _tangent(
                dy[top + 1], db, (b_on & DEPENDS_Y) != 0
            )
            depends[top] = a_on | b_on
        else:
            if op == OP_POWC:
                c = consts[k]
                k += 1
                r = _pow_scalar(value[top], c)
                slope = 0.0 if c == 0.0 else c * _pow_scalar(value[top], c - 1.0)
            else:
                r, slope = _unary(op, value[top])
            value[top] = r
            dx[top] = _tangent(dx[top], slope, (depends[top] & DEPENDS_X) != 0)
            dy[top] = _tangent(dy[top], slope, (depends[top] & DEPENDS_Y) != 0)
    return value[0], dx[0], dy[0]
