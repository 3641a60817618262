"""numba kernels of the losses: a surface's value and gradient, a model's loss on its data, and a batch's
loss and gradient (with a surface's synthetic noise), as torch computes them in float64.

The optimizer kernels (algorithms/kernels.py) call these inside their step loop.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from algorithms.expression_kernel import EXPRESSION_CODE, eval_program


@njit(cache=True)
def surface_value_grad(code: int, x: float, y: float) -> tuple[float, float, float]:
    """f, ∂f/∂x, ∂f/∂y of gallery surface ``code`` (order of algorithms.surfaces.SURFACES)."""
    if code == 0:  # bowl
        return x * x + y * y, 2.0 * x, 2.0 * y
    if code == 1:  # ravine
        return x * x + 10.0 * y * y, 2.0 * x, 20.0 * y
    if code == 2:  # saddle
        return x * x - y * y, 2.0 * x, -2.0 * y
    if code == 3:  # monkey saddle
        return x**3 - 3.0 * x * y * y, 3.0 * x * x - 3.0 * y * y, -6.0 * x * y
    if code == 4:  # rosenbrock
        a = 1.0 - x
        b = y - x * x
        return a * a + 100.0 * b * b, -2.0 * a - 400.0 * x * b, 200.0 * b
    if code == 5:  # himmelblau
        a = x * x + y - 11.0
        b = x + y * y - 7.0
        return a * a + b * b, 4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b
    if code == 6:  # beale
        t1 = 1.5 - x + x * y
        t2 = 2.25 - x + x * y * y
        t3 = 2.625 - x + x * y**3
        f = t1 * t1 + t2 * t2 + t3 * t3
        gx = 2.0 * t1 * (y - 1.0) + 2.0 * t2 * (y * y - 1.0) + 2.0 * t3 * (y**3 - 1.0)
        gy = 2.0 * t1 * x + 4.0 * t2 * x * y + 6.0 * t3 * x * y * y
        return f, gx, gy
    if code == 7:  # rastrigin
        tau = 2.0 * math.pi
        f = 20.0 + x * x + y * y - 10.0 * math.cos(tau * x) - 10.0 * math.cos(tau * y)
        return f, 2.0 * x + 10.0 * tau * math.sin(tau * x), 2.0 * y + 10.0 * tau * math.sin(tau * y)
    # six-hump camel
    x2 = x * x
    f = (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (-4.0 + 4.0 * y * y) * y * y
    return f, 8.0 * x - 8.4 * x2 * x + 2.0 * x2 * x2 * x + y, x - 8.0 * y + 16.0 * y**3


@njit(cache=True)
def value_grad(
    code: int, ops: np.ndarray, consts: np.ndarray, x: float, y: float
) -> tuple[float, float, float]:
    """f, ∂f/∂x, ∂f/∂y of a gallery surface, or of the user's program (ops, consts) when code is -1."""
    if code == EXPRESSION_CODE:
        return eval_program(ops, consts, x, y)
    return surface_value_grad(code, x, y)


@njit(cache=True)
def _softplus_neg(z: float) -> float:
    """log(1 + exp(−z)) without overflow."""
    return max(-z, 0.0) + math.log1p(math.exp(-abs(z)))


@njit(cache=True)
def data_loss(kind: int, reduce_sum: bool, p0: float, p1: float, xs: np.ndarray, ys: np.ndarray) -> float:
    """Full loss of a data problem over (xs, ys); NaN for an empty set."""
    n = xs.shape[0]
    if n == 0:
        return np.nan
    total = 0.0
    for i in range(n):
        if kind == 1:
            r = p0 * xs[i] + p1 - ys[i]
            total += r * r
        elif kind == 2:
            z = p0 * xs[i] + p1
            total += (1.0 - ys[i]) * z + _softplus_neg(z)
        elif kind == 4:
            r = p1 * (p0 * xs[i]) - ys[i]
            total += r * r
        else:
            r = p1 * math.tanh(p0 * xs[i]) - ys[i]
            total += r * r
    return total if reduce_sum else total / n


@njit(cache=True)
def loss_surely_finite(kind: int, p0: float, p1: float, xmax: float, ymax: float, n: int) -> bool:
    """Whether a data problem's full loss at (p0, p1) is surely finite, by a bound on its terms
    (|x| ≤ xmax, |y| ≤ ymax): a run that skips it then stops exactly where one computing it does."""
    if kind == 3:
        term = (abs(p1) + ymax) ** 2  # (w₂·tanh(·) − y)²
    else:
        z = abs(p0) * xmax + abs(p1)
        term = (z + ymax) ** 2 if kind == 1 else (1.0 + ymax) * z + 1.0  # softplus(−z) ≤ |z| + log 2
    return n * term < 1e300


@njit(cache=True)
def data_losses(
    kind: int, reduce_sum: bool, params: np.ndarray, xs: np.ndarray, ys: np.ndarray, out: np.ndarray
) -> None:
    """The full loss at each row of params (the very numbers run_one computes when it keeps them)."""
    for t in range(params.shape[0]):
        out[t] = data_loss(kind, reduce_sum, params[t, 0], params[t, 1], xs, ys)


@njit(cache=True)
def batch_loss_grad(
    kind: int,
    surface: int,
    ops: np.ndarray,
    consts: np.ndarray,
    reduce_sum: bool,
    p0: float,
    p1: float,
    xs: np.ndarray,
    ys: np.ndarray,
    noise: np.ndarray,
    batch: np.ndarray,
) -> tuple[float, float, float]:
    """Mini-batch loss and gradient, as autograd computes them for the batch."""
    m = batch.shape[0]
    if kind == 0:
        f, g0, g1 = value_grad(surface, ops, consts, p0, p1)
        s0 = 0.0
        s1 = 0.0
        for j in range(m):
            s0 += noise[batch[j], 0]
            s1 += noise[batch[j], 1]
        e0 = s0 / m
        e1 = s1 / m
        return f + e0 * p0 + e1 * p1, g0 + e0, g1 + e1
    scale = 1.0 if reduce_sum else 1.0 / m
    loss = 0.0
    g0 = 0.0
    g1 = 0.0
    for j in range(m):
        x = xs[batch[j]]
        y = ys[batch[j]]
        if kind == 1:  # MSE on w·x + b: dL/dz = 2(z − y)
            r = p0 * x + p1 - y
            loss += r * r
            dz = 2.0 * scale * r
            g0 += dz * x
            g1 += dz
        elif kind == 2:  # BCE with logits: dL/dz = σ(z) − y
            z = p0 * x + p1
            loss += (1.0 - y) * z + _softplus_neg(z)
            dz = scale * (1.0 / (1.0 + math.exp(-z)) - y)
            g0 += dz * x
            g1 += dz
        elif kind == 4:  # ŷ = w₂·(w₁·x): two linear layers
            h = p0 * x
            r = p1 * h - y
            loss += r * r
            dy = 2.0 * scale * r
            g1 += dy * h
            g0 += dy * p1 * x
        else:  # ŷ = w₂·tanh(w₁·x)
            t = math.tanh(p0 * x)
            r = p1 * t - y
            loss += r * r
            dy = 2.0 * scale * r
            g1 += dy * t
            g0 += dy * p1 * (1.0 - t * t) * x
    return loss * scale, g0, g1
