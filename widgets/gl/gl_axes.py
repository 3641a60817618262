"""The 3D view's axes: a floor grid, wall lines at the height ticks, tick values and axis names.

The texts are laid out on screen after each camera move (`AxesGLItems.face`) with the geometry of
`widgets.gl.axis_label_layout`, so none is drawn over the surface or over another.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

import numpy as np
import pyqtgraph.opengl as gl
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFontMetrics

from widgets.common.height_transform import HeightTransform
from widgets.common.nice_ticks import format_tick, height_ticks, nice_ticks
from widgets.gl.axis_label_layout import (
    clear_of_hull,
    hull_2d,
    hull_vertices,
    inside,
    outward_normal,
    overlaps,
    push_out,
)
from widgets.gl.gl_batch_items import GLTextBatchItem, GLTextLabel
from widgets.gl.gl_style import DEPTH_AXES, DEPTH_MARKER, pixel_font
from widgets.gl.surface_mesh import SCENE_HALF, SCENE_HEIGHT, PlaneTransform
from widgets.views.layered_gl_view import StaticGLLinePlotItem

FLOOR_Z = -0.04 * SCENE_HEIGHT
AXIS_TICKS = 5
MAX_TICKS = 12  # label slots per axis (nice_ticks gives at most 2 * AXIS_TICKS + 1)
TEXT_PX = 13
TICK_PX = 12
TEXT_COLOR = QColor(225, 225, 225)
GRID_COLOR = (1.0, 1.0, 1.0, 0.22)
LABEL_GAP_PX = 4.0  # texts keep this far from the surface on screen
TEXT_GAP_PX = 2.0  # and this far from each other
MIN_TICK_GAP_PX = 13.0  # height tick values closer than this on screen are hidden (a view from above)


class PlacedLabel(GLTextLabel):
    """A `GLTextLabel` whose text box can be put at an exact pixel rectangle (`place`)."""

    def __init__(self, batch: GLTextBatchItem, **kwds: Any) -> None:
        self._placed: tuple[float, float] | None = None
        super().__init__(batch, **kwds)

    def box(self) -> QRect:
        """The text's tight bounding box, relative to its baseline start."""
        return QFontMetrics(self.font).tightBoundingRect(self.text)

    def place(self, anchor: np.ndarray, rect: np.ndarray) -> None:
        """Draw the text's tight box at ``rect`` (left, top, right, bottom), ``anchor``: `pos` in pixels."""
        box = self.box()
        self._placed = (float(rect[0] - anchor[0] - box.left()), float(rect[1] - anchor[1] - box.top()))

    def offset(self) -> tuple[float, float]:
        return super().offset() if self._placed is None else self._placed


