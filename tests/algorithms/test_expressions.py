"""User-typed surfaces: values, derivatives, limits and refusals of algorithms/expressions.py."""

from __future__ import annotations

import math
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from algorithms import expression_kernel as k
from algorithms.expression_compiler import MAX_LENGTH
from algorithms.expression_kernel import eval_program
from algorithms.expressions import (
    FUNCTIONS,
    Expression,
    ExpressionError,
    ExpressionSurface,
    expression_surface,
    parse_expression,
)
from algorithms.problems import expression_problem

GRID = np.meshgrid(np.linspace(-2.5, 2.5, 21), np.linspace(-2.0, 2.0, 17))

# text -> the same function written by hand in numpy
VALUES: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "x**2 + 3*sin(y)": lambda x, y: x**2 + 3 * np.sin(y),
    "x^2 - y^3": lambda x, y: x**2 - y**3,
    "-x^2": lambda x, y: -(x**2),  # unary minus binds looser than a power, as in Python
    "(-x)^2 + +y": lambda x, y: (-x) ** 2 + y,
    "2^x^0.5 + 0*y": lambda x, y: 2 ** (x**0.5),  # right-associative; nan for x < 0
    "x**y": lambda x, y: x**y,
    "1.5e-1 * x / (1 + y**2)": lambda x, y: 0.15 * x / (1 + y**2),
    "pi*x + e*y": lambda x, y: math.pi * x + math.e * y,
    "cos(x) + tan(y/2)": lambda x, y: np.cos(x) + np.tan(y / 2),
    "exp(-x^2) * log(1 + y^2)": lambda x, y: np.exp(-(x**2)) * np.log(1 + y**2),
    "sqrt(abs(x*y))": lambda x, y: np.sqrt(np.abs(x * y)),
    "tanh(x) + sinh(y) - cosh(x - y)": lambda x, y: np.tanh(x) + np.sinh(y) - np.cosh(x - y),
    "atan(x) * atan2(y, x)": lambda x, y: np.arctan(x) * np.arctan2(y, x),
    "min(x, y) + 2*max(x^2, y)": lambda x, y: np.minimum(x, y) + 2 * np.maximum(x**2, y),
    "x**-2 + y**0.5": lambda x, y: x**-2.0 + y**0.5,
    "7": lambda x, y: np.full_like(x, 7.0),
}

# Expressions whose derivatives are checked against autograd; between them every function and operator.
GRADIENTS = [
    "x**2 + 3*sin(y)",
    "(1 - x)^2 + 100*(y - x^2)^2",
    "cos(x*y) - tan(0.3*x)",
    "exp(0.5*x - y) / (1 + y^2)",
    "log(1 + x^2 + y^2) * sqrt(2 + x)",
    "abs(x - 0.5*y) + tanh(x*y)",
    "sinh(x/2) * cosh(y/3)",
    "atan(x + y) + atan2(y, x)",
    "min(x, y^2) + max(x*y, -y)",
    "(2 + x)^(1 + y^2)",
    "2^x + x^-3 + y^0.5 + y**-0.5 - x**3",
    "-x*y + +pi*e - x^0",
]

HOSTILE = [
    "__import__('os').system('id')",
    "().__class__.__bases__",
    "().__class__.__base__.__subclasses__()",
    "x.__class__",
    "9**9**9**9",
    "'a'*10**9",
    "x" * 100_000,
    "(" * 1000 + "x" + ")" * 1000,
    "-" * 499 + "x",
    "+".join(["x"] * 150),
    "sin(x, y)",
    "atan2(x)",
    "sin(x=1)",
    "sin(*x)",
    "foo(x)",
    "lambda: 1",
    "[x for x in y]",
    "x if y else 1",
    "x < y",
    "x and y",
    "not x",
    "~x",
    "x % 2",
    "x // 2",
    "x << 2",
    "{}",
    "{x: y}",
    "(x, y)",
    "x; y",
    "open('f')",
    "globals()",
    "eval('1')",
    "exec",
    "1e999",
    "1e9",
    "10**1000",
    "1" * 400,
    "x @ y",
    "",
    "   \t ",
    "True",
    "None",
    "...",
    "1j",
    '"s"',
    "b'x'",
    "x[0]",
    'f"{x}"',
    "x = 1",
    "(x := 1)",
    "await x",
    "(yield x)",
    "x\ny",
    "x\x00",
    "ｘ + 1",  # fullwidth x: Python would read it as x (NFKC), gdscope refuses it
    "x²",
    "sin",
    "z + x",
    "exp(1000) + x",
    "1/0 + x",
    "x**(1/0)",
    "x**101",
    "2**(2**7) * x",
    "(x)(y)",
    "x y",
    "2x",
]


