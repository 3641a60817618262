"""A top-down map of the loss: heights as viridis colours, iso-lines, a colour bar, the paths.

Same setters and signal as `SurfaceView` (critical points and arrows included), drawn with
pyqtgraph's 2D items. Colours and contour
levels follow the shared `HeightTransform`, so a log view gets log-spaced contours.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from widgets.common.contour_lines import contour_segments
from widgets.common.critical_marks import critical_tip_near
from widgets.common.height_transform import HeightTransform
from widgets.common.nice_ticks import format_tick, height_ticks
from widgets.common.palette import HEIGHT_COLORMAP, OUTLINE_COLOR
from widgets.common.view_data import ArrowMark, CriticalMark, RunPath, SurfaceGrid
from widgets.gl.arrow_items import ArrowPlotItems
from widgets.gl.box_clip import clip_to_box
from widgets.gl.critical_items import CriticalPlotItems
from widgets.gl.surface_mesh import SCENE_HALF, PlaneTransform
from widgets.views.plot_paths import RunPathPlotItems
from widgets.views.scene_flush import SceneFlusher

CONTOUR_LEVELS = 12
CONTOUR_PEN = (255, 255, 255, 90)
BACKGROUND = "#1c1f24"  # the 3D view's background
TEXT_COLOR = "#d8d8d8"
LABEL_STYLE = {"font-size": "13px", "color": TEXT_COLOR}  # replaces pyqtgraph's style: keep the colour
TICK_PX = 12
COLORBAR_AXIS_PX = 72


def _font(pixels: int) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    return font


class ContourView(QWidget):
    """Top-down contour map. Call `set_surface` before `set_runs`; `set_step` each frame.

    ``start_picked(x, y)`` is emitted on a left click (not a drag) inside the grid's domain, with
    the data coordinates under the cursor. Hovering a critical point shows what the surface does
    there.
    """

    start_picked = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plot_widget = pg.PlotWidget(self, background=BACKGROUND)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._plot_widget)
        self._plot: pg.PlotItem = self._plot_widget.getPlotItem()
        self._plot.hideButtons()
        self._plot.setAspectLocked(True, ratio=1.0)  # one unit of x as long as one unit of y
        self._plot.setContentsMargins(4, 12, 4, 4)  # room for the colour bar's end labels
        for name in ("left", "bottom"):
            self._plot.getAxis(name).setStyle(tickFont=_font(TICK_PX))

        colormap = pg.colormap.get(HEIGHT_COLORMAP)
        self._image = pg.ImageItem(axisOrder="row-major")
        self._image.setColorMap(colormap)
        self._image.setZValue(0)
        self._plot.addItem(self._image)
        self._contours = pg.PlotCurveItem(pen=pg.mkPen(CONTOUR_PEN, width=1), connect="pairs")
        self._contours.setZValue(10)
        self._plot.addItem(self._contours)
        self._colorbar = pg.ColorBarItem(
            values=(0.0, 1.0), colorMap=colormap, interactive=False, colorMapMenu=False, width=18
        )
        self._colorbar.setImageItem(self._image, insert_in=self._plot)
        self._colorbar.axis.setStyle(tickFont=_font(TICK_PX))
        self._colorbar.axis.setWidth(COLORBAR_AXIS_PX)  # wider than pyqtgraph's 45 px: "0.0001031" fits
        self._start_marker = pg.ScatterPlotItem(
            size=13, symbol="star", brush=pg.mkBrush("w"), pen=pg.mkPen(OUTLINE_COLOR, width=1.5)
        )
        self._start_marker.setZValue(40)
        self._start_marker.setVisible(False)
        self._plot.addItem(self._start_marker)
        self._paths: list[RunPathPlotItems] = []
        self._critical_items = CriticalPlotItems(self._plot)
        self._arrow_items = ArrowPlotItems(self._plot)

        self._grid: SurfaceGrid | None = None
        self._runs: list[RunPath] = []
        self._step = 0
        self._log = False
        self._heights = HeightTransform()
        self._image_rect = QRectF(0.0, 0.0, 1.0, 1.0)
        self._critical: list[CriticalMark] = []
        self._critical_visible = True
        self._plot.scene().sigMouseClicked.connect(self._on_scene_mouse_clicked)
        self._plot.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)
        self._plot.getViewBox().sigTransformChanged.connect(self._on_view_box_transform_changed)
        self._flusher = SceneFlusher(self._plot_widget)  # drawn in the window's pending repaint

    # ---- read-only access for tests and the exporter ----
    @property
    def plot_item(self) -> pg.PlotItem:
        return self._plot

    @property
    def image_item(self) -> pg.ImageItem:
        return self._image

    @property
    def contour_item(self) -> pg.PlotCurveItem:
        return self._contours

    @property
    def colorbar(self) -> pg.ColorBarItem:
        return self._colorbar

    @property
    def path_items(self) -> tuple[RunPathPlotItems, ...]:
        return tuple(self._paths)

    @property
    def start_marker_item(self) -> pg.ScatterPlotItem:
        return self._start_marker

    @property
    def height_transform(self) -> HeightTransform:
        return self._heights

    @property
    def critical_items(self) -> CriticalPlotItems:
        return self._critical_items

    @property
    def arrow_items(self) -> ArrowPlotItems:
        return self._arrow_items

    def critical_tip_at(self, x_px: float, y_px: float) -> str:
        """The hover text of the critical point drawn within reach of a scene pixel, or ""."""
        if not (self._critical_visible and self._critical):
            return ""
        xy = np.array([[m.x, m.y] for m in self._critical], dtype=np.float64)
        t = self._plot.getViewBox().childGroup.sceneTransform()  # data -> scene pixels (affine)
        px = t.m11() * xy[:, 0] + t.m21() * xy[:, 1] + t.dx()
        py = t.m12() * xy[:, 0] + t.m22() * xy[:, 1] + t.dy()
        return critical_tip_near(self._critical, np.column_stack([px, py]), x_px, y_px, self._grid)

    # ---- setters ----
    def set_surface(self, grid: SurfaceGrid) -> None:
        self._grid = grid
        self._plot.setLabel("bottom", grid.x_label, **LABEL_STYLE)
        self._plot.setLabel("left", grid.y_label, **LABEL_STYLE)
        self._colorbar.getAxis("left").setLabel(grid.z_label, **LABEL_STYLE)
        xs, ys = np.asarray(grid.xs, dtype=np.float64), np.asarray(grid.ys, dtype=np.float64)
        dx = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
        dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1)
        # Pixel centres sit on the grid points.
        self._image_rect = QRectF(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx, ys[-1] - ys[0] + dy)
        self._update_heights()
        self._plot.setRange(xRange=(xs[0], xs[-1]), yRange=(ys[0], ys[-1]), padding=0.02)
        self._update_critical()
        if self._runs:
            self.set_runs(self._runs)  # paths given earlier are cut at this domain

    def set_log_height(self, on: bool) -> None:
        if on == self._log:
            return
        self._log = on
        if self._grid is not None:
            self._update_heights()

    def set_equal_aspect(self, on: bool) -> None:
        self._plot.setAspectLocked(on, ratio=1.0)

    @property
    def plot_widget(self) -> pg.PlotWidget:
        """The pyqtgraph widget drawing the map (for grabbing it and mapping points to pixels)."""
        return self._plot_widget

    def set_runs(self, runs: Sequence[RunPath]) -> None:
        self._runs = list(runs)
        while len(self._paths) > len(self._runs):
            self._paths.pop().remove_from(self._plot)
        while len(self._paths) < len(self._runs):
            self._paths.append(RunPathPlotItems(self._plot))
        for path, run in zip(self._paths, self._runs, strict=True):
            xy, left = self._clip_to_domain(run.drawn_xy())  # the map keeps the domain's range
            path.set_path(xy, run.color, run.ended or left)
            path.set_step(self._step)

    def _clip_to_domain(self, xy: np.ndarray) -> tuple[np.ndarray, bool]:
        """The path up to where it leaves the surface's domain (its last point on the edge), as
        the 3D view cuts it at its box; and whether it left."""
        if self._grid is None or len(xy) == 0:
            return xy, False
        plane = PlaneTransform.fit(self._grid.xs, self._grid.ys)
        sx, sy = plane.to_scene(xy[:, 0], xy[:, 1])
        kept, left = clip_to_box(np.column_stack([sx, sy, np.zeros(len(xy))]))
        if not left:
            return xy, False
        unit = (kept[:, :2].astype(np.float64) / SCENE_HALF + 1.0) / 2.0  # back to the domain
        x = plane.x0 + unit[:, 0] * (plane.x1 - plane.x0)
        y = plane.y0 + unit[:, 1] * (plane.y1 - plane.y0)
        return np.column_stack([x, y]), True

    def set_step(self, step: int) -> None:
        """Move every play head; called each playback frame, so it only slices cached arrays."""
        self._step = step
        for path in self._paths:
            path.set_step(step)

    def set_critical_points(self, points: Sequence[CriticalMark]) -> None:
        self._critical = list(points)
        self._update_critical()

    def set_critical_points_visible(self, on: bool) -> None:
        self._critical_visible = on
        self._critical_items.set_visible(on)

    def set_arrows(self, arrows: Sequence[ArrowMark]) -> None:
        """Arrows at the play heads (an empty list hides them); called each frame, items are reused."""
        self._arrow_items.set_arrows(arrows)

    def set_start_marker(self, x: float, y: float) -> None:
        self._start_marker.setData(pos=np.array([[x, y]], dtype=np.float64))
        self._start_marker.setVisible(True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._flusher.attach()  # shown in a (new) window

    # ---- drawing ----
    def _update_heights(self) -> None:
        grid = self._grid
        assert grid is not None
        self._heights = HeightTransform.fit(grid.z, log=self._log, scale=1.0)
        unit = self._heights(grid.z)  # NaN where the grid has holes: transparent pixels
        self._image.setImage(unit, levels=(0.0, 1.0), autoLevels=False)
        self._image.setRect(self._image_rect)  # only valid once the image is set
        levels = np.linspace(0.0, 1.0, CONTOUR_LEVELS + 2)[1:-1]
        segments = contour_segments(grid.xs, grid.ys, unit, levels)
        self._contours.setData(segments[:, 0], segments[:, 1], connect="pairs")
        values = height_ticks(self._heights)  # round losses, as on the 3D view's bar
        ticks = np.clip(self._heights.unit(np.array(values, dtype=np.float64)), 1e-9, 1.0 - 1e-9)
        labels = [format_tick(v) for v in values]  # (exactly at the ends pyqtgraph may drop them)
        self._colorbar.axis.setTicks([list(zip(ticks.tolist(), labels, strict=True)), []])

    def _update_critical(self) -> None:
        if self._grid is None:
            return
        xs, ys = self._grid.xs, self._grid.ys
        width, height = float(np.ptp(xs)) or 1.0, float(np.ptp(ys)) or 1.0
        self._critical_items.set_marks(self._critical, width, height, self._critical_visible)

    # ---- user input ----
    def _on_scene_mouse_clicked(self, event: MouseClickEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._grid is None:
            return
        view_box = self._plot.getViewBox()
        scene_pos = event.scenePos()
        if not view_box.sceneBoundingRect().contains(scene_pos):
            return
        point = view_box.mapSceneToView(scene_pos)
        x, y = point.x(), point.y()
        xs, ys = self._grid.xs, self._grid.ys
        if min(xs[0], xs[-1]) <= x <= max(xs[0], xs[-1]) and min(ys[0], ys[-1]) <= y <= max(ys[0], ys[-1]):
            self.start_picked.emit(x, y)

    def _on_scene_mouse_moved(self, scene_pos: QPointF) -> None:
        text = self.critical_tip_at(scene_pos.x(), scene_pos.y())
        if text:
            viewport = self._plot_widget.viewport()
            QToolTip.showText(viewport.mapToGlobal(self._plot_widget.mapFromScene(scene_pos)), text, viewport)
        else:
            QToolTip.hideText()

    def _on_view_box_transform_changed(self, _view_box: object) -> None:
        self._arrow_items.aim()