class AxesGLItems:
    """A light floor grid, wall lines at the height ticks, a height axis, labels and tick values.

    Ticks sit at round values (`widgets.common.nice_ticks`). Every text is laid out on screen
    after each camera move (`face`): the x and y values go along the floor edge (of the two on
    each axis) that needs the least push to get them outside the projected surface and floor,
    pushed out along the edge's screen normal; the height values are a column left of them.
    A text that still falls on the surface, off the view or on another text is hidden.
    """

    def __init__(self, view: gl.GLViewWidget) -> None:
        self._view = view
        self.lines = StaticGLLinePlotItem(glOptions="translucent", mode="lines", color=GRID_COLOR, width=1.0)
        self.lines.setDepthValue(DEPTH_AXES)
        self.lines.setVisible(False)
        view.addItem(self.lines)
        self.text = GLTextBatchItem()  # every tick value and label in one QPainter pass
        self.text.setDepthValue(DEPTH_MARKER + 20)
        view.addItem(self.text)
        self.x_ticks = [self._text(TICK_PX) for _ in range(MAX_TICKS)]
        self.y_ticks = [self._text(TICK_PX) for _ in range(MAX_TICKS)]
        self.z_ticks = [self._text(TICK_PX) for _ in range(MAX_TICKS)]
        self.x_label = self._text(TEXT_PX)
        self.y_label = self._text(TEXT_PX)
        self.z_label = self._text(TEXT_PX)
        self._x_at = np.zeros(0)  # scene positions of the ticks shown
        self._y_at = np.zeros(0)
        self._z_at = np.zeros(0)
        self._outline = floor_corners()  # scene points whose projected hull holds the drawn surface
        self._project: Callable[[np.ndarray], np.ndarray] | None = None

    def _text(self, pixels: int) -> PlacedLabel:
        label = PlacedLabel(self.text, color=TEXT_COLOR, font=pixel_font(pixels))
        self.text.labels.append(label)
        return label

    @property
    def shown_x_ticks(self) -> list[GLTextLabel]:
        return [item for item in self.x_ticks if item.visible()]

    @property
    def shown_y_ticks(self) -> list[GLTextLabel]:
        return [item for item in self.y_ticks if item.visible()]

    @property
    def shown_z_ticks(self) -> list[GLTextLabel]:
        return [item for item in self.z_ticks if item.visible()]

    def update(
        self,
        plane: PlaneTransform,
        heights: HeightTransform,
        labels: tuple[str, str, str],
        surface: np.ndarray | None = None,
    ) -> None:
        """Place lines and labels for a domain, a height transform and (x, y, z) axis labels;
        ``surface`` (N, 3): the drawn surface's scene points, which the texts keep off."""
        h = SCENE_HALF
        x_values = nice_ticks(plane.x0, plane.x1, AXIS_TICKS)
        y_values = nice_ticks(plane.y0, plane.y1, AXIS_TICKS)
        z_values = height_ticks(heights)
        self._x_at = np.asarray(plane.to_scene(np.array(x_values), np.zeros(len(x_values)))[0])
        self._y_at = np.asarray(plane.to_scene(np.zeros(len(y_values)), np.array(y_values))[1])
        self._z_at = heights(np.array(z_values, dtype=np.float64))
        points = floor_corners() if surface is None else np.vstack([floor_corners(), surface])
        self._outline = hull_vertices(points[np.isfinite(points).all(axis=1)])
        segments: list[list[float]] = []
        for t in self._x_at:  # floor grid at the round values
            segments += [[t, -h, FLOOR_Z], [t, h, FLOOR_Z]]
        for t in self._y_at:
            segments += [[-h, t, FLOOR_Z], [h, t, FLOOR_Z]]
        segments += [[-h, -h, FLOOR_Z], [h, -h, FLOOR_Z], [-h, h, FLOOR_Z], [h, h, FLOOR_Z]]
        segments += [[-h, -h, FLOOR_Z], [-h, h, FLOOR_Z], [h, -h, FLOOR_Z], [h, h, FLOOR_Z]]
        for z in self._z_at:  # back walls (x = -h and y = +h) at each height tick
            segments += [[-h, -h, z], [-h, h, z], [-h, h, z], [h, h, z]]
        self.lines.setData(pos=np.array(segments, dtype=np.float32))
        self.lines.setVisible(True)
        for items, values in ((self.x_ticks, x_values), (self.y_ticks, y_values), (self.z_ticks, z_values)):
            for k, item in enumerate(items):
                item.setData(text=format_tick(values[k]) if k < len(values) else "")
        x_text, y_text, z_text = labels
        self.x_label.setData(text=x_text)
        self.y_label.setData(text=y_text)
        self.z_label.setData(text=z_text)
        self._place()

    def face(self, azimuth: float, project: Callable[[np.ndarray], np.ndarray] | None = None) -> None:
        """Lay the texts out again for the camera as it is now; ``project`` maps scene points
        to view pixels (without it every text stays where it was). ``azimuth`` is not needed
        any more: the layout is decided from the projection alone."""
        self._project = project
        self._place()

    def _place(self) -> None:
        if self._project is None or self._view.width() <= 0 or self._view.height() <= 0:
            return
        hull = hull_2d(self._project(self._outline))
        center = hull.mean(axis=0)
        candidates: list[tuple[PlacedLabel, np.ndarray]] = []  # in the order they are kept
        names: list[tuple[PlacedLabel, np.ndarray]] = []
        for ticks, at, name, along_x in (
            (self.x_ticks, self._x_at, self.x_label, True),
            (self.y_ticks, self._y_at, self.y_label, False),
        ):
            row = min(
                (self._row(ticks[: len(at)], at, along_x, side, hull, center) for side in (-1.0, 1.0)),
                key=itemgetter(0),
            )
            _, rects, normal, middle, points, anchors = row
            for item, point, anchor, rect in zip(ticks, points, anchors, rects, strict=False):
                item.setData(pos=point)
                item.place(anchor, rect)
            candidates += list(zip(ticks[: len(at)], rects, strict=True))
            obstacle = hull_2d(np.vstack([hull, corners_of(rects)]))
            names.append((name, self._put(name, middle, normal, obstacle)))
        column = self._column(hull)
        kept = self._keep(candidates + names + column, hull)
        for item in self.text.labels:
            item.setVisible(any(item is label for label, _ in kept))
        self.text.update()

    def _row(
        self,
        items: list[PlacedLabel],
        at: np.ndarray,
        along_x: bool,
        side: float,
        hull: np.ndarray,
        center: np.ndarray,
    ) -> tuple[float, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Tick values along the floor edge at ``side`` (y = side * h for x's ticks), pushed out
        of ``hull`` together: (cost, their rectangles, the edge's outward normal, its middle point, the
        ticks' scene points and pixels)."""
        assert self._project is not None
        h, k = SCENE_HALF, len(at)
        points = np.c_[at, np.full(k, side * h), np.full(k, FLOOR_Z)]
        ends = np.array([[-h, side * h, FLOOR_Z], [0.0, side * h, FLOOR_Z], [h, side * h, FLOOR_Z]])
        if not along_x:
            points, ends = points[:, [1, 0, 2]], ends[:, [1, 0, 2]]
        a, _, b = self._project(ends)
        middle = ends[1]
        normal = outward_normal(a, b, center)
        anchors = self._project(points) if k else np.zeros((0, 2))
        rects = centred(anchors, sizes(items))
        t = push_out(rects, normal, hull, LABEL_GAP_PX)
        finite = t[np.isfinite(t)]
        rects = rects + (float(finite.max()) if len(finite) else 0.0) * np.r_[normal, normal]
        lost = (
            k
            - int(inside(rects, self._view.width(), self._view.height()).sum())
            + int((~np.isfinite(t)).sum())
        )
        lost += sum(overlaps(rects[j], rects[j + 1 : j + 2], TEXT_GAP_PX) for j in range(k - 1))
        return (
            1000.0 * lost + (float(finite.max()) if len(finite) else 0.0),
            rects,
            normal,
            middle,
            points,
            anchors,
        )

    def _put(
        self, item: PlacedLabel, point: np.ndarray, normal: np.ndarray, obstacle: np.ndarray
    ) -> np.ndarray:
        """Centre ``item`` on the scene ``point``, then push it along ``normal`` clear of ``obstacle``."""
        assert self._project is not None
        item.setData(pos=point)
        anchor = self._project(point[None])[0]
        rect = centred(anchor[None], sizes([item]))[0]
        t = float(push_out(rect[None], normal, obstacle, LABEL_GAP_PX)[0])
        rect = rect + (t if np.isfinite(t) else 0.0) * np.r_[normal, normal]
        item.place(anchor, rect)
        return rect

    def _column(self, hull: np.ndarray) -> list[tuple[PlacedLabel, np.ndarray]]:
        """The height values right-aligned in a column left of the surface, the height label
        above them (nothing when seen from so high that the values would pile up)."""
        assert self._project is not None
        items = self.z_ticks[: len(self._z_at)]
        if not items:
            return []
        cx, cy = self._left_corner()
        pad = 0.1 * SCENE_HALF
        points = np.c_[
            np.full(len(items), cx + np.sign(cx) * pad),
            np.full(len(items), cy + np.sign(cy) * pad),
            self._z_at,
        ]
        anchors = self._project(points)
        if len(items) > 1 and float(np.abs(np.diff(anchors[:, 1])).min()) < MIN_TICK_GAP_PX:
            return []  # seen from (nearly) straight above the height axis shrinks
        size = sizes(items)
        rects = np.c_[anchors[:, 0] - LABEL_GAP_PX - size[:, 0], anchors[:, 1] - size[:, 1] / 2.0]
        rects = np.c_[rects, rects + size]
        t = push_out(rects, np.array([-1.0, 0.0]), hull, LABEL_GAP_PX)
        finite = t[np.isfinite(t)]
        shift = min(float(finite.max()) if len(finite) else 0.0, float(rects[:, 0].min()) - LABEL_GAP_PX)
        rects[:, [0, 2]] -= max(shift, 0.0)
        for item, point, anchor, rect in zip(items, points, anchors, rects, strict=True):
            item.setData(pos=point)
            item.place(anchor, rect)
        top = np.array([cx, cy, SCENE_HEIGHT])
        self.z_label.setData(pos=top)
        anchor = self._project(top[None])[0]
        w, h = sizes([self.z_label])[0]
        bottom = min(float(rects[:, 1].min()), float(anchor[1])) - LABEL_GAP_PX
        right = float(rects[:, 2].max())
        name = np.array([right - w, bottom - h, right, bottom])
        self.z_label.place(anchor, name)
        return [*zip(items, rects, strict=True), (self.z_label, name)]

    def _keep(
        self, candidates: list[tuple[PlacedLabel, np.ndarray]], hull: np.ndarray
    ) -> list[tuple[PlacedLabel, np.ndarray]]:
        """The texts, in order, that are whole in the view, off the surface and off the texts kept before."""
        width, height = self._view.width(), self._view.height()
        kept: list[tuple[PlacedLabel, np.ndarray]] = []
        for label, rect in candidates:
            whole = bool(inside(rect[None], width, height)[0]) and bool(clear_of_hull(rect[None], hull)[0])
            if whole and not overlaps(rect, np.array([r for _, r in kept]).reshape(-1, 4), TEXT_GAP_PX):
                kept.append((label, rect))
        return kept

    def _left_corner(self) -> tuple[float, float]:
        """The box's vertical edge left-most on screen (floor corner (x, y))."""
        assert self._project is not None
        corners = floor_corners()[:, :2]
        points = np.c_[np.repeat(corners, 2, axis=0), np.tile([FLOOR_Z, SCENE_HEIGHT], 4)]
        at = self._project(points)[:, 0].reshape(4, 2).max(axis=1)
        x, y = corners[int(np.argmin(at))]
        return float(x), float(y)


def floor_corners() -> np.ndarray:
    h = SCENE_HALF
    return np.array([[x, y, FLOOR_Z] for x in (-h, h) for y in (-h, h)])


def sizes(items: Sequence[PlacedLabel]) -> np.ndarray:
    """Each text's tight box (width, height) in pixels (N, 2)."""
    return np.array([[item.box().width(), item.box().height()] for item in items], dtype=np.float64).reshape(
        -1, 2
    )


def centred(anchors: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Rectangles (N, 4) of these sizes centred on the anchors."""
    return np.c_[anchors - size / 2.0, anchors + size / 2.0]


def corners_of(rects: np.ndarray) -> np.ndarray:
    """The four corners (4N, 2) of rectangles (N, 4)."""
    r = np.asarray(rects).reshape(-1, 4)
    return np.vstack([r[:, [0, 1]], r[:, [2, 1]], r[:, [0, 3]], r[:, [2, 3]]])
