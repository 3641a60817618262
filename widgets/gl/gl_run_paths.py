"""Every run's path in the 3D view, drawn with five shared GL items whatever the number of runs.

Points are in scene coordinates (see `widgets.gl.surface_mesh`); nothing here but drawing positions.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph.opengl as gl
from pyqtgraph.opengl.GLGraphicsItem import GLGraphicsItem
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from widgets.common.palette import OUTLINE_COLOR
from widgets.gl.gl_batch_items import GLLineStripsItem, GLTextBatchItem, GLTextLabel
from widgets.gl.gl_style import (
    DEPTH_MARKER,
    DEPTH_PATH,
    DEPTH_THROUGH,
    MARKER_GL_OPTIONS,
    OUTLINE_GL_OPTIONS,
    OVERLAY_GL_OPTIONS,
    THROUGH_GL_OPTIONS,
    pixel_font,
    rgba,
)
from widgets.gl.sphere_sprites import GLSphereSpritesItem

CROSS_GLYPH = "✕"


class RunPathPart:
    """One run's share of a merged path item, reporting what that run's own item used to hold."""

    def __init__(self, run: RunPathGLItems, kind: str) -> None:
        self._run = run
        self._kind = kind

    @property
    def pos(self) -> np.ndarray:
        """Points drawn for this run: (k+1, 3) for the lines, (1, 3) for the heads, (3,) for the ✕."""
        return self._run.part_pos(self._kind)

    def visible(self) -> bool:
        return self._run.part_visible(self._kind)

    def view(self) -> gl.GLViewWidget | None:
        """The GL view while the run is drawn; None once its run was removed."""
        return self._run.view()


class RunPathGLItems:
    """One run in 3D as drawn by `RunPathsGLItems`: a wide dark outline, the coloured path, a
    play-head dot and an end ✕, each a `RunPathPart` of the items shared by all runs."""

    KINDS = ("outline", "line", "head_outline", "head", "cross_outline", "cross")

    def __init__(self, group: RunPathsGLItems) -> None:
        self._group: RunPathsGLItems | None = group
        self._points = np.zeros((1, 3), dtype=np.float32)
        self._color = ""
        self._ended = False
        self._k = 0
        self._shown = False
        parts = {kind: RunPathPart(self, kind) for kind in self.KINDS}
        self.outline, self.line = parts["outline"], parts["line"]
        self.head_outline, self.head = parts["head_outline"], parts["head"]
        self.cross_outline, self.cross = parts["cross_outline"], parts["cross"]
        self._items = tuple(parts.values())

    @property
    def items(self) -> tuple[RunPathPart, ...]:
        return self._items

    @property
    def points(self) -> np.ndarray:
        """All display points of the run (L, 3), before slicing to the play head."""
        return self._points

    def view(self) -> gl.GLViewWidget | None:
        return self._group.view if self._group is not None else None

    def part_pos(self, kind: str) -> np.ndarray:
        if kind in ("outline", "line"):
            return self._points[: self._k + 1]
        if kind in ("head_outline", "head"):
            return self._points[self._k : self._k + 1]
        return np.array(self._points[-1], dtype=np.float64)

    def part_visible(self, kind: str) -> bool:
        if self._group is None or not self._shown:
            return False
        if kind in ("cross_outline", "cross"):
            return self.cross_shown
        return True

    @property
    def cross_shown(self) -> bool:
        return self._ended and self._k == len(self._points) - 1


class RunPathsGLItems:
    """Every run's path in 3D with six GL items whatever the number of runs.

    All outlines are one `GLLineStripsItem`, all coloured paths another (per-vertex colours), the
    play heads two scatter items (dark rims, then coloured dots) and the end ✕s one text batch
    (dark glyphs, then coloured ones): the order the per-run items were drawn in. A thin copy of
    the paths drawn through the surface goes first, so no path ever hides behind a hill. Points are
    uploaded by `set_paths` only; `set_step` changes the drawn ranges and the 2 × N head points,
    and does nothing when no play head moves.
    """

    def __init__(self, view: gl.GLViewWidget) -> None:
        self.view = view
        outline = rgba(OUTLINE_COLOR)
        self.outline = GLLineStripsItem(glOptions=OUTLINE_GL_OPTIONS, width=7.0, color=outline)
        self.line = GLLineStripsItem(glOptions=OVERLAY_GL_OPTIONS, width=3.5, antialias=True)
        self.head_outline = gl.GLScatterPlotItem(glOptions=MARKER_GL_OPTIONS, size=17.0, color=outline)
        self.head = GLSphereSpritesItem(glOptions=MARKER_GL_OPTIONS, size=11.0)  # lit, glossy balls
        # The end ✕ is a screen-aligned glyph (legible from any camera angle): a dark, larger one
        # behind the coloured one makes the outline.
        self.crosses = GLTextBatchItem()
        self._items = (self.outline, self.line, self.head_outline, self.head, self.crosses)
        for depth, item in enumerate(self._items):
            item.setDepthValue((DEPTH_PATH if depth < 2 else DEPTH_MARKER) + depth)
            item.setVisible(False)
            view.addItem(item)
        # Under them all, a thin copy of every path drawn through the surface: a path behind a hill
        # still shows from any camera angle.
        self.through = GLLineStripsItem(glOptions=THROUGH_GL_OPTIONS, width=2.0)
        self.through.setDepthValue(DEPTH_THROUGH)
        self.through.setVisible(False)
        view.addItem(self.through)
        self._runs: list[RunPathGLItems] = []
        self._cross_outlines: list[GLTextLabel] = []
        self._crosses: list[GLTextLabel] = []
        self._all = np.zeros((0, 3), dtype=np.float32)
        self._firsts = np.zeros(0, dtype=np.int64)
        self._lasts = np.zeros(0, dtype=np.int64)
        self._ks: np.ndarray | None = None  # play-head index per run as drawn; None: redraw

    @property
    def items(self) -> tuple[GLGraphicsItem, ...]:
        return self._items

    @property
    def runs(self) -> tuple[RunPathGLItems, ...]:
        return tuple(self._runs)

    def set_count(self, n: int) -> None:
        """Keep one `RunPathGLItems` per run (reused); surplus ones report no view."""
        while len(self._runs) > n:
            self._runs.pop()._group = None
        while len(self._runs) < n:
            self._runs.append(RunPathGLItems(self))
        center = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
        while len(self._crosses) < n:  # labels are only ever added: extra ones stay hidden
            dark = QColor(OUTLINE_COLOR)
            self._cross_outlines.append(
                GLTextLabel(
                    self.crosses,
                    text=CROSS_GLYPH,
                    color=dark,
                    font=pixel_font(34, bold=True),
                    alignment=center,
                )
            )
            self._crosses.append(
                GLTextLabel(self.crosses, text=CROSS_GLYPH, font=pixel_font(24, bold=True), alignment=center)
            )
        self.crosses.labels = [*self._cross_outlines, *self._crosses]  # all dark glyphs first
        for label in self.crosses.labels:
            label.setVisible(False)
        if not self._runs:
            for item in (*self._items, self.through):
                item.setVisible(False)
        self._ks = None

    def set_paths(self, paths: Sequence[tuple[np.ndarray, str, bool]]) -> None:
        """Cache every run's display points (L >= 1, 3), colour and ended flag; `set_step` shows them."""
        assert len(paths) == len(self._runs)
        for run, (points, color, ended) in zip(self._runs, paths, strict=True):
            run._points = np.ascontiguousarray(points, dtype=np.float32).reshape(-1, 3)
            run._color, run._ended = color, ended
        lengths = np.array([len(run._points) for run in self._runs], dtype=np.int64)
        self._firsts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        self._lasts = lengths - 1
        if self._runs:
            self._all = np.concatenate([run._points for run in self._runs])
            colors = np.repeat(np.array([rgba(run._color) for run in self._runs], np.float32), lengths, 0)
            self.outline.setData(pos=self._all)
            self.line.setData(pos=self._all, color=colors)
            self.through.setData(pos=self._all, color=colors)
            self.head.setData(color=np.array([rgba(run._color) for run in self._runs], np.float32))
        for run, outline, cross in zip(self._runs, self._cross_outlines, self._crosses, strict=False):
            end = run._points[-1].astype(np.float64)
            outline.setData(pos=end)
            cross.setData(pos=end, color=QColor(run._color))
        self._ks = None

    def set_step(self, step: int) -> None:
        """Show every path up to ``min(step, L - 1)``: ranges and head points only."""
        if not self._runs:
            return
        ks = np.minimum(max(step, 0), self._lasts)
        if self._ks is not None and np.array_equal(ks, self._ks):
            return
        self._ks = ks
        counts = ks + 1
        self.outline.set_ranges(self._firsts, counts)
        self.line.set_ranges(self._firsts, counts)
        self.through.set_ranges(self._firsts, counts)
        heads = self._all[self._firsts + ks]
        self.head_outline.setData(pos=heads)
        self.head.setData(pos=heads)
        any_cross = False
        for run, k, outline, cross in zip(self._runs, ks, self._cross_outlines, self._crosses, strict=False):
            run._k, run._shown = int(k), True
            shown = run.cross_shown
            outline.setVisible(shown)
            cross.setVisible(shown)
            any_cross |= shown
        for item in (*self._items[:4], self.through):
            item.setVisible(True)
        self.crosses.setVisible(any_cross)
