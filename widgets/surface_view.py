"""The rotatable 3D loss surface with the optimizers' paths, a colour legend and a step counter.

The view only draws: it is given a `SurfaceGrid` and `RunPath`s through setters and reports a
click on the surface through `start_picked`. Geometry lives in scene coordinates (the domain
maps to [-1, 1]², heights to [0, SCENE_HEIGHT]; see `widgets.surface_mesh`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
import pyqtgraph.opengl as gl
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QImage, QPalette, QVector3D
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from widgets.gl_items import (
    DEPTH_MARKER,
    DEPTH_SURFACE,
    DEPTH_WIRE,
    MARKER_GL_OPTIONS,
    OVERLAY_GL_OPTIONS,
    AxesGLItems,
    RunPathGLItems,
)
from widgets.height_legend import HeightLegendWidget
from widgets.height_transform import HeightTransform
from widgets.palette import HEIGHT_COLORMAP, OUTLINE_COLOR
from widgets.picking_gl_view import PickingGLViewWidget
from widgets.ray_pick import pick_height_field
from widgets.surface_mesh import (
    SCENE_HEIGHT,
    PlaneTransform,
    grid_faces,
    sample_heights,
    shaded_colors,
    wireframe_segments,
)
from widgets.view_data import RunPath, SurfaceGrid

BACKGROUND = "#1c1f24"
LEGEND_TEXT = "#e1e1e1"
PATH_LIFT = 0.02 * SCENE_HEIGHT  # paths float this far above the surface
WIRE_LIFT = 0.002 * SCENE_HEIGHT
STEP_LABEL_STYLE = (
    "color: #f0f0f0; background: rgba(0, 0, 0, 150); padding: 3px 8px; border-radius: 4px; font-size: 13px;"
)


class SurfaceView(QWidget):
    """3D surface coloured by height (viridis, baked Lambert shading), paths, legend, step text.

    Call order: `set_surface` first (paths and the start marker are placed on it; given earlier
    they are kept and drawn once a surface exists), then `set_runs`, then `set_step` per frame.
    """

    start_picked = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gl = PickingGLViewWidget(self)
        self._gl.setBackgroundColor(BACKGROUND)
        self._gl.setMinimumSize(200, 150)
        self._legend = HeightLegendWidget(self)
        palette = self._legend.palette()  # the legend continues the dark scene
        palette.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(LEGEND_TEXT))
        self._legend.setPalette(palette)
        self._legend.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._gl, 1)
        layout.addWidget(self._legend)

        # A sibling over the GL widget, not its child: a child widget stops GLTextItem's QPainter
        # text from showing in the GL widget.
        self._step_label = QLabel(self)
        self._step_label.setStyleSheet(STEP_LABEL_STYLE)
        self._step_label.move(8, 8)
        self._step_label.hide()
        self._step_label.raise_()

        self._axes = AxesGLItems(self._gl)
        self._surface = gl.GLMeshItem(
            meshdata=gl.MeshData(), computeNormals=False, smooth=True, glOptions="opaque"
        )
        self._surface.setDepthValue(DEPTH_SURFACE)
        self._surface.setVisible(False)
        self._gl.addItem(self._surface)
        self._wire = gl.GLLinePlotItem(
            glOptions=OVERLAY_GL_OPTIONS, mode="lines", color=(0.0, 0.0, 0.0, 0.35), width=1.0
        )
        self._wire.setDepthValue(DEPTH_WIRE)
        self._wire.setVisible(False)
        self._gl.addItem(self._wire)
        outline = pg.mkColor(OUTLINE_COLOR)
        self._start_items = (  # a bull's-eye, unlike the plain dots of the play heads
            gl.GLScatterPlotItem(glOptions=MARKER_GL_OPTIONS, size=19.0, color=outline),
            gl.GLScatterPlotItem(glOptions=MARKER_GL_OPTIONS, size=14.0, color=(1.0, 1.0, 1.0, 1.0)),
            gl.GLScatterPlotItem(glOptions=MARKER_GL_OPTIONS, size=6.0, color=outline),
        )
        for depth, item in enumerate(self._start_items):
            item.setDepthValue(DEPTH_MARKER + 10 + depth)
            item.setVisible(False)
            self._gl.addItem(item)
        self._paths: list[RunPathGLItems] = []
        self._lut = pg.colormap.get(HEIGHT_COLORMAP).getLookupTable(0.0, 1.0, 256, alpha=False) / 255.0

        self._grid: SurfaceGrid | None = None
        self._runs: list[RunPath] = []
        self._step = 0
        self._log = False
        self._wireframe = False
        self._start: tuple[float, float] | None = None
        # Cached drawing geometry, recomputed only by set_surface / set_log_height.
        self._plane = PlaneTransform(0.0, 1.0, 0.0, 1.0)
        self._heights = HeightTransform()
        self._sx = np.zeros(0)
        self._sy = np.zeros(0)
        self._display = np.zeros((0, 0))
        self._vertices: np.ndarray | None = None

        self._gl.clicked.connect(self._on_gl_view_clicked)
        self.reset_camera()

    # ---- read-only access for tests and the exporter ----
    @property
    def gl_view(self) -> PickingGLViewWidget:
        return self._gl

    @property
    def surface_item(self) -> gl.GLMeshItem:
        return self._surface

    @property
    def wireframe_item(self) -> gl.GLLinePlotItem:
        return self._wire

    @property
    def legend(self) -> HeightLegendWidget:
        return self._legend

    @property
    def path_items(self) -> tuple[RunPathGLItems, ...]:
        return tuple(self._paths)

    @property
    def start_marker_item(self) -> gl.GLScatterPlotItem:
        return self._start_items[1]

    @property
    def step_label(self) -> QLabel:
        return self._step_label

    @property
    def height_transform(self) -> HeightTransform:
        return self._heights

    # ---- setters ----
    def set_surface(self, grid: SurfaceGrid) -> None:
        self._grid = grid
        self._plane = PlaneTransform.fit(grid.xs, grid.ys)
        sx, sy = self._plane.to_scene(grid.xs, grid.ys)
        self._sx, self._sy = np.asarray(sx), np.asarray(sy)
        self._update_heights()

    def set_log_height(self, on: bool) -> None:
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
        while len(self._paths) > len(self._runs):
            self._paths.pop().remove_from(self._gl)
        while len(self._paths) < len(self._runs):
            self._paths.append(RunPathGLItems(self._gl))
        self._update_paths()

    def set_step(self, step: int) -> None:
        """Move every play head; called each playback frame, so it only slices cached arrays."""
        self._step = step
        if self._grid is None:
            return
        for path in self._paths:
            path.set_step(step)

    def set_start_marker(self, x: float, y: float) -> None:
        self._start = (x, y)
        self._update_start_marker()

    def set_step_text(self, text: str) -> None:
        self._step_label.setText(text)
        self._step_label.adjustSize()
        self._step_label.setVisible(bool(text))

    def reset_camera(self) -> None:
        """Elevation 30°, azimuth -60°, looking at the middle of the box from a fitting distance."""
        self._gl.setCameraPosition(
            pos=QVector3D(0.0, 0.0, 0.3 * SCENE_HEIGHT), distance=3.6, elevation=30.0, azimuth=-60.0
        )

    def grab_image(self) -> QImage:
        """The rendered 3D scene (without the legend and step overlay)."""
        return self._gl.grabFramebuffer()

    # ---- drawing ----
    def _update_heights(self) -> None:
        grid = self._grid
        assert grid is not None
        self._heights = HeightTransform.fit(grid.z, log=self._log, scale=SCENE_HEIGHT)
        self._display = self._heights(grid.z)
        self._update_mesh()
        self._update_wireframe()
        self._update_paths()
        self._update_start_marker()
        self._axes.update(self._plane, self._heights, (grid.x_label, grid.y_label, grid.z_label))
        finite = np.asarray(grid.z)[np.isfinite(grid.z)]
        low = float(finite.min()) if finite.size else 0.0
        mid = float(self._heights.to_loss(np.array([0.5 * SCENE_HEIGHT]))[0])
        self._legend.set_range(low, mid, self._heights.zmax, self._heights.clipped, grid.z_label)

    def _update_mesh(self) -> None:
        ny, nx = self._display.shape
        if self._vertices is None or self._vertices.shape[0] != ny * nx:
            self._vertices = np.empty((ny * nx, 3), dtype=np.float32)
        grid_v = self._vertices.reshape(ny, nx, 3)  # a view: filled in place
        grid_v[..., 0] = self._sx[None, :]
        grid_v[..., 1] = self._sy[:, None]
        valid = np.isfinite(self._display)
        grid_v[..., 2] = np.where(valid, self._display, 0.0)
        faces = grid_faces(valid)
        meshdata = self._surface.opts["meshdata"]
        meshdata.setVertexes(self._vertices)
        meshdata.setFaces(faces)
        meshdata.setVertexColors(shaded_colors(self._sx, self._sy, self._display, self._lut))
        self._surface.meshDataChanged()
        self._surface.setVisible(len(faces) > 0)

    def _update_wireframe(self) -> None:
        segments = (
            wireframe_segments(self._sx, self._sy, self._display, lift=WIRE_LIFT)
            if self._wireframe and self._grid is not None
            else np.zeros((0, 3), dtype=np.float32)
        )
        if len(segments):
            self._wire.setData(pos=segments)
        self._wire.setVisible(len(segments) > 0)

    def _path_points(self, run: RunPath) -> np.ndarray:
        """A run's display points (L, 3): on the surface (never below it), lifted a little."""
        xy = np.asarray(run.xy, dtype=np.float64).reshape(-1, 2)
        finite = np.isfinite(xy).all(axis=1)
        length = len(xy) if finite.all() else int(np.argmin(finite))
        length = max(length, 1)
        xy = np.nan_to_num(xy[:length])
        sx, sy = self._plane.to_scene(xy[:, 0], xy[:, 1])
        z = self._heights(np.asarray(run.loss, dtype=np.float64)[:length])
        z = np.where(np.isfinite(z), z, SCENE_HEIGHT)  # a diverged (inf/NaN) loss rides the top
        under = sample_heights(self._sx, self._sy, self._display, sx, sy)
        z = np.fmax(z, under)  # the mesh interpolates linearly between grid points
        return np.column_stack([sx, sy, z + PATH_LIFT]).astype(np.float32)

    def _update_paths(self) -> None:
        if self._grid is None:
            return
        for path, run in zip(self._paths, self._runs, strict=True):
            path.set_path(self._path_points(run), run.color, run.ended)
            path.set_step(self._step)

    def _update_start_marker(self) -> None:
        if self._start is None or self._grid is None:
            for item in self._start_items:
                item.setVisible(False)
            return
        sx, sy = self._plane.to_scene(np.array([self._start[0]]), np.array([self._start[1]]))
        z = sample_heights(self._sx, self._sy, self._display, sx, sy)
        height = float(z[0]) if np.isfinite(z[0]) else 0.0
        pos = np.array([[sx[0], sy[0], height + PATH_LIFT]], dtype=np.float32)
        for item in self._start_items:
            item.setData(pos=pos)
            item.setVisible(True)

    # ---- user input ----
    def _on_gl_view_clicked(self, x_px: float, y_px: float) -> None:
        if self._grid is None:
            return
        origin, direction = self._gl.ray_at(x_px, y_px)
        hit = pick_height_field(origin, direction, self._sx, self._sy, self._display)
        if hit is not None:
            self.start_picked.emit(*self._plane.from_scene(*hit))
