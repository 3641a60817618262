"""numba kernels: losses, gradients and torch.optim's update rules on two scalar parameters.

Every formula mirrors the float operations of torch's single-tensor CPU implementations
(``torch/optim/{sgd,adagrad,rmsprop,adam}.py``): ``add(a, b, alpha)`` is ``a + alpha*b``,
``addcmul(a, b, c, value)`` is ``a + value*b*c``, ``addcdiv(a, b, c, value)`` is ``a + value*b/c`` and
``lerp`` switches formula at weight 0.5 as ATen does. Hand-written because a per-step torch.optim loop
costs ~200 µs a step, ~300× the budget of a live slider (benchmarks/bench_engine.py).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from algorithms.expression_kernel import EXPRESSION_CODE, eval_program
from algorithms.schedules import (
    P_ABS,
    P_COOLDOWN,
    P_EPS,
    P_EVERY,
    P_FACTOR,
    P_MAX_MODE,
    P_MIN_LR0,
    P_MIN_LR1,
    P_PATIENCE,
    P_THRESHOLD,
)

# Column layout of the per-run hyperparameter rows (see engine.hyper_row).
H_KIND, H_LR0, H_LR1, H_MOMENTUM, H_DAMPENING, H_NESTEROV, H_WD = 0, 1, 2, 3, 4, 5, 6
H_BETA1, H_BETA2, H_EPS, H_AMSGRAD, H_ALPHA, H_CENTERED, H_LR_DECAY, H_INIT_ACC, H_DECOUPLED = range(7, 16)
N_HYPER = 16
KIND_SGD, KIND_ADAGRAD, KIND_RMSPROP, KIND_ADAM = 0, 1, 2, 3

STATUS_OK, STATUS_DIVERGED, STATUS_LEFT = 0, 1, 2


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
def _value_grad(
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
def _loss_surely_finite(kind: int, p0: float, p1: float, xmax: float, ymax: float, n: int) -> bool:
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
        f, g0, g1 = _value_grad(surface, ops, consts, p0, p1)
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


@njit(cache=True)
def _lerp(start: float, end: float, weight: float) -> float:
    if abs(weight) < 0.5:
        return start + weight * (end - start)
    return end - (end - start) * (1.0 - weight)


@njit(cache=True)
def optimizer_step(
    h: np.ndarray, i: int, p: float, g: float, step: int, state: np.ndarray, lr: float, momentum: float
) -> float:
    """One torch.optim update of parameter i; ``state[:, i]`` rows hold buffers, returns the new value.

    ``lr`` and ``momentum`` (SGD's and RMSprop's momentum, Adam's β₁) are this step's values of the
    param group: a scheduler may change them from step to step.

    state rows: 0 momentum buffer / exp_avg, 1 exp_avg_sq / square_avg / sum, 2 max_exp_avg_sq / grad_avg,
    3 "buffer exists" flag (SGD's lazily created momentum buffer).
    """
    kind = int(h[H_KIND])
    wd = h[H_WD]
    if kind == KIND_SGD:
        if wd != 0.0:
            g = g + wd * p
        if momentum != 0.0:
            if state[3, i] == 0.0:
                state[0, i] = g
                state[3, i] = 1.0
            else:
                state[0, i] = state[0, i] * momentum + (1.0 - h[H_DAMPENING]) * g
            g = g + momentum * state[0, i] if h[H_NESTEROV] != 0.0 else state[0, i]
        return p + (-lr) * g
    if kind == KIND_ADAGRAD:
        if wd != 0.0:
            g = g + wd * p
        clr: float = lr / (1.0 + (step - 1) * h[H_LR_DECAY])
        state[1, i] = state[1, i] + 1.0 * g * g
        std: float = math.sqrt(state[1, i]) + h[H_EPS]
        return p + (-clr) * g / std
    if kind == KIND_RMSPROP:
        if wd != 0.0:
            g = g + wd * p
        alpha = h[H_ALPHA]
        state[1, i] = state[1, i] * alpha + (1.0 - alpha) * g * g
        if h[H_CENTERED] != 0.0:
            state[2, i] = _lerp(state[2, i], g, 1.0 - alpha)
            avg: float = math.sqrt(state[1, i] + (-1.0) * state[2, i] * state[2, i]) + h[H_EPS]
        else:
            avg = math.sqrt(state[1, i]) + h[H_EPS]
        if momentum > 0.0:
            state[0, i] = state[0, i] * momentum + 1.0 * g / avg
            new_p: float = p + (-lr) * state[0, i]
            return new_p
        return p + (-lr) * g / avg
    # Adam / AdamW
    if wd != 0.0:
        if h[H_DECOUPLED] != 0.0:
            p = p * (1.0 - lr * wd)
        else:
            g = g + wd * p
    beta1 = momentum
    beta2 = h[H_BETA2]
    state[0, i] = _lerp(state[0, i], g, 1.0 - beta1)
    state[1, i] = state[1, i] * beta2 + (1.0 - beta2) * g * g
    step_f = float(step)
    bias_correction1 = 1.0 - beta1**step_f
    bias_correction2 = 1.0 - beta2**step_f
    step_size = lr / bias_correction1
    bias_correction2_sqrt = bias_correction2**0.5
    second = state[1, i]
    if h[H_AMSGRAD] != 0.0:
        state[2, i] = max(state[2, i], state[1, i])
        second = state[2, i]
    denom = math.sqrt(second) / bias_correction2_sqrt + h[H_EPS]
    updated: float = p + (-step_size) * state[0, i] / denom
    return updated


@njit(cache=True)
def _position_status(p0: float, p1: float, loss: float, bound: float) -> int:
    if not (math.isfinite(p0) and math.isfinite(p1)):
        return STATUS_DIVERGED
    if abs(p0) > bound or abs(p1) > bound:
        return STATUS_LEFT
    if not math.isfinite(loss):
        return STATUS_DIVERGED
    return STATUS_OK


@njit(cache=True, nogil=True)
def run_one(
    kind: int,
    surface: int,
    ops: np.ndarray,
    consts: np.ndarray,
    reduce_sum: bool,
    xs: np.ndarray,
    ys: np.ndarray,
    vxs: np.ndarray,
    vys: np.ndarray,
    noise: np.ndarray,
    batch_indices: np.ndarray,
    batch_bounds: np.ndarray,
    h: np.ndarray,
    start0: float,
    start1: float,
    bound: float,
    params: np.ndarray,
    loss: np.ndarray,
    val_loss: np.ndarray,
    batch_loss: np.ndarray,
    grad: np.ndarray,
    velocity: np.ndarray,
    lrs: np.ndarray,
    momenta: np.ndarray,
    plateau: np.ndarray,
    full_loss: bool,
) -> tuple[int, int, int]:
    """One run of len(batch_bounds) steps; returns (valid rows, status, step where it stopped).

    Without ``full_loss`` a data problem's full training (and validation) loss is left NaN wherever it
    is surely finite (engine.with_full_loss fills it in for the views that show it): it costs n
    evaluations a point against the batch's B.

    Step t uses ``lrs[t]`` and ``momenta[t]`` (per parameter), unless ``plateau`` holds a
    ReduceLROnPlateau (layout: schedules.P_*): then the lr starts at the hyperparameter row's and is
    reduced as the run's loss stalls, and ``lrs[t]`` records it.
    """
    steps = batch_bounds.shape[0]
    state = np.zeros((4, 2))
    if int(h[H_KIND]) == KIND_ADAGRAD:
        state[1, 0] = h[H_INIT_ACC]
        state[1, 1] = h[H_INIT_ACC]
    p0 = start0
    p1 = start1
    has_val = vxs.shape[0] > 0 and full_loss
    reducing = plateau.shape[0] > 0
    xmax = 0.0
    ymax = 0.0
    if kind != 0 and not full_loss:
        for i in range(xs.shape[0]):
            xmax = max(xmax, abs(xs[i]))
            ymax = max(ymax, abs(ys[i]))
    # ReduceLROnPlateau's own state: the current lrs, best metric, bad epochs, cooldown, the epoch's loss sum.
    lr0 = h[H_LR0]
    lr1 = h[H_LR1]
    best = np.inf
    if reducing and plateau[P_MAX_MODE] != 0.0:
        best = -np.inf
    bad = 0
    cooldown = 0
    running = 0.0
    for t in range(steps + 1):
        skipped = False
        if kind == 0:
            full = _value_grad(surface, ops, consts, p0, p1)[0]
        elif full_loss or not _loss_surely_finite(kind, p0, p1, xmax, ymax, xs.shape[0]):
            full = data_loss(kind, reduce_sum, p0, p1, xs, ys)
        else:
            full = np.nan  # surely finite, and not wanted here
            skipped = True
        status = _position_status(p0, p1, 0.0 if skipped else full, bound)
        if status != STATUS_OK:
            return t, status, t
        params[t, 0] = p0
        params[t, 1] = p1
        loss[t] = full
        if has_val:
            val_loss[t] = data_loss(kind, reduce_sum, p0, p1, vxs, vys)
        if t == steps:
            break
        batch = batch_indices[batch_bounds[t, 0] : batch_bounds[t, 1]]
        bl, g0, g1 = batch_loss_grad(kind, surface, ops, consts, reduce_sum, p0, p1, xs, ys, noise, batch)
        if not (math.isfinite(bl) and math.isfinite(g0) and math.isfinite(g1)):
            return t + 1, STATUS_DIVERGED, t
        batch_loss[t] = bl
        grad[t, 0] = g0
        grad[t, 1] = g1
        if reducing:
            lrs[t, 0] = lr0
            lrs[t, 1] = lr1
        p0 = optimizer_step(h, 0, p0, g0, t + 1, state, lrs[t, 0], momenta[t, 0])
        p1 = optimizer_step(h, 1, p1, g1, t + 1, state, lrs[t, 1], momenta[t, 1])
        velocity[t, 0] = state[0, 0]
        velocity[t, 1] = state[0, 1]
        if reducing:
            running += bl
            every = int(plateau[P_EVERY])
            if (t + 1) % every == 0:
                metric = running / every
                running = 0.0
                if _is_better(plateau, metric, best):
                    best = metric
                    bad = 0
                else:
                    bad += 1
                if cooldown > 0:
                    cooldown -= 1
                    bad = 0
                if bad > plateau[P_PATIENCE]:
                    lr0 = _reduced(plateau, lr0, plateau[P_MIN_LR0])
                    lr1 = _reduced(plateau, lr1, plateau[P_MIN_LR1])
                    cooldown = int(plateau[P_COOLDOWN])
                    bad = 0
    return steps + 1, STATUS_OK, -1


@njit(cache=True)
def _is_better(plateau: np.ndarray, a: float, best: float) -> bool:
    """ReduceLROnPlateau._is_better."""
    threshold: float = plateau[P_THRESHOLD]
    if plateau[P_MAX_MODE] == 0.0:
        if plateau[P_ABS] == 0.0:
            return a < best * (1.0 - threshold)
        return a < best - threshold
    if plateau[P_ABS] == 0.0:
        return a > best * (threshold + 1.0)
    return a > best + threshold


@njit(cache=True)
def _reduced(plateau: np.ndarray, old_lr: float, min_lr: float) -> float:
    """ReduceLROnPlateau._reduce_lr for one param group."""
    factor: float = plateau[P_FACTOR]
    new_lr = max(old_lr * factor, min_lr)
    if old_lr - new_lr > plateau[P_EPS]:
        return new_lr
    return old_lr
