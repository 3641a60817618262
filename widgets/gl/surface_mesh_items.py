"""The 3D view's height field: a mesh coloured by height with baked shading, and its wireframe.

Plain classes composing pyqtgraph items (no Qt subclasses), in scene coordinates (see
`widgets.gl.surface_mesh`); the mesh's vertex buffer is reused while the grid keeps its size.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pyqtgraph.opengl as gl

from widgets.common.palette import HEIGHT_COLORMAP
from widgets.gl.gl_style import DEPTH_SURFACE, DEPTH_WIRE, OVERLAY_GL_OPTIONS
from widgets.gl.surface_mesh import SCENE_HEIGHT, grid_faces, shaded_colors, wireframe_segments
from widgets.views.layered_gl_view import StaticGLLinePlotItem, StaticGLMeshItem

WIRE_LIFT = 0.002 * SCENE_HEIGHT


class SurfaceMeshGLItems:
    """The surface (viridis, baked Lambert shading) and the wireframe over it, both hidden until set."""

    def __init__(self, view: gl.GLViewWidget) -> None:
        self.surface = StaticGLMeshItem(
            meshdata=gl.MeshData(), computeNormals=False, smooth=True, glOptions="opaque"
        )
        self.surface.setDepthValue(DEPTH_SURFACE)
        self.surface.setVisible(False)
        view.addItem(self.surface)
        self.wire = StaticGLLinePlotItem(
            glOptions=OVERLAY_GL_OPTIONS, mode="lines", color=(0.0, 0.0, 0.0, 0.35), width=1.0
        )
        self.wire.setDepthValue(DEPTH_WIRE)
        self.wire.setVisible(False)
        view.addItem(self.wire)
        self._lut = pg.colormap.get(HEIGHT_COLORMAP).getLookupTable(0.0, 1.0, 256, alpha=False) / 255.0
        self._vertices: np.ndarray | None = None

    def set_mesh(self, sx: np.ndarray, sy: np.ndarray, display: np.ndarray) -> None:
        """Upload the height field ``display`` (ny, nx; NaN = hole) over the scene grid (sx, sy)."""
        ny, nx = display.shape
        if self._vertices is None or self._vertices.shape[0] != ny * nx:
            self._vertices = np.empty((ny * nx, 3), dtype=np.float32)
        grid_v = self._vertices.reshape(ny, nx, 3)  # a view: filled in place
        grid_v[..., 0] = sx[None, :]
        grid_v[..., 1] = sy[:, None]
        valid = np.isfinite(display)
        grid_v[..., 2] = np.where(valid, display, 0.0)
        faces = grid_faces(valid)
        meshdata = self.surface.opts["meshdata"]
        meshdata.setVertexes(self._vertices)
        meshdata.setFaces(faces)
        meshdata.setVertexColors(shaded_colors(sx, sy, display, self._lut))
        self.surface.meshDataChanged()
        self.surface.setVisible(len(faces) > 0)

    def set_wireframe(self, sx: np.ndarray, sy: np.ndarray, display: np.ndarray, on: bool) -> None:
        """Show the grid lines of the height field just above it, or hide them."""
        segments = (
            wireframe_segments(sx, sy, display, lift=WIRE_LIFT) if on else np.zeros((0, 3), dtype=np.float32)
        )
        if len(segments):
            self.wire.setData(pos=segments)
        self.wire.setVisible(len(segments) > 0)
