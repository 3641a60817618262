"""Point sprites shaded as lit, glossy spheres: the play heads of the 3D view.

`GLScatterPlotItem` fills each point with one flat colour. This item draws the same sprites (one
draw call for every head) with a fragment shader that lights a sphere: the normal of the ball
at each pixel of the sprite, a diffuse term from a light above-left and a white specular
highlight — the peer's lit balls, for the cost of one scatter item.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pyqtgraph.opengl as gl
import shiboken6
from OpenGL import GL
from OpenGL.GL import shaders
from pyqtgraph.opengl.items import GLScatterPlotItem as scatter_module
from PySide6.QtGui import QOpenGLContext, QOpenGLContextGroup

# The sphere's lighting, shared by the GLSL 1.20 and 1.40 bodies (light towards the viewer,
# above and to the left; ambient keeps the shadow side in the run's colour).
_SHADE = """
    vec2 xy = (gl_PointCoord - 0.5) * 2.0;
    float r2 = dot(xy, xy);
    if (r2 > 1.0) discard;
    vec3 n = vec3(xy.x, -xy.y, sqrt(1.0 - r2));
    vec3 l = normalize(vec3(-0.45, 0.55, 0.75));
    float diffuse = max(dot(n, l), 0.0);
    float spec = pow(max(dot(reflect(-l, n), vec3(0.0, 0.0, 1.0)), 0.0), 28.0);
    vec3 rgb = v_color.rgb * (0.38 + 0.72 * diffuse) + vec3(0.75 * spec);
    float rim = smoothstep(0.78, 1.0, r2);
    rgb = mix(rgb, rgb * 0.45, rim);
"""

_FRAGMENT_LEGACY = (
    "#ifdef GL_ES\nprecision mediump float;\n#endif\nvarying vec4 v_color;\nvoid main() {"
    + _SHADE
    + "    gl_FragColor = vec4(min(rgb, 1.0), v_color.a);\n}\n"
)
_FRAGMENT_CORE = (
    "#ifdef GL_ES\nprecision mediump float;\n#endif\nin vec4 v_color;\nout vec4 fragColor;\nvoid main() {"
    + _SHADE
    + "    fragColor = vec4(min(rgb, 1.0), v_color.a);\n}\n"
)


def _forget_closed_groups(programs: dict[QOpenGLContextGroup, Any]) -> None:
    """Drop the programs of share groups Qt has destroyed (their windows closed; GL freed them with it)."""
    for group in [g for g in programs if not shiboken6.isValid(g)]:
        del programs[group]


class GLSphereSpritesItem(gl.GLScatterPlotItem):  # type: ignore[misc]  # pyqtgraph has no type stubs: its classes are Any
    """`GLScatterPlotItem` whose round sprites are shaded as lit spheres (same data, same draw)."""

    # One linked program per GL share group (every view shares one with AA_ShareOpenGLContexts), as
    # pyqtgraph caches its own shaders: a program per item would be compiled anew, and never freed,
    # for every window a language switch or a reopen builds.
    _programs: ClassVar[dict[QOpenGLContextGroup, Any]] = {}

    def getShaderProgram(self) -> Any:  # pyqtgraph: a static method caching one program per class
        context = QOpenGLContext.currentContext()
        group = context.shareGroup()
        if group in self._programs:
            return self._programs[group]
        _forget_closed_groups(self._programs)
        fmt = context.format()
        if context.isOpenGLES():
            core = fmt.version() >= (3, 0)
            version = "#version 300 es\n" if core else "#version 100\n"
        else:
            core = fmt.version() >= (3, 1)
            version = "#version 140\n" if core else "#version 120\n"
        vertex = (scatter_module.SHADER_CORE if core else scatter_module.SHADER_LEGACY)[GL.GL_VERTEX_SHADER]
        fragment = _FRAGMENT_CORE if core else _FRAGMENT_LEGACY
        program = shaders.compileProgram(
            shaders.compileShader([version, vertex], GL.GL_VERTEX_SHADER),
            shaders.compileShader([version, fragment], GL.GL_FRAGMENT_SHADER),
        )
        GL.glBindAttribLocation(program, 0, "a_position")
        GL.glBindAttribLocation(program, 1, "a_color")
        GL.glBindAttribLocation(program, 2, "a_size")
        GL.glLinkProgram(program)
        self._programs[group] = program
        return program
