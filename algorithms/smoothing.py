"""Exponential moving average of a loss curve, as Visdom and TensorBoard draw it."""

from __future__ import annotations

import math
import numbers

import numpy as np
import numpy.typing as npt
from numba import njit


def _checked_beta(beta: float) -> float:
    """beta as a float; ValueError unless it is a real number with 0 <= beta < 1."""
    if not (isinstance(beta, numbers.Real) and 0.0 <= float(beta) < 1.0):
        raise ValueError(f"the smoothing factor beta must be a number in [0, 1), got {beta!r}")
    return float(beta)


@njit(cache=True)
def _smooth(x: np.ndarray, beta: float, bias_correction: bool, out: np.ndarray) -> None:
    """The recursion over the finite prefix ``x`` into ``out`` (numba: a Python loop cost ~2 ms per
    10,000 values, a third of the time a learning-rate drag spends on the GUI thread)."""
    s, power, keep = 0.0, 1.0, 1.0 - beta
    for t in range(x.shape[0]):
        value = x[t]
        power *= beta
        alpha = keep / (1.0 - power) if bias_correction else keep
        if alpha == 1.0:
            s = value
        else:
            # s + α·(x − s), or (1 − α)·s + α·x where x − s overflows (opposite signs near 1e308).
            moved = s + alpha * (value - s)
            s = moved if math.isfinite(moved) else (1.0 - alpha) * s + alpha * value
        out[t] = s


def ema(values: npt.ArrayLike, beta: float, bias_correction: bool = False) -> npt.NDArray[np.float64]:
    """s₀ = 0, sₜ = β·sₜ₋₁ + (1 − β)·xₜ, optionally divided by 1 − βᵗ; NaN from the first non-finite xₜ on.

    Computed as sₜ = sₜ₋₁ + αₜ·(xₜ − sₜ₋₁) with αₜ = (1 − β) / (1 − βᵗ) when bias-corrected (else 1 − β),
    which keeps a constant series exactly constant.
    """
    beta = _checked_beta(beta)
    x = np.asarray(values, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"ema expects a 1-D series of values, got shape {x.shape}")
    out = np.full(len(x), np.nan)
    finite = np.isfinite(x)
    n_finite = len(x) if finite.all() else int(np.argmin(finite))
    _smooth(np.ascontiguousarray(x[:n_finite]), beta, bool(bias_correction), out[:n_finite])
    return out