def test_values_equal_hand_computation() -> None:
    x, y = GRID
    for text, expected in VALUES.items():
        with np.errstate(all="ignore"):
            want = expected(x, y)
        got = parse_expression(text).value(x, y)
        assert got.dtype == np.float64 and got.shape == x.shape
        np.testing.assert_allclose(got, want, rtol=1e-14, atol=1e-14, equal_nan=True, err_msg=text)


def test_every_function_is_covered() -> None:
    used = " ".join([*VALUES, *GRADIENTS])
    for name in FUNCTIONS:
        assert f"{name}(" in used, name


@pytest.mark.parametrize("text", [*VALUES, *GRADIENTS])
def test_numpy_and_torch_agree(text: str) -> None:
    expression = parse_expression(text)
    x, y = GRID
    with torch.no_grad():
        theirs = expression.torch_value(torch.from_numpy(x), torch.from_numpy(y)).numpy()
    np.testing.assert_allclose(expression.value(x, y), theirs, rtol=1e-13, atol=1e-13, equal_nan=True)


def _autograd(expression: Expression, x: float, y: float) -> tuple[float, float, float]:
    tx = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    ty = torch.tensor(y, dtype=torch.float64, requires_grad=True)
    f = expression.torch_value(tx, ty)
    gx, gy = torch.autograd.grad(f, (tx, ty))
    return f.item(), gx.item(), gy.item()


@pytest.mark.parametrize("text", GRADIENTS)
def test_kernel_values_and_gradients_equal_autograd(text: str) -> None:
    expression = parse_expression(text)
    rng = np.random.default_rng(7)
    for x, y in rng.uniform([0.1, 0.1], [1.9, 1.9], size=(20, 2)):  # inside every function's domain
        fast = eval_program(expression.ops, expression.consts, x, y)
        slow = _autograd(expression, x, y)
        scale = max(1.0, *(abs(v) for v in slow))
        np.testing.assert_allclose(fast, slow, rtol=1e-12, atol=1e-13 * scale, err_msg=f"{text} at {x}, {y}")


@pytest.mark.parametrize(
    ("text", "x", "y"),
    [
        ("sqrt(x^2) + y", 0.0, 1.0),  # sqrt'(0) = inf: nan in x, but y is on another branch
        ("abs(x) + y", 0.0, 2.0),  # sgn(0) = 0
        ("min(x, y)", 1.0, 1.0),  # a tie splits the gradient
        ("max(x, y)", -2.0, -2.0),
        ("x^y", 0.0, 2.0),  # d/dy of 0^y for y >= 0 is 0, not nan
        ("(x - 1)^y + 0*y", -1.0, 2.0),
        ("x^0.5 + y", 0.0, 1.0),
    ],
)
def test_kernel_follows_autograd_at_special_points(text: str, x: float, y: float) -> None:
    expression = parse_expression(text)
    fast = eval_program(expression.ops, expression.consts, x, y)
    np.testing.assert_allclose(fast, _autograd(expression, x, y), rtol=1e-14, equal_nan=True)


