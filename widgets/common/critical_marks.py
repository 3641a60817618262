"""What both views share about critical points: mark styles, eigen-direction segments, hover text.

No widgets here: the geometry is numpy and the text goes through ``QCoreApplication.translate``
(these are free functions, so there is no ``self.tr``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication

from widgets.common.view_data import CriticalMark, SurfaceGrid
from widgets.views.height_legend import format_loss

KINDS = ("minimum", "maximum", "saddle", "degenerate")
HOVER_RADIUS_PX = 8.0
EIGEN_FRACTION = 0.07  # each eigen-direction segment spans this fraction of the domain's side
FLAT_TOLERANCE = 1e-8  # |λ| <= this x max(1, max |λ|) counts as flat (as algorithms.critical does)

# Curvature sign -> segment colour: up (λ > 0) warm, down (λ < 0) cool, flat grey.
EIGEN_COLORS: dict[int, str] = {1: "#ffab40", -1: "#40c4ff", 0: "#bdbdbd"}


@dataclass(frozen=True)
class MarkStyle:
    """One kind's mark: a pyqtgraph symbol name, a fill (None = hollow) and an outline colour."""

    symbol: str
    fill: str | None
    outline: str
    outline_width: float


# Shapes differ, not only colours: "t" points down (a valley floor), "t1" up (a peak).
MARK_STYLES: dict[str, MarkStyle] = {
    "minimum": MarkStyle("t", "#2ee66b", "#111111", 1.5),
    "maximum": MarkStyle("t1", "#ff5a36", "#111111", 1.5),
    "saddle": MarkStyle("d", "#e040fb", "#111111", 1.5),
    "degenerate": MarkStyle("s", None, "#eeeeee", 2.5),
}
MARK_SIZE_PX = 15.0


def _number(value: float, digits: int) -> str:
    """``value`` to ``digits`` significant digits, with a real minus sign and no "-0"."""
    text = f"{value + 0.0:.{digits}g}"
    return "0" if text in ("-0", "0") else text.replace("-", "−")


def _vector(v: tuple[float, float]) -> str:
    return f"({_number(round(v[0], 2) + 0.0, 2)}, {_number(round(v[1], 2) + 0.0, 2)})"


def curvature_signs(eigenvalues: Sequence[float]) -> tuple[int, ...]:
    """+1 (curves up), -1 (curves down) or 0 (flat) per eigenvalue."""
    values = np.asarray(eigenvalues, dtype=np.float64)
    scale = max(1.0, float(np.max(np.abs(values)))) if values.size else 1.0
    return tuple(0 if abs(v) <= FLAT_TOLERANCE * scale else (1 if v > 0 else -1) for v in values)


def critical_tooltip(mark: CriticalMark, value_label: str = "loss") -> str:
    """E.g. "saddle at (0, 0): eigenvalues −2, 2 — curves up along (1, 0), down along (0, 1)".

    A second line gives the loss there.
    """
    kinds = {
        "minimum": QCoreApplication.translate("CriticalMarks", "minimum"),
        "maximum": QCoreApplication.translate("CriticalMarks", "maximum"),
        "saddle": QCoreApplication.translate("CriticalMarks", "saddle"),
        "degenerate": QCoreApplication.translate("CriticalMarks", "degenerate point"),
    }
    words = {
        1: QCoreApplication.translate("CriticalMarks", "up along {0}"),
        -1: QCoreApplication.translate("CriticalMarks", "down along {0}"),
        0: QCoreApplication.translate("CriticalMarks", "flat along {0}"),
    }
    signs = curvature_signs(mark.eigenvalues)
    parts = []
    for sign in (1, -1, 0):
        vectors = [_vector(v) for v, s in zip(mark.eigenvectors, signs, strict=True) if s == sign]
        if vectors:
            joined = (
                vectors[0]
                if len(vectors) == 1
                else QCoreApplication.translate("CriticalMarks", "{0} and {1}").format(*vectors)
            )
            parts.append(words[sign].format(joined))
    head = QCoreApplication.translate(
        "CriticalMarks", "{kind} at ({x}, {y}): eigenvalues {l1}, {l2} — curves {curves}"
    ).format(
        kind=kinds.get(mark.kind, mark.kind),
        x=_number(mark.x, 3),
        y=_number(mark.y, 3),
        l1=_number(mark.eigenvalues[0], 3),
        l2=_number(mark.eigenvalues[1], 3),
        curves=", ".join(parts),
    )
    return f"{head}\n{value_label} = {format_loss(mark.value)}"


def nearest_within(pixels: np.ndarray, x: float, y: float, radius: float = HOVER_RADIUS_PX) -> int | None:
    """Index of the row of ``pixels`` (N, 2) nearest to (x, y) if within ``radius``, else None.

    Non-finite rows (points behind the camera) never match.
    """
    pts = np.asarray(pixels, dtype=np.float64).reshape(-1, 2)
    if not len(pts):
        return None
    distance = np.hypot(pts[:, 0] - x, pts[:, 1] - y)
    distance[~np.isfinite(distance)] = np.inf
    best = int(np.argmin(distance))
    return best if distance[best] <= radius else None


def critical_tip_near(
    marks: Sequence[CriticalMark], pixels: np.ndarray, x: float, y: float, grid: SurfaceGrid | None
) -> str:
    """The hover text of the mark drawn (at ``pixels``) within reach of pixel (x, y), or ""."""
    index = nearest_within(pixels, x, y)
    label = grid.z_label if grid is not None else "loss"
    return "" if index is None else critical_tooltip(marks[index], label)


def eigen_segments(
    marks: Sequence[CriticalMark], width: float, height: float, fraction: float = EIGEN_FRACTION
) -> tuple[np.ndarray, np.ndarray]:
    """Segments through each mark along its two eigenvectors: (4N, 2) end points and (2N,) signs.

    End points are in parameter units and pair up (rows 2k, 2k+1). Lengths are measured in units
    of the domain's sides (``width`` x ``height``), so every segment spans ``fraction`` of a
    square-looking plot whatever the units; directions are the true ones in parameter space.
    """
    if not marks:
        return np.zeros((0, 2)), np.zeros(0, dtype=np.int8)
    size = np.array([width, height], dtype=np.float64)
    centres = np.array([[m.x, m.y] for m in marks], dtype=np.float64).repeat(2, axis=0)
    vectors = np.array([v for m in marks for v in m.eigenvectors], dtype=np.float64) / size
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    units = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    half = 0.5 * fraction * units * size
    ends = np.stack([centres - half, centres + half], axis=1).reshape(-1, 2)
    signs = np.array([s for m in marks for s in curvature_signs(m.eigenvalues)], dtype=np.int8)
    return ends, signs
