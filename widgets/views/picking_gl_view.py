"""A GLViewWidget that reports clicks (as opposed to orbit drags) and the ray under a pixel."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QMatrix4x4, QMouseEvent

from widgets.views.layered_gl_view import LayeredGLViewWidget
from widgets.views.ray_pick import unproject

CLICK_SLOP_PX = 4.0  # a press and release closer than this is a click, not a drag


def _matrix_to_numpy(m: QMatrix4x4) -> np.ndarray:
    """Row-major numpy copy of a QMatrix4x4 (``data()`` is column-major)."""
    return np.array(m.data(), dtype=np.float64).reshape(4, 4).T


class PickingGLViewWidget(LayeredGLViewWidget):
    """GLViewWidget + a ``clicked(x_px, y_px)`` signal; shift+left drag pans like the middle button.

    Its still bottom layer (the `StaticLayerItem`s) is drawn from a cached framebuffer.

    Orbit (left drag), zoom (wheel) and pan (middle or ctrl+left drag) are GLViewWidget's own.
    """

    clicked = Signal(float, float)

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        # No keyboard focus: arrow keys and Space belong to the playback shortcuts, not to camera orbiting.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._press_pos: QPointF | None = None

    def mvp_matrix(self) -> np.ndarray:
        """The current projection x view matrix (row-major), as used to paint the scene."""
        viewport = self.getViewport()
        projection = self.projectionMatrix(viewport, viewport)
        return _matrix_to_numpy(projection * self.viewMatrix())

    def project(self, points: np.ndarray) -> np.ndarray:
        """Widget pixel positions (N, 2) of scene points (N, 3), in logical pixels."""
        pts = np.asarray(points, dtype=np.float64).reshape(-1, 3)
        clip = np.c_[pts, np.ones(len(pts))] @ self.mvp_matrix().T
        ndc = clip[:, :2] / clip[:, 3:4]
        pixels: np.ndarray = np.c_[(ndc[:, 0] + 1) / 2 * self.width(), (1 - ndc[:, 1]) / 2 * self.height()]
        return pixels

    def ray_at(self, x_px: float, y_px: float) -> tuple[np.ndarray, np.ndarray]:
        """Origin and unit direction (scene coordinates) of the ray through a widget pixel."""
        ndc_x = 2.0 * x_px / max(self.width(), 1) - 1.0
        ndc_y = 1.0 - 2.0 * y_px / max(self.height(), 1)
        return unproject(np.linalg.inv(self.mvp_matrix()), ndc_x, ndc_y)

    def mousePressEvent(self, ev: QMouseEvent) -> None:
        is_left = ev.button() == Qt.MouseButton.LeftButton
        self._press_pos = ev.position() if is_left else None
        super().mousePressEvent(ev)

    def mouseMoveEvent(self, ev: QMouseEvent) -> None:
        shift_left = ev.buttons() == Qt.MouseButton.LeftButton and bool(
            ev.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        if not shift_left:
            super().mouseMoveEvent(ev)
            return
        pos = ev.position()
        diff = pos - getattr(self, "mousePos", pos)
        self.mousePos = pos
        self.pan(diff.x(), diff.y(), 0, relative="view-upright")

    def mouseReleaseEvent(self, ev: QMouseEvent) -> None:
        press, self._press_pos = self._press_pos, None
        if press is not None and ev.button() == Qt.MouseButton.LeftButton:
            pos = ev.position()
            if (pos - press).manhattanLength() < CLICK_SLOP_PX:
                self.clicked.emit(pos.x(), pos.y())
        super().mouseReleaseEvent(ev)