def test_kernel_never_raises_on_bad_arithmetic() -> None:
    for text, x, y in [("1/x", 0.0, 0.0), ("log(x) + sqrt(y)", -1.0, -1.0), ("x^y", 0.0, -1.0)]:
        expression = parse_expression(text)
        f, gx, gy = eval_program(expression.ops, expression.consts, x, y)
        assert not (math.isfinite(f) and math.isfinite(gx) and math.isfinite(gy))
        assert np.isfinite(expression.value(x, y)) == math.isfinite(f)


def test_constant_expression_is_a_flat_surface() -> None:
    expression = parse_expression("2*pi + 1")
    assert expression.is_constant and expression.consts.tolist() == [2 * math.pi + 1]
    assert eval_program(expression.ops, expression.consts, 3.0, -1.0) == (2 * math.pi + 1, 0.0, 0.0)
    assert _autograd(expression, 3.0, -1.0) == (2 * math.pi + 1, 0.0, 0.0)


def test_constant_parts_are_folded() -> None:
    expression = parse_expression("x * (2 + 3) ^ 2 - sin(pi / 2)")
    assert expression.ops.tolist() == [k.OP_X, k.OP_CONST, k.OP_MUL, k.OP_CONST, k.OP_SUB]
    assert expression.consts.tolist() == [25.0, 1.0]
    assert not expression.ops.flags.writeable and not expression.consts.flags.writeable


def test_limits_are_inclusive() -> None:
    parse_expression("x" + " " * 499)
    parse_expression("(" * 30 + "x" + ")" * 30)
    parse_expression("x**100 + x**-100 + 1e6 * x - 1000000")
    parse_expression("x ** (1000 * y)")  # an exponent with x or y can only overflow to inf
    parse_expression("**".join(["x"] * 64))  # 64 stack slots
    for text, message in [
        ("x" + " " * 500, "the expression is longer than 500 characters"),
        ("(" * 31 + "x" + ")" * 31, "brackets nested deeper than 30"),
        ("x**100.5", "the exponent 100.5 is larger than 100 (column 4)"),
        ("**".join(["x"] * 65), "nested too deeply"),
        ("+".join(["x"] * 101), "more than 200 parts"),
    ]:
        with pytest.raises(ExpressionError, match=message.replace("(", r"\(").replace(")", r"\)")):
            parse_expression(text)


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("foo(x)", "unknown function 'foo' at column 1", 0),
        ("sin(x, y)", "sin takes 1 argument, got 2 (column 1)", 0),
        ("x + atan2(y)", "atan2 takes 2 arguments, got 1 (column 5)", 4),
        ("x" * 501, "the expression is longer than 500 characters", None),
        ("__import__('os')", "'__import__' is not allowed (column 1)", 0),
        ("x.__class__", "attribute access is not allowed (column 2)", 1),
        ("x + (y", "syntax error at column 5", 4),
        ("1e9", "constant 1e9 is larger than 1e6", 0),
        ("", "empty expression", None),
        ("x ^ 2 ^ 1000", "the exponent 1000 is larger than 100 (column 9)", 8),
        ("x < y", "comparisons are not allowed (column 1)", 0),
        ("y + 'a'", "strings are not allowed (column 5)", 4),
        ("x²", "character '²' is not allowed at column 2", 1),
    ],
)
def test_error_messages(text: str, message: str, position: int | None) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    assert str(caught.value) == message == caught.value.message
    assert caught.value.position == position
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_is_refused(text: str) -> None:
    # Refused before anything is evaluated or expanded: "9**9**9**9" or "'a'*10**9" would never return
    # (pytest's timeout ends the run). Parse times: benchmarks/bench_algorithms.py.
    with pytest.raises(ExpressionError):
        parse_expression(text)


