"""What the 3D view's GL items share: blending and depth options, draw order, colours and fonts."""

from __future__ import annotations

from OpenGL import GL
from PySide6.QtGui import QColor, QFont

# Depth-tested and blended; equal depth passes so an overlay at the surface's height still shows.
# Every option set states the depth mask, because GL keeps it between items (and frames).
OVERLAY_GL_OPTIONS: dict[object, object] = {
    GL.GL_DEPTH_TEST: True,
    GL.GL_BLEND: True,
    GL.GL_CULL_FACE: False,
    "glBlendFuncSeparate": (GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA, GL.GL_ONE, GL.GL_ONE_MINUS_SRC_ALPHA),
    "glDepthFunc": (GL.GL_LEQUAL,),
    "glDepthMask": (GL.GL_TRUE,),
}
# A path's dark outline is hidden by hills but writes no depth, so the coloured line drawn over it
# (wide lines of different widths rasterise to slightly different depths) never loses to it.
OUTLINE_GL_OPTIONS: dict[object, object] = {**OVERLAY_GL_OPTIONS, "glDepthMask": (GL.GL_FALSE,)}
# A path's thin see-through copy: drawn over the surface, so the part of a path behind a hill still shows
# (as a thin line; the visible part gets the wide outlined line drawn on top of it).
THROUGH_GL_OPTIONS: dict[object, object] = {
    **OVERLAY_GL_OPTIONS,
    GL.GL_DEPTH_TEST: False,
    "glDepthMask": (GL.GL_FALSE,),
}
# Markers stay visible through hills: a play head hidden behind a ridge is still where it is.
MARKER_GL_OPTIONS: dict[object, object] = {**OVERLAY_GL_OPTIONS, GL.GL_DEPTH_TEST: False}

# Draw order (GLViewWidget paints lower depth values first).
DEPTH_AXES, DEPTH_SURFACE, DEPTH_WIRE, DEPTH_THROUGH, DEPTH_PATH = 0, 1, 2, 2.5, 3
DEPTH_MARKER = 10


def rgba(color: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    c = QColor(color)
    return (c.redF(), c.greenF(), c.blueF(), alpha)


def pixel_font(pixels: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font
