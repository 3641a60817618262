"""A GLViewWidget that keeps its still bottom layer (surface, wireframe, axes lines) in a framebuffer.

While a run plays only the paths and markers change, yet a plain GLViewWidget rasterises the whole
surface mesh again every frame (the largest cost on a software renderer). Here the leading items in
draw order that are `StaticLayerItem`s are drawn into an offscreen framebuffer once, and each frame
starts by copying its colour and depth into the widget's framebuffer (``glBlitFramebuffer``); the
remaining items are drawn over it as usual, depth-tested against the copied depth. The pixels are
those of drawing everything each frame. The layer is drawn again when the camera, the widget's
size, the background or any of its items (data, visibility: their ``update()``) changes.

The copy covers the whole framebuffer, so it also replaces the frame's clear. Layer items must be
drawn with GL alone (a QPainter item paints on the widget, not into the layer). If the GL
implementation refuses the copy (e.g. a multisampled widget framebuffer), the widget falls back
to drawing every item each frame.
"""

from __future__ import annotations

from typing import Any

import pyqtgraph.opengl as gl
from OpenGL import GL
from OpenGL.error import GLError
from pyqtgraph.opengl.GLGraphicsItem import GLGraphicsItem
from PySide6.QtOpenGL import QOpenGLFramebufferObject


class StaticLayerItem:
    """Mixin for GL items of the cached bottom layer: every ``update()`` marks the layer stale.

    pyqtgraph items call ``update()`` from ``setData``, ``setVisible``, ``meshDataChanged``,
    ``setTransform``...; change such an item only through calls like these.
    """

    layer_version = 0

    def update(self) -> None:
        self.layer_version += 1
        super().update()  # type: ignore[misc]


class StaticGLMeshItem(StaticLayerItem, gl.GLMeshItem):  # type: ignore[misc]  # pyqtgraph has no type stubs: its classes are Any
    """A `GLMeshItem` drawn into the cached layer."""


class StaticGLLinePlotItem(StaticLayerItem, gl.GLLinePlotItem):  # type: ignore[misc]  # pyqtgraph has no type stubs: its classes are Any
    """A `GLLinePlotItem` drawn into the cached layer."""


class LayeredGLViewWidget(gl.GLViewWidget):  # type: ignore[misc]  # pyqtgraph has no type stubs: its classes are Any
    """GLViewWidget drawing its leading `StaticLayerItem`s from a cached framebuffer (see module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.layer_cache_enabled = True
        self.layer_renders = 0  # times the cached layer was drawn (for tests and benchmarks)
        self._layer_fbo: QOpenGLFramebufferObject | None = None
        self._layer_key: tuple[Any, ...] | None = None
        self._on_screen = False

    def initializeGL(self) -> None:
        self._layer_fbo = None  # a new context: the old framebuffer is gone with the old one
        self._layer_key = None
        super().initializeGL()

    def paintGL(self) -> None:
        self._on_screen = True  # only a frame for the widget itself uses the cache
        try:
            super().paintGL()
        finally:
            self._on_screen = False

    def paint(self, *, region: Any, viewport: Any, useItemNames: bool = False) -> None:
        """GLViewWidget.paint; on screen, the copied layer replaces the clear and its items."""
        if useItemNames or not (self._on_screen and self.layer_cache_enabled):
            super().paint(region=region, viewport=viewport, useItemNames=useItemNames)
            return
        items = sorted((i for i in self.items if i.parentItem() is None), key=lambda i: i.depthValue())
        count = 0
        while count < len(items) and isinstance(items[count], StaticLayerItem):
            count += 1
        static, rest = items[:count], items[count:]
        if not any(i.visible() for i in static):
            super().paint(region=region, viewport=viewport)
            return
        self.setProjection(region, viewport)
        self.setModelview()
        try:
            self._draw_static_layer(static)  # colour, depth and stencil: no clear needed
        except GLError:
            self.layer_cache_enabled = False  # fall back to drawing everything, from now on
            self._layer_fbo = self._layer_key = None
            GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, self.defaultFramebufferObject())
            GL.glClearColor(*self.opts["bgcolor"])
            GL.glClear(GL.GL_DEPTH_BUFFER_BIT | GL.GL_COLOR_BUFFER_BIT)
            self._draw_top_level(static)
        self._draw_top_level(rest)

    def _draw_top_level(self, items: list[GLGraphicsItem]) -> None:
        """What GLViewWidget.drawItemTree does for these top-level items, in this order."""
        for item in items:
            if not item.visible():
                continue
            self._modelViewStack.append(self.currentModelView() * item.transform())
            try:
                self.drawItemTree(item)
            finally:
                self._modelViewStack.pop()

    def _draw_static_layer(self, static: list[GLGraphicsItem]) -> None:
        width, height = self.deviceWidth(), self.deviceHeight()
        screen = self.defaultFramebufferObject()
        key = (
            width,
            height,
            tuple(self._projectionStack[-1].data()),
            tuple(self._modelViewStack[-1].data()),
            tuple(self.opts["bgcolor"]),
            tuple((id(i), i.layer_version, i.visible()) for i in static),
        )
        fbo = self._layer_fbo
        if fbo is None or fbo.width() != width or fbo.height() != height:
            fbo = QOpenGLFramebufferObject(
                width, height, QOpenGLFramebufferObject.Attachment.CombinedDepthStencil
            )
            self._layer_fbo, self._layer_key = fbo, None
        if key != self._layer_key:
            GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, fbo.handle())
            GL.glDepthMask(GL.GL_TRUE)
            GL.glClearColor(*self.opts["bgcolor"])
            GL.glClear(GL.GL_DEPTH_BUFFER_BIT | GL.GL_COLOR_BUFFER_BIT | GL.GL_STENCIL_BUFFER_BIT)
            try:
                self._draw_top_level(static)
            finally:
                GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, screen)
            self._layer_key = key
            self.layer_renders += 1
        GL.glBindFramebuffer(GL.GL_READ_FRAMEBUFFER, fbo.handle())
        GL.glBindFramebuffer(GL.GL_DRAW_FRAMEBUFFER, screen)
        GL.glDepthMask(GL.GL_TRUE)
        try:
            GL.glBlitFramebuffer(
                0,
                0,
                width,
                height,
                0,
                0,
                width,
                height,
                # All three buffers: a whole-image copy of the same formats (a memcpy on Mesa).
                GL.GL_COLOR_BUFFER_BIT | GL.GL_DEPTH_BUFFER_BIT | GL.GL_STENCIL_BUFFER_BIT,
                GL.GL_NEAREST,
            )
        finally:
            GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, screen)