def test_payloads_never_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("the expression ran code")

    monkeypatch.setattr(os, "system", forbidden)
    monkeypatch.setattr(subprocess, "Popen", forbidden)
    target = tmp_path / "pwned"
    for payload in [
        f"__import__('pathlib').Path('{target}').touch()",
        f"open('{target}', 'w')",
        f"[c for c in ().__class__.__base__.__subclasses__()][0]('{target}')",
        f"(lambda: __import__('pathlib').Path('{target}').touch())()",
    ]:
        with pytest.raises(ExpressionError):
            expression_surface(payload)
    assert not target.exists()


def test_malformed_programs_are_refused() -> None:
    """The kernel trusts a program's stack discipline, so an Expression checks it when it is built."""
    ops = np.array
    for bad_ops, consts in [
        (ops([k.OP_ADD]), []),
        (ops([k.OP_X, k.OP_Y]), []),
        (ops([k.OP_CONST]), []),
        (ops([k.OP_X, 99]), []),
        (ops([k.OP_X] + [k.OP_X, k.OP_ADD] * 3), [1.0]),
        (ops([k.OP_X] * 65 + [k.OP_ADD] * 64), []),
    ]:
        with pytest.raises(ValueError):
            Expression("bad", bad_ops, np.array(consts, dtype=np.float64))


def test_expression_surface() -> None:
    surface = expression_surface("  x^2 + 3*sin(y) ")
    assert isinstance(surface, ExpressionSurface) and surface.expression is not None
    assert (surface.id, surface.code, surface.convex) == ("expr", k.EXPRESSION_CODE, False)
    assert surface.name_en == "f(x, y) = x^2 + 3*sin(y)" and surface.formula_text == "x^2 + 3*sin(y)"
    assert surface.name_zh == "自定义函数 f(x, y) = x^2 + 3*sin(y)"
    assert surface.domain == (-3.0, 3.0, -3.0, 3.0) and surface.contains(*surface.start)
    assert surface.bound == 300.0
    kinds = {(round(p.x, 9), round(p.y, 9)): p.kind for p in surface.critical_points}
    assert kinds == {(0.0, round(-math.pi / 2, 9)): "minimum", (0.0, round(math.pi / 2, 9)): "saddle"}
    x, y = GRID
    np.testing.assert_array_equal(surface.value(x, y), surface.expression.value(x, y))
    assert surface.tags() == "non-convex · saddle points"


def test_start_avoids_undefined_points() -> None:
    surface = expression_surface("log(x) + log(y)")
    assert surface.start == (2.0, 2.0) and surface.value(*surface.start) == pytest.approx(2 * math.log(2))


def test_expression_problem_grid_and_program() -> None:
    problem = expression_problem("x*y + cos(x)", noise=0.5, samples=20, seed=1)
    assert problem.id == "expr" and problem.kind == "surface" and problem.surface_code == -1
    assert isinstance(problem.surface, ExpressionSurface) and problem.surface.expression is not None
    ops, consts = problem.program  # what the engine hands the kernel
    assert ops is problem.surface.expression.ops and consts is problem.surface.expression.consts
    xs, ys = np.linspace(-3, 3, 7), np.linspace(-3, 3, 5)
    px, py = np.meshgrid(xs, ys)
    np.testing.assert_allclose(problem.loss_grid(xs, ys), px * py + np.cos(px), rtol=1e-15)
    assert problem.noise.shape == (20, 2) and abs(problem.noise.sum()) < 1e-12


# --- fuzzing: parse_expression returns an Expression or raises ExpressionError, nothing else ---------


def _parse_or_refuse(text: str) -> Expression | None:
    try:
        expression = parse_expression(text)
    except ExpressionError as error:
        assert error.position is None or 0 <= error.position <= len(text)
        return None
    assert isinstance(expression, Expression)
    return expression


PROBE_POINTS = ((0.3, -0.7), (1.1, 2.0), (-2.5, 0.4))
LIMIT_WORDS = ("longer than", "larger than", "deeper than", "not a finite number", "more than", "too deeply")


