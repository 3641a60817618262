"""numba kernels: torch.optim's update rules and the run loop on two scalar parameters (the losses and
gradients they step on: algorithms/loss_kernels.py).

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

from algorithms.loss_kernels import batch_loss_grad, data_loss, loss_surely_finite, value_grad
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
            full = value_grad(surface, ops, consts, p0, p1)[0]
        elif full_loss or not loss_surely_finite(kind, p0, p1, xmax, ymax, xs.shape[0]):
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
