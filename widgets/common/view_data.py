"""Plain values the views are given through their setters (widgets never import `app`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SurfaceGrid:
    """A loss surface sampled like ``np.meshgrid(xs, ys)``: ``z[j, i] = f(xs[i], ys[j])``.

    Non-finite entries of ``z`` are holes (not drawn).
    """

    xs: np.ndarray  # (nx,)
    ys: np.ndarray  # (ny,)
    z: np.ndarray  # (ny, nx)
    x_label: str = "x"
    y_label: str = "y"
    z_label: str = "loss"


@dataclass(frozen=True)
class RunPath:
    """One optimizer run as the views draw it.

    ``xy[k]`` are the parameters after k steps and ``loss[k]`` the full loss there (the surface
    height; NaN where it was not evaluated: the point is drawn on the surface); only the first
    ``len(xy)`` steps exist (a diverged run is shorter than the horizon).
    ``ended`` marks a run that diverged or left the domain: its last point gets a ✕.
    """

    key: str
    label: str
    color: str  # "#rrggbb"
    xy: np.ndarray  # (L, 2)
    loss: np.ndarray  # (L,)
    ended: bool = False

    def drawn_xy(self) -> np.ndarray:
        """The points the views draw (K, 2): up to the first non-finite one, at least one point."""
        xy = np.asarray(self.xy, dtype=np.float64).reshape(-1, 2)
        finite = np.isfinite(xy).all(axis=1)
        length = max(len(xy) if finite.all() else int(np.argmin(finite)), 1)
        return np.nan_to_num(xy[:length])


@dataclass(frozen=True)
class LossCurve:
    """Per-step losses of one run for the loss panel: raw (faint) and EMA-smoothed (bold)."""

    key: str
    label: str
    color: str
    raw: np.ndarray  # (T,)
    smooth: np.ndarray  # (T,)


@dataclass(frozen=True)
class GalleryItem:
    key: str
    title: str
    tags: str  # e.g. "convex", "non-convex · saddle points"
    tooltip: str = ""


@dataclass(frozen=True)
class StatusLine:
    key: str
    label: str
    color: str
    text: str
    state: str = "ok"  # "ok" | "diverged" | "left-domain"


@dataclass(frozen=True)
class CriticalMark:
    """A critical point of the loss (∇f = 0) as the views mark it.

    ``kind`` is "minimum", "maximum", "saddle" or "degenerate". ``eigenvalues`` are the Hessian's,
    and ``eigenvectors[i]`` is the unit direction of ``eigenvalues[i]`` in parameter units: the
    surface curves up along it when the eigenvalue is positive, down when it is negative.
    """

    x: float
    y: float
    value: float
    kind: str
    eigenvalues: tuple[float, float]
    eigenvectors: tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class ArrowMark:
    """An arrow from (x, y) to (x + dx, y + dy) in parameter units, already scaled by the caller.

    ``style`` is "gradient" (solid: the descent direction −∇f) or "momentum" (dashed, hollow head:
    the velocity or first moment of a run).
    """

    key: str
    color: str
    x: float
    y: float
    dx: float
    dy: float
    style: str = "gradient"