def _assert_evaluations_agree(expression: Expression) -> None:
    """An accepted f means the same to numpy, to the numba kernel and to torch (value and gradient),
    and the same again when the text is re-parsed inside brackets."""
    fits = len(expression.text) + 2 <= MAX_LENGTH
    bracketed = parse_expression(f"({expression.text})") if fits else expression
    for x, y in PROBE_POINTS:
        value = float(expression.value(x, y))
        fast, fast_dx, fast_dy = eval_program(expression.ops, expression.consts, x, y)
        np.testing.assert_allclose(fast, value, rtol=1e-9, atol=1e-12, equal_nan=True)
        np.testing.assert_allclose(float(bracketed.value(x, y)), value, rtol=1e-12, equal_nan=True)
        xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
        yt = torch.tensor(y, dtype=torch.float64, requires_grad=True)
        with np.errstate(all="ignore"):
            result = expression.torch_value(xt, yt)
        if not isinstance(result, torch.Tensor) or not result.requires_grad:
            np.testing.assert_allclose(float(result), value, rtol=1e-9, equal_nan=True)
            assert not expression.value(x, y).ndim  # a constant f: no gradient to compare
            continue
        np.testing.assert_allclose(result.item(), value, rtol=1e-9, atol=1e-12, equal_nan=True)
        if not math.isfinite(value):
            continue
        grad_x, grad_y = torch.autograd.grad(result, (xt, yt), allow_unused=True)
        for torch_grad, kernel_grad in ((grad_x, fast_dx), (grad_y, fast_dy)):
            expected = 0.0 if torch_grad is None else torch_grad.item()
            if math.isfinite(expected) and math.isfinite(kernel_grad):
                np.testing.assert_allclose(kernel_grad, expected, rtol=1e-7, atol=1e-9)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_fuzz_any_text(text: str) -> None:
    expression = _parse_or_refuse(text)
    if expression is not None:
        _assert_evaluations_agree(expression)


TOKENS = st.sampled_from(
    [
        "x", "y", "pi", "e", "2", "0", "1.5", "1e6", "1e7", "100", "-", "+", "*", "/", "**", "^", "(", ")",
        ",", " ", *FUNCTIONS, "__import__", ".", "'", "[", "]", "lambda", ":", "=", "<", "%", "@", "if",
        "for", "True", "sin(", "max(",
    ]
)  # fmt: skip


def _expressions() -> st.SearchStrategy[str]:
    leaves = st.sampled_from(["x", "y", "pi", "e", "0", "1", "2.5", "100", "1e6", "0.001"])
    unary = sorted(name for name, (_, arity) in FUNCTIONS.items() if arity == 1)
    binary = sorted(name for name, (_, arity) in FUNCTIONS.items() if arity == 2)

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "**", "^"]), inner).map(
                lambda t: f"({t[0]} {t[1]} {t[2]})"
            ),
            st.tuples(st.sampled_from(["-", "+"]), inner).map("".join),
            st.tuples(st.sampled_from(unary), inner).map(lambda t: f"{t[0]}({t[1]})"),
            st.tuples(st.sampled_from(binary), inner, inner).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
        )

    return st.recursive(leaves, extend, max_leaves=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(TOKENS, max_size=60).map("".join))
def test_fuzz_token_soup(text: str) -> None:
    expression = _parse_or_refuse(text)
    if expression is not None:
        _assert_evaluations_agree(expression)


@settings(max_examples=300, deadline=None)
@given(_expressions(), st.floats(-3, 3), st.floats(-3, 3))
def test_fuzz_grammar_runs_everywhere(text: str, x: float, y: float) -> None:
    try:
        expression = parse_expression(text)
    except ExpressionError as error:  # refused only at a limit: size, a non-finite constant
        assert any(word in str(error) for word in LIMIT_WORDS), str(error)
        return
    _assert_evaluations_agree(expression)
    fast = eval_program(expression.ops, expression.consts, x, y)  # never raises, whatever the numbers
    assert all(isinstance(v, float) for v in fast)
    value = expression.value(x, y)
    assert value.dtype == np.float64 and value.shape == ()
