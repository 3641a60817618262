"""The rotatable 3D loss surface with the optimizers' paths, a colour legend and a step counter.

The view only draws: it is given a `SurfaceGrid`, `RunPath`s, `CriticalMark`s and `ArrowMark`s
through setters and reports a click on the surface (`start_picked`) and its overlay buttons
(`log_height_toggled`; the reset button resets the camera itself). Geometry lives in scene
coordinates (the domain maps to [-1, 1]², heights to [0, SCENE_HEIGHT]; see `widgets.gl.surface_mesh`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
import pyqtgraph.opengl as gl
from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QColor, QImage, QPalette, QResizeEvent, QShowEvent, QVector3D
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolTip, QWidget

from widgets.common.critical_marks import critical_tip_near
from widgets.common.height_transform import HeightTransform
from widgets.common.nice_ticks import format_tick, height_ticks
from widgets.common.palette import OUTLINE_COLOR
from widgets.common.view_data import ArrowMark, CriticalMark, RunPath, SurfaceGrid
from widgets.gl.arrow_items import ArrowGLItems
from widgets.gl.box_clip import clip_to_box
from widgets.gl.critical_items import CriticalGLItems
from widgets.gl.gl_items import (
    DEPTH_MARKER,
    MARKER_GL_OPTIONS,
    AxesGLItems,
    DrapedSurface,
    RunPathGLItems,
    RunPathsGLItems,
)
from widgets.gl.surface_mesh import SCENE_HEIGHT, PlaneTransform, sample_heights
from widgets.gl.surface_mesh_items import SurfaceMeshGLItems
from widgets.views.height_legend import HeightLegendWidget
from widgets.views.hover_gl_view import HoverGLViewWidget
from widgets.views.ray_pick import pick_height_field
from widgets.views.view_overlays import RunLegendWidget, SceneButtonsWidget

BACKGROUND = "#1c1f24"
LEGEND_TEXT = "#e1e1e1"
PATH_LIFT = 0.02 * SCENE_HEIGHT  # paths float this far above the surface
ARROW_LIFT = 1.5 * PATH_LIFT  # arrows start under the play head, over the path
OVERLAY_MARGIN = 8
CAMERA_DISTANCE = 3.9  # the box with room around it for the tick values (never clipped)
START_MARKER_SIZES = (19.0, 14.0, 6.0)  # px: dark rim, white ring, dark centre
STEP_LABEL_STYLE = (
    "color: #f0f0f0; background: rgba(0, 0, 0, 150); padding: 3px 8px; border-radius: 4px; font-size: 13px;"
)


class SurfaceView(QWidget):
    """3D surface coloured by height (viridis, baked Lambert shading), paths, legends, step text.

    Call order: `set_surface` first (paths, marks and arrows are placed on it; given earlier
    they are kept and drawn once a surface exists), then `set_runs`, then `set_step` (and
    `set_arrows`) per frame. Hovering a critical point shows what the surface does there.
    """

    start_picked = Signal(float, float)
    log_height_toggled = Signal(bool)  # the overlay "log" button was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gl = HoverGLViewWidget(self)
        self._gl.setBackgroundColor(BACKGROUND)
        self._gl.setMinimumSize(200, 150)
        self._legend = HeightLegendWidget(self)
        palette = self._legend.palette()  # the legend continues the dark scene
        palette.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(LEGEND_TEXT))
        self._legend.setPalette(palette)
        self._legend.setAutoFillBackground(True)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(self._gl, 1)
        self._layout.addWidget(self._legend)

        # A sibling over the GL widget, not its child: a child widget stops GLTextItem's QPainter
        # text from showing in the GL widget.
        self._step_label = QLabel(self)
        self._step_label.setStyleSheet(STEP_LABEL_STYLE)
        self._step_label.move(8, 8)
        self._step_label.hide()
        self._step_label.raise_()
        self._run_legend = RunLegendWidget(self)
        self._buttons = SceneButtonsWidget(self)
        self._buttons.raise_()

        self._axes = AxesGLItems(self._gl)
        self._mesh = SurfaceMeshGLItems(self._gl)
        # A bull's-eye, unlike the plain dots of the play heads: three dots drawn in order (dark,
        # white, dark) by one item.
        outline = pg.mkColor(OUTLINE_COLOR).getRgbF()
        self._start_item = gl.GLScatterPlotItem(
            glOptions=MARKER_GL_OPTIONS,
            size=np.array(START_MARKER_SIZES, dtype=np.float32),
            color=np.array([outline, (1.0, 1.0, 1.0, 1.0), outline], dtype=np.float32),
        )
        self._start_item.setDepthValue(DEPTH_MARKER + 10)
        self._start_item.setVisible(False)
        self._gl.addItem(self._start_item)
        self._paths = RunPathsGLItems(self._gl)
        self._critical_items = CriticalGLItems(self._gl)
        self._arrow_items = ArrowGLItems(self._gl)

        self._grid: SurfaceGrid | None = None
        self._runs: list[RunPath] = []
        self._step = 0
        self._log = False
        self._wireframe = False
        self._start: tuple[float, float] | None = None
        self._critical: list[CriticalMark] = []
        self._critical_visible = True
        self._arrows: list[ArrowMark] = []
        # Cached drawing geometry, recomputed only by set_surface / set_log_height.
        self._plane = PlaneTransform(0.0, 1.0, 0.0, 1.0)
        self._heights = HeightTransform()
        self._sx = np.zeros(0)
        self._sy = np.zeros(0)
        self._display = np.zeros((0, 0))
        self._draped: DrapedSurface | None = None

        self._gl.clicked.connect(self._on_gl_view_clicked)
        self._gl.hovered.connect(self._on_gl_view_hovered)
        self._gl.hover_left.connect(self._on_gl_view_hover_left)
        self._gl.camera_moved.connect(self._on_gl_view_camera_moved)
        self._buttons.reset_button.clicked.connect(self._on_reset_button_clicked)
        self._buttons.log_button.clicked.connect(self._on_log_button_clicked)
        self.reset_camera()

    # ---- read-only access for tests and the exporter ----
    @property
    def gl_view(self) -> HoverGLViewWidget:
        return self._gl

    @property
    def surface_item(self) -> gl.GLMeshItem:
        return self._mesh.surface

    @property
    def wireframe_item(self) -> gl.GLLinePlotItem:
        return self._mesh.wire

    @property
    def legend(self) -> HeightLegendWidget:
        return self._legend

    @property
    def path_items(self) -> tuple[RunPathGLItems, ...]:
        """Per run: ``line``, ``outline``, ``head``, ``cross``... reporting that run's drawn points."""
        return self._paths.runs

    @property
    def start_marker_item(self) -> gl.GLScatterPlotItem:
        return self._start_item

    @property
    def step_label(self) -> QLabel:
        return self._step_label

    @property
    def height_transform(self) -> HeightTransform:
        return self._heights

    @property
    def critical_items(self) -> CriticalGLItems:
        return self._critical_items

    @property
    def arrow_items(self) -> ArrowGLItems:
        return self._arrow_items

    @property
    def run_legend(self) -> RunLegendWidget:
        return self._run_legend

    @property
    def scene_buttons(self) -> SceneButtonsWidget:
        return self._buttons

    def critical_tip_at(self, x_px: float, y_px: float) -> str:
        """The hover text of the critical point drawn within reach of a GL-view pixel, or ""."""
        marks = self._critical_items.points
        if not (self._critical_visible and len(marks)):
            return ""
        return critical_tip_near(self._critical, self._gl.project(marks), x_px, y_px, self._grid)

    # ---- setters ----
    def set_surface(self, grid: SurfaceGrid) -> None:
        self._grid = grid
        self._plane = PlaneTransform.fit(grid.xs, grid.ys)
        sx, sy = self._plane.to_scene(grid.xs, grid.ys)
        self._sx, self._sy = np.asarray(sx), np.asarray(sy)
        self._update_heights()

    def set_log_height(self, on: bool) -> None:
        self._buttons.log_button.setChecked(on)  # setChecked emits no `clicked`
        if on == self._log:
            return
        self._log = on
        if self._grid is not None:
            self._update_heights()

    def set_wireframe(self, on: bool) -> None:
        self._wireframe = on
        self._update_wireframe()

    def set_runs(self, runs: Sequence[RunPath]) -> None:
        self._runs = list(runs)
        self._paths.set_count(len(self._runs))
        self._update_paths()
        self._run_legend.set_entries([(run.label, run.color) for run in self._runs])
        self._place_run_legend()  # not the buttons: fitting them asks the whole window for a new layout

    def set_critical_points(self, points: Sequence[CriticalMark]) -> None:
        self._critical = list(points)
        self._update_critical()

    def set_critical_points_visible(self, on: bool) -> None:
        self._critical_visible = on
        self._critical_items.set_visible(on)

    def set_arrows(self, arrows: Sequence[ArrowMark]) -> None:
        """Arrows at the play heads (an empty list hides them); called each frame, items are reused."""
        self._arrows = list(arrows)
        self._arrow_items.set_arrows(self._arrows, self._draped, ARROW_LIFT)

    def set_step(self, step: int) -> None:
        """Move every play head; called each playback frame: drawn ranges and head points only
        (nothing at all when no play head moves)."""
        self._step = step
        if self._grid is None:
            return
        self._paths.set_step(step)

    def set_start_marker(self, x: float, y: float) -> None:
        self._start = (x, y)
        self._update_start_marker()

    def set_step_text(self, text: str) -> None:
        self._step_label.setText(text)
        self._step_label.adjustSize()
        self._step_label.setVisible(bool(text))

    @property
    def axes(self) -> AxesGLItems:
        """The axis lines, ticks and labels as drawn (read-only use: tests, screenshots)."""
        return self._axes

    def reset_camera(self) -> None:
        """Elevation 30°, azimuth -60°, looking at the middle of the box from a fitting distance."""
        self._gl.setCameraPosition(
            pos=QVector3D(0.0, 0.0, 0.3 * SCENE_HEIGHT),
            distance=CAMERA_DISTANCE,
            elevation=30.0,
            azimuth=-60.0,
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_overlays()
        self._axes.face(float(self._gl.opts["azimuth"]), self._gl.project)  # labels clear the box

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._place_overlays()

    def grab_image(self) -> QImage:
        """The rendered 3D scene (without the legend and step overlay)."""
        image: QImage = self._gl.grabFramebuffer()
        return image

    # ---- drawing ----
    def _update_heights(self) -> None:
        grid = self._grid
        assert grid is not None
        self._heights = HeightTransform.fit(grid.z, log=self._log, scale=SCENE_HEIGHT)
        self._display = self._heights(grid.z)
        self._draped = DrapedSurface(self._plane, self._sx, self._sy, self._display, self._heights)
        self._update_critical()
        self._arrow_items.set_arrows(self._arrows, self._draped, ARROW_LIFT)
        self._update_mesh()
        self._update_wireframe()
        self._update_paths()
        self._update_start_marker()
        self._axes.update(
            self._plane, self._heights, (grid.x_label, grid.y_label, grid.z_label), self._mesh_points()
        )
        values = height_ticks(self._heights)
        fractions = self._heights.unit(np.array(values, dtype=np.float64))
        ticks = [(float(f), format_tick(v)) for f, v in zip(fractions, values, strict=True)]
        self._legend.set_ticks(ticks, self._heights.clipped, grid.z_label)
        self._layout.activate()  # the bar's width follows its texts: the GL area may have shrunk
        self._place_overlays()

    def _mesh_points(self) -> np.ndarray:
        """The drawn surface's scene points (N, 3), holes left out (the axis texts keep off them)."""
        gx, gy = np.meshgrid(self._sx, self._sy)
        points = np.c_[gx.ravel(), gy.ravel(), self._display.ravel()]
        return points[np.isfinite(points[:, 2])]

    def _update_mesh(self) -> None:
        self._mesh.set_mesh(self._sx, self._sy, self._display)

    def _update_wireframe(self) -> None:
        self._mesh.set_wireframe(
            self._sx, self._sy, self._display, self._wireframe and self._grid is not None
        )

    def _scene_points(self, xy: np.ndarray, loss: np.ndarray) -> np.ndarray:
        """Display points (L, 3) of parameter points and their losses: on the surface (never
        below it), lifted a little."""
        sx, sy = self._plane.to_scene(xy[:, 0], xy[:, 1])
        z = self._heights(loss)
        z = np.where(np.isfinite(z), z, SCENE_HEIGHT)  # a diverged (inf) loss rides the top
        under = sample_heights(self._sx, self._sy, self._display, sx, sy)
        z = np.where(np.isnan(loss), under, np.fmax(z, under))  # the mesh is linear between grid points
        return np.column_stack([sx, sy, z + PATH_LIFT]).astype(np.float32)

    def _update_paths(self) -> None:
        """Every run's display points, computed for all runs at once, then the paths' items."""
        if self._grid is None:
            return
        xys, losses = [], []
        for run in self._runs:  # each run up to its first non-finite point (at least one point)
            xy = run.drawn_xy()
            xys.append(xy)
            losses.append(np.asarray(run.loss, dtype=np.float64)[: len(xy)])
        if self._runs:
            points = self._scene_points(np.concatenate(xys), np.concatenate(losses))
            parts = np.split(points, np.cumsum([len(xy) for xy in xys])[:-1])
        else:
            parts = []
        drawn = []
        for part, run in zip(parts, self._runs, strict=True):
            kept, left_box = clip_to_box(part, high=SCENE_HEIGHT + PATH_LIFT)  # the ✕ where it leaves
            drawn.append((kept, run.color, run.ended or left_box))
        self._paths.set_paths(drawn)
        self._paths.set_step(self._step)

    def _update_start_marker(self) -> None:
        if self._start is None or self._grid is None:
            self._start_item.setVisible(False)
            return
        sx, sy = self._plane.to_scene(np.array([self._start[0]]), np.array([self._start[1]]))
        z = sample_heights(self._sx, self._sy, self._display, sx, sy)
        height = float(z[0]) if np.isfinite(z[0]) else 0.0
        pos = np.array([[sx[0], sy[0], height + PATH_LIFT]] * len(START_MARKER_SIZES), dtype=np.float32)
        self._start_item.setData(pos=pos)
        self._start_item.setVisible(True)

    def _update_critical(self) -> None:
        if self._draped is not None:
            self._critical_items.set_marks(self._critical, self._draped, PATH_LIFT, self._critical_visible)

    def _place_overlays(self) -> None:
        area = self._gl.geometry()
        self._buttons.fit()  # its style sheet widens the buttons: never over the colour bar
        self._buttons.move(area.right() - self._buttons.width() - OVERLAY_MARGIN, area.top() + OVERLAY_MARGIN)
        self._place_run_legend()

    def _place_run_legend(self) -> None:
        area = self._gl.geometry()
        legend = self._run_legend
        legend.resize(legend.sizeHint())  # every row at its full height, never squeezed
        legend.move(area.left() + OVERLAY_MARGIN, area.bottom() - legend.height() - OVERLAY_MARGIN)

    # ---- user input ----
    def _on_gl_view_clicked(self, x_px: float, y_px: float) -> None:
        if self._grid is None:
            return
        origin, direction = self._gl.ray_at(x_px, y_px)
        hit = pick_height_field(origin, direction, self._sx, self._sy, self._display)
        if hit is not None:
            self.start_picked.emit(*self._plane.from_scene(*hit))

    def _on_gl_view_hovered(self, x_px: float, y_px: float) -> None:
        text = self.critical_tip_at(x_px, y_px)
        if text:
            QToolTip.showText(self._gl.mapToGlobal(QPoint(round(x_px), round(y_px))), text, self._gl)
        else:
            QToolTip.hideText()

    def _on_gl_view_hover_left(self) -> None:
        QToolTip.hideText()

    def _on_gl_view_camera_moved(self, azimuth: float) -> None:
        self._axes.face(azimuth, self._gl.project)

    def _on_reset_button_clicked(self) -> None:
        self.reset_camera()

    def _on_log_button_clicked(self, checked: bool) -> None:
        self.log_height_toggled.emit(checked)
