"""GL items that draw many things in one item, so a frame makes few Python GL calls and QPainters.

* `GLLineStripsItem`: several line strips from one static vertex buffer; the shown part of each
  strip is a range (`set_ranges`), so moving the play heads uploads nothing.
* `GLTextBatchItem` with its `GLTextLabel`s: what a list of `GLTextItem`s draws, in one QPainter.

Each draws exactly what the separate pyqtgraph items drew, in the same order.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
import pyqtgraph.opengl as gl
from OpenGL import GL
from pyqtgraph.opengl.GLGraphicsItem import GLGraphicsItem
from pyqtgraph.opengl.items.GLLinePlotItem import DirtyFlag
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMatrix4x4, QOpenGLContext, QPainter, QVector3D

DEFAULT_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom


class GLLineStripsItem(gl.GLLinePlotItem):  # type: ignore[misc]  # pyqtgraph has no type stubs: its classes are Any
    """`GLLinePlotItem` (line_strip mode) drawing the ranges ``[first, first + count)`` of its points.

    ``pos`` holds every strip's points one after the other and is uploaded only when `setData`
    changes it; per-vertex colours (``color`` as an (N, 4) array) give each strip its own colour.
    A range shorter than 2 points draws nothing, like a one-point `GLLinePlotItem`.
    """

    dirty_bits: DirtyFlag  # set by GLLinePlotItem; declared for mypy (pyqtgraph has no stubs)

    def __init__(self, **kwds: Any) -> None:
        super().__init__(**kwds)
        self.firsts = np.zeros(0, dtype=np.int32)
        self.counts = np.zeros(0, dtype=np.int32)

    def set_ranges(self, firsts: np.ndarray, counts: np.ndarray) -> None:
        self.firsts = np.ascontiguousarray(firsts, dtype=np.int32)
        self.counts = np.ascontiguousarray(counts, dtype=np.int32)
        self.update()

    def paint(self) -> None:
        """GLLinePlotItem.paint, with one glMultiDrawArrays over the ranges instead of one strip."""
        drawn = self.counts > 1
        if self.pos is None or not drawn.any():
            return
        self.setupGLState()
        mvp = np.array(self.mvpMatrix().data(), dtype=np.float32)
        context = QOpenGLContext.currentContext()
        if DirtyFlag.POSITION in self.dirty_bits:
            self.upload_vbo(self.m_vbo_position, self.pos)
        if DirtyFlag.COLOR in self.dirty_bits:
            self.upload_vbo(self.m_vbo_color, self.color)
        self.dirty_bits = DirtyFlag(0)
        program = self.getShaderProgram()

        enabled = [0]
        self.m_vbo_position.bind()
        GL.glVertexAttribPointer(0, 3, GL.GL_FLOAT, False, 0, None)
        self.m_vbo_position.release()
        if isinstance(self.color, np.ndarray):
            self.m_vbo_color.bind()
            GL.glVertexAttribPointer(1, 4, GL.GL_FLOAT, False, 0, None)
            self.m_vbo_color.release()
            enabled.append(1)
        else:
            GL.glVertexAttrib4f(1, *self.color)

        smooth = self.antialias and not context.isOpenGLES()
        if smooth:
            GL.glEnable(GL.GL_LINE_SMOOTH)
            GL.glEnable(GL.GL_BLEND)
            GL.glBlendFuncSeparate(
                GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA, GL.GL_ONE, GL.GL_ONE_MINUS_SRC_ALPHA
            )
            GL.glHint(GL.GL_LINE_SMOOTH_HINT, GL.GL_NICEST)
        fmt = context.format()
        core_forward = fmt.profile() == fmt.OpenGLContextProfile.CoreProfile and not fmt.testOption(
            fmt.FormatOption.DeprecatedFunctions
        )
        if not core_forward:  # core forward-compatible profiles reject widths other than 1
            GL.glLineWidth(self.width)
        for loc in enabled:
            GL.glEnableVertexAttribArray(loc)
        firsts, counts = self.firsts[drawn], self.counts[drawn]
        with program:
            GL.glUniformMatrix4fv(GL.glGetUniformLocation(program, "u_mvp"), 1, False, mvp)
            GL.glMultiDrawArrays(GL.GL_LINE_STRIP, firsts, counts, len(counts))
        for loc in enabled:
            GL.glDisableVertexAttribArray(loc)
        if smooth:
            GL.glDisable(GL.GL_LINE_SMOOTH)
            GL.glDisable(GL.GL_BLEND)
        GL.glLineWidth(1.0)


class GLTextLabel:
    """One text of a `GLTextBatchItem`, set like a `GLTextItem` (pos, color, text, font, alignment)."""

    def __init__(self, batch: GLTextBatchItem, **kwds: Any) -> None:
        self._batch = batch
        self.pos = np.zeros(3)
        self.color = QColor(Qt.GlobalColor.white)
        self.text = ""
        self.font = QFont("Helvetica", 16)
        self.alignment = DEFAULT_ALIGNMENT
        self._visible = True
        self._offset: tuple[float, float] | None = None  # alignment shift in pixels, cached
        self.shift_px = 0.0  # a further horizontal shift in pixels (set directly, then update())
        self.setData(**kwds)

    def setData(self, **kwds: Any) -> None:
        allowed = ("pos", "color", "text", "font", "alignment")
        for key, value in kwds.items():
            if key not in allowed:
                raise ValueError(f"Invalid keyword argument: {key} (allowed arguments are {allowed})")
            if key == "pos":
                value = np.array(value, dtype=np.float64).reshape(3)
            elif key == "color":
                value = pg.mkColor(value)
            elif key == "font" and not isinstance(value, QFont):
                raise TypeError('"font" must be QFont.')
            setattr(self, key, value)
        if {"text", "font", "alignment"} & kwds.keys():
            self._offset = None
        self._batch.update()

    def setVisible(self, on: bool) -> None:
        if on != self._visible:
            self._visible = on
            self._batch.update()

    def visible(self) -> bool:
        return self._visible

    def offset(self) -> tuple[float, float]:
        """GLTextItem.align_text's shift: from the anchor to the text's baseline start."""
        if self._offset is None:
            rect = QFontMetrics(self.font).tightBoundingRect(self.text)
            dx = dy = 0.0
            if self.alignment & Qt.AlignmentFlag.AlignRight:
                dx = rect.width()
            if self.alignment & Qt.AlignmentFlag.AlignHCenter:
                dx = rect.width() / 2.0
            if self.alignment & Qt.AlignmentFlag.AlignTop:
                dy = rect.height()
            if self.alignment & Qt.AlignmentFlag.AlignVCenter:
                dy = rect.height() / 2.0
            self._offset = (-dx, dy)
        return self._offset[0] + self.shift_px, self._offset[1]


class GLTextBatchItem(GLGraphicsItem):  # type: ignore[misc]  # pyqtgraph has no type stubs: its classes are Any
    """Screen-aligned texts at 3D points, painted in list order with one QPainter per frame."""

    def __init__(self) -> None:
        super().__init__()
        self.setGLOptions("additive")  # as GLTextItem (QPainter sets its own state anyway)
        self.labels: list[GLTextLabel] = []

    def add_label(self, **kwds: Any) -> GLTextLabel:
        label = GLTextLabel(self, **kwds)
        self.labels.append(label)
        return label

    def paint(self) -> None:
        shown = [label for label in self.labels if label.visible() and label.text]
        view = self.view()
        if not shown or view is None:
            return
        self.setupGLState()
        rect = QRectF(view.rect())
        to_viewport = QMatrix4x4()
        to_viewport.viewport(rect.left(), rect.bottom(), rect.width(), -rect.height())
        project = to_viewport * self.mvpMatrix()
        painter = QPainter(view)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        for label in shown:
            anchor = project.map(QVector3D(*label.pos)).toPointF()
            dx, dy = label.offset()
            painter.setPen(label.color)
            painter.setFont(label.font)
            painter.drawText(QPointF(anchor.x() + dx, anchor.y() + dy), label.text)
        painter.end()
