"""A PickingGLViewWidget that also reports the mouse hovering over it (no button held)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QMouseEvent

from widgets.views.picking_gl_view import PickingGLViewWidget


class HoverGLViewWidget(PickingGLViewWidget):
    """Adds ``hovered(x_px, y_px)`` on a button-less mouse move, ``hover_left`` on leaving and
    ``camera_moved(azimuth)`` when the camera turns."""

    hovered = Signal(float, float)
    hover_left = Signal()
    camera_moved = Signal(float)  # the azimuth (degrees) after an orbit or a camera reset

    def orbit(self, azim: float, elev: float) -> None:
        super().orbit(azim, elev)
        self.camera_moved.emit(float(self.opts["azimuth"]))

    def setCameraPosition(self, *args: object, **kwargs: object) -> None:
        super().setCameraPosition(*args, **kwargs)
        self.camera_moved.emit(float(self.opts["azimuth"]))

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)

    def mouseMoveEvent(self, ev: QMouseEvent) -> None:
        if ev.buttons() == Qt.MouseButton.NoButton:
            pos = ev.position()
            self.hovered.emit(pos.x(), pos.y())
        super().mouseMoveEvent(ev)

    def leaveEvent(self, event: QEvent) -> None:
        self.hover_left.emit()
        super().leaveEvent(event)
