"""Have pyqtgraph views painted in the window repaint already on its way, not in one more after it.

pyqtgraph updates a ViewBox's transform (and so its axes and grid) just before painting, and a
QGraphicsScene turns changed items into a viewport update through a queued call that, once run,
makes the window repaint at once. When several views change in one event-loop pass (a rerun: the
3D view, the map, the loss plot), the first queued call repaints the window and every later one
repaints it again. With a GL widget in the window each repaint is a full-window composition
(~10 ms on a software renderer), and a later one also delays the next change's frame.

`SceneFlusher` watches the view's top-level window: when the window is about to repaint, it runs
the view's pending scene work first, so the view's changes are drawn in that repaint and nothing is
left to ask for another. The work is the same, only earlier; what is drawn does not change.
"""

from __future__ import annotations

import contextlib

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QWidget


class SceneFlusher(QObject):
    """Event filter on the window holding a `pg.GraphicsView`; call `attach` when the view is shown."""

    def __init__(self, view: pg.GraphicsView) -> None:
        super().__init__(view)
        self._view = view
        self._window: QWidget | None = None

    def attach(self) -> None:
        """Watch the view's current top-level window (it changes when a dock floats or docks)."""
        window = self._view.window()
        if window is self._window:
            return
        if self._window is not None:
            with contextlib.suppress(RuntimeError):  # the old window may be gone already
                self._window.removeEventFilter(self)
        self._window = window
        window.installEventFilter(self)

    def flush(self) -> None:
        """Update the view's ViewBox transforms and hand its changed items to the viewport now."""
        scene = self._view.scene()
        if scene is None:
            return
        scene.prepareForPaint()  # what GraphicsView.paintEvent would do first: ViewBox.updateMatrix()
        # QGraphicsScene's queued processing of dirty items; the window repaint being handled is no
        # longer queued, so this adds the dirty regions to it instead of asking for another one.
        QCoreApplication.sendPostedEvents(scene, QEvent.Type.MetaCall)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.UpdateRequest and watched is self._window:
            self.flush()
        return False
