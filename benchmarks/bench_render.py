"""3D view speed: frames per second of a SurfaceView redrawing continuously, and what a surface change costs.

A SurfaceView alone (about 1000 × 700, shown) with the rosenbrock surface and the 9 real engine paths
(all optimizer rows, 1,000 steps). Each frame moves the play head (`set_step`) and asks for a repaint;
the frames are counted through the GL widget's `frameSwapped` signal. 100² and 200² grids are
measured alternately in this one run (the machine is shared: medians of repeated windows).

Then the cost of a surface change against a play-head move, and beside them pyqtgraph's default
shaded `GLSurfacePlotItem.setData(z=...)`, which recomputes normals whenever heights change.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python benchmarks/bench_render.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import pyqtgraph.opengl as gl
from pyqtgraph.opengl.MeshData import MeshData
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtGui import QOpenGLContext

import widgets.gl.surface_mesh_items as surface_mesh_module
from app.runs.run_builder import build_problem
from app.state.app_state import AppState
from app.state.optimizer_kinds import OPTIMIZER_KINDS
from app.window.grid_tasks import surface_grid
from app.window.launch import build_window, create_application
from app.window.run_views import run_paths
from benchmarks.bench_support import process_until
from widgets.common.view_data import RunPath, SurfaceGrid
from widgets.gl.gl_batch_items import GLTextBatchItem
from widgets.gl.gl_items import GLSymbolsItem
from widgets.views.surface_view import SurfaceView

STEPS = 1000
WINDOW_S = 3.0  # one fps measurement window
WINDOWS = 5  # per resolution, alternating 100² / 200²
TARGET_FPS = {100: 60.0, 200: 30.0}
TIMING_REPEATS = 41


def engine_paths() -> tuple[AppState, list[RunPath]]:
    """The 9 runs the window would draw: rosenbrock, every row enabled, 1,000 steps (via the controller)."""
    state = AppState()
    state.run.steps = STEPS
    for kind in OPTIMIZER_KINDS:
        state.optimizers[kind].enabled = True
    try:
        window, controller = build_window(state)
        assert controller.results is not None
        paths = run_paths(controller.results)
        controller.shutdown()
        window.deleteLater()
        return state, paths
    except Exception as error:  # the app is being refactored: fall back to random walks of the same size
        print(f"  (controller paths unavailable: {type(error).__name__}: {error}; using random walks)")
        rng = np.random.default_rng(0)
        problem = build_problem(state.run)
        x0, x1, y0, y1 = problem.domain
        paths = []
        for i, kind in enumerate(OPTIMIZER_KINDS):
            walk = np.cumsum(rng.normal(0, 0.01, (STEPS + 1, 2)), axis=0)
            xy = np.column_stack([x0 + (x1 - x0) * (0.5 + walk[:, 0]), y0 + (y1 - y0) * (0.5 + walk[:, 1])])
            xy = np.clip(xy, [x0, y0], [x1, y1])
            loss = problem.loss_at(xy[:, 0], xy[:, 1])
            paths.append(RunPath(kind, kind, f"#{(40 + 20 * i):02x}80c0", xy, loss))
        return state, paths


class Counter:
    """Counts calls of a wrapped function (to show what runs per frame)."""

    def __init__(self, owner: object, name: str) -> None:
        self.owner, self.name, self.calls = owner, name, 0
        self.original = getattr(owner, name)

        def wrapped(*args: object, **kwargs: object) -> object:
            self.calls += 1
            return self.original(*args, **kwargs)

        setattr(owner, name, wrapped)


def measure_fps(view: SurfaceView, horizon: int, seconds: float) -> tuple[float, list[float]]:
    """Redraw as fast as frames come: on each swapped frame advance the play head and request the next."""
    glw = view.gl_view
    intervals: list[float] = []
    state = {"k": 0, "frames": 0, "running": True, "last": 0.0}
    loop = QEventLoop()
    clock = QElapsedTimer()

    def next_frame() -> None:
        state["k"] = (state["k"] + 7) % (horizon + 1)
        view.set_step(int(state["k"]))
        glw.update()

    def on_swapped() -> None:
        if not state["running"]:
            return
        now = clock.nsecsElapsed() / 1e6
        intervals.append(now - state["last"])
        state["last"] = now
        state["frames"] += 1
        next_frame()

    def stop() -> None:
        state["running"] = False
        loop.quit()

    glw.frameSwapped.connect(on_swapped)
    clock.start()
    QTimer.singleShot(int(seconds * 1e3), stop)
    next_frame()
    loop.exec()
    elapsed = clock.nsecsElapsed() / 1e9
    glw.frameSwapped.disconnect(on_swapped)
    process_until(lambda: True)
    return state["frames"] / elapsed, intervals[1:]


def median_ms(work: Callable[[], object], repeats: int = TIMING_REPEATS) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1e3)
    return statistics.median(times), max(times)


def main() -> None:
    app = create_application()
    print("computing the 9 engine paths (rosenbrock, 1,000 steps)...", flush=True)
    state, paths = engine_paths()
    problem = build_problem(state.run)
    grids: dict[int, SurfaceGrid] = {n: surface_grid(problem, n) for n in (100, 200)}

    view = SurfaceView()
    view.resize(1000, 700)
    view.set_log_height(True)  # what the controller does for rosenbrock
    view.set_wireframe(True)  # the grid mesh is on by default; the play heads are lit spheres
    view.set_surface(grids[100])
    view.set_runs(paths)
    view.set_start_marker(*problem.start)
    view.set_step_text("step 0 / 1000")
    view.show()
    first = {"frame": False}
    view.gl_view.frameSwapped.connect(lambda: first.update(frame=True))
    if not process_until(lambda: first["frame"], 20.0):
        print("no frame was drawn: is an X server (xvfb-run) there?")
        return
    ctx = QOpenGLContext.currentContext() or view.gl_view.context()
    view.gl_view.makeCurrent()
    from OpenGL import GL

    renderer = GL.glGetString(GL.GL_RENDERER).decode(errors="replace")
    version = GL.glGetString(GL.GL_VERSION).decode(errors="replace")
    view.gl_view.doneCurrent()
    print(f"GL: {renderer} | {version} | profile {ctx.format().profile().name}")
    glw = view.gl_view
    print(
        f"view {view.width()}×{view.height()}, GL widget {glw.width()}×{glw.height()} px "
        f"(dpr {glw.devicePixelRatioF():g}); paths: {len(paths)} × {len(paths[0].xy)} points; "
        f"{len(glw.items)} GL items"
    )

    # What runs per frame: neither normals nor shading may be recomputed by a play-head move.
    normals = Counter(MeshData, "vertexNormals")
    face_normals = Counter(MeshData, "faceNormals")
    shading = Counter(surface_mesh_module, "shaded_colors")
    for n in (100, 200):  # warm-up: first uploads, shader compiles
        view.set_surface(grids[n])
        measure_fps(view, STEPS, 0.5)

    fps: dict[int, list[float]] = {100: [], 200: []}
    frame_ms: dict[int, list[float]] = {100: [], 200: []}
    normals.calls = face_normals.calls = shading.calls = 0
    layer_renders = glw.layer_renders
    frames_total = 0
    for _ in range(WINDOWS):
        for n in (100, 200):
            view.set_surface(grids[n])  # outside the window: one surface change, then steady frames
            process_until(lambda: True)
            value, intervals = measure_fps(view, STEPS, WINDOW_S)
            fps[n].append(value)
            frame_ms[n].extend(intervals)
            frames_total += len(intervals) + 1
    # the per-resolution set_surface calls above account for 2 × WINDOWS shading calls
    per_frame_shading = shading.calls - 2 * WINDOWS

    print(
        f"\nFPS while playing (set_step + update per frame), {WINDOWS} windows of {WINDOW_S:g} s each, "
        "alternating:"
    )
    for n in (100, 200):
        med = statistics.median(fps[n])
        intervals = sorted(frame_ms[n])
        p95 = intervals[int(0.95 * (len(intervals) - 1))] if intervals else float("nan")
        worst = intervals[-1] if intervals else float("nan")
        verdict = "MET" if med >= TARGET_FPS[n] else "MISSED"
        print(
            f"  {n}×{n} surface: median {med:6.1f} fps (windows {', '.join(f'{v:.1f}' for v in fps[n])})  "
            f"frame median {statistics.median(intervals):.1f} ms, p95 {p95:.1f} ms, worst {worst:.1f} ms  "
            f"target ≥ {TARGET_FPS[n]:.0f} fps: {verdict}"
        )
    print(f"  200² / 100² fps ratio: {statistics.median(fps[200]) / statistics.median(fps[100]):.2f}")
    print(
        f"  during {frames_total} frames: MeshData.vertexNormals calls {normals.calls}, faceNormals "
        f"{face_normals.calls}, shaded_colors per frame {per_frame_shading} "
        f"(surface item computeNormals={view.surface_item.opts['computeNormals']}, normals "
        f"{'none' if view.surface_item.normals is None else 'present'})"
    )

    print(
        f"  static layer (surface, wireframe, axes lines) drawn {glw.layer_renders - layer_renders} times "
        f"in those {frames_total} frames (once per surface change; copied from its framebuffer otherwise)"
    )
    for counter in (normals, face_normals, shading):
        setattr(counter.owner, counter.name, counter.original)

    # Where a frame goes (to explain a miss): the machine's ceiling, what-ifs, per-item GL time.
    def repaint_only_fps(target: gl.GLViewWidget, seconds: float = 1.5) -> float:
        counter = {"frames": 0, "running": True}
        loop = QEventLoop()

        def on_swapped() -> None:
            if counter["running"]:
                counter["frames"] += 1
                target.update()

        def stop() -> None:
            counter["running"] = False
            loop.quit()

        target.frameSwapped.connect(on_swapped)
        started = time.perf_counter()
        QTimer.singleShot(int(seconds * 1e3), stop)
        target.update()
        loop.exec()
        target.frameSwapped.disconnect(on_swapped)
        return counter["frames"] / (time.perf_counter() - started)

    bare = gl.GLViewWidget()
    bare.resize(glw.width(), glw.height())
    bare.show()
    process_until(lambda: False, 0.5)
    view.set_surface(grids[100])
    process_until(lambda: True)
    items = list(glw.items)
    path_lines = [i for i in items if getattr(i, "antialias", False)]  # the antialiased path lines
    painter_items = (gl.GLTextItem, GLTextBatchItem, GLSymbolsItem)  # drawn with a QPainter each

    def hide(pred: Callable[[object], bool]) -> Callable[[], list[tuple[object, bool]]]:
        def apply() -> list[tuple[object, bool]]:
            saved = [(i, i.visible()) for i in items]
            for i in items:
                if pred(i):
                    i.setVisible(False)
            return saved

        return apply

    def no_aa() -> list[tuple[object, bool]]:
        for line in path_lines:
            line.antialias = False
        return []

    def no_layer_cache() -> list[tuple[object, bool]]:
        glw.layer_cache_enabled = False
        return []

    variants: list[tuple[str, Callable[[], list[tuple[object, bool]]]]] = [
        ("full 3D view, 100², repaint only", lambda: []),
        ("  without the text items (QPainter)", hide(lambda i: isinstance(i, painter_items))),
        ("  without the surface mesh", hide(lambda i: isinstance(i, gl.GLMeshItem))),
        ("  path lines antialias=False", no_aa),
        ("  without the static-layer cache (mesh drawn every frame)", no_layer_cache),
        ("  no items at all (clear + swap + compose)", hide(lambda i: True)),
    ]
    results: dict[str, list[float]] = {"bare GLViewWidget, same size, no items (machine ceiling)": []}
    results.update({label: [] for label, _ in variants})
    for _ in range(3):
        results["bare GLViewWidget, same size, no items (machine ceiling)"].append(
            repaint_only_fps(bare, 1.0)
        )
        for label, apply in variants:
            saved = apply()
            results[label].append(repaint_only_fps(glw, 1.0))
            for item, visible in saved:
                item.setVisible(visible)
            for line in path_lines:
                line.antialias = True
            glw.layer_cache_enabled = True
    bare.close()
    view.set_surface(grids[200])
    process_until(lambda: True)
    results["full 3D view, 200², repaint only"] = [repaint_only_fps(glw, 1.0) for _ in range(3)]
    print("\nWhere a frame goes (repaint only, median of 3 × 1 s):")
    for label, values in results.items():
        print(f"  {label:<58} {statistics.median(values):6.1f} fps")

    from OpenGL import GL as _GL

    timing: dict[str, float] = {}
    counts: dict[str, int] = {}
    for item in items:
        name = type(item).__name__ + (" (antialiased)" if getattr(item, "antialias", False) else "")
        counts[name] = counts.get(name, 0) + (1 if item.visible() else 0)

        def timed(original: Callable[[], None] = item.paint, name: str = name) -> None:
            _GL.glFinish()
            started = time.perf_counter()
            original()
            _GL.glFinish()
            timing[name] = timing.get(name, 0.0) + (time.perf_counter() - started)

        item.paint = timed  # type: ignore[method-assign]

    def timed_layer(static: list[Any], original: Callable[..., None] = glw._draw_static_layer) -> None:
        _GL.glFinish()
        started = time.perf_counter()
        original(static)
        _GL.glFinish()
        timing["static layer copy (+ redraw when stale)"] = timing.get(
            "static layer copy (+ redraw when stale)", 0.0
        ) + (time.perf_counter() - started)

    glw._draw_static_layer = timed_layer  # type: ignore[method-assign]
    view.set_surface(grids[100])
    process_until(lambda: True)
    timing.clear()
    frames = sum(len(measure_fps(view, STEPS, 1.0)[1]) + 1 for _ in range(2))
    for item in items:
        del item.paint
    del glw._draw_static_layer
    print("  100² per-item time with glFinish around each item (CPU + software rasterisation), ms/frame:")
    for name, seconds in sorted(timing.items(), key=lambda kv: -kv[1]):
        print(f"    {name:<32} {seconds * 1e3 / max(frames, 1):6.2f}  ({counts.get(name, 0)} items visible)")

    # A surface change vs a play-head move vs pyqtgraph's shaded surface plot.
    print(f"\nCost of updates (median / worst of {TIMING_REPEATS}, ms, CPU side, no paint):")
    steps = iter(range(10**9))
    view.set_surface(grids[100])
    step_med, step_worst = median_ms(lambda: view.set_step(next(steps) % (STEPS + 1)))
    print(f"  SurfaceView.set_step (9 paths, per frame)          {step_med:8.3f}  worst {step_worst:8.3f}")
    rows = []
    for n in (100, 200):
        grid = grids[n]
        ours, ours_worst = median_ms(lambda grid=grid: view.set_surface(grid))
        z = np.ascontiguousarray(np.log1p(np.nan_to_num(grid.z)).T, dtype=np.float32)  # (nx, ny)
        shaded = gl.GLSurfacePlotItem(
            x=np.asarray(grid.xs, np.float32), y=np.asarray(grid.ys, np.float32), z=z, shader="shaded"
        )
        zs = [z * (1.0 + 1e-3 * i) for i in range(4)]  # new heights each call (no caching)
        calls = iter(range(10**9))

        def pg_set(shaded: gl.GLSurfacePlotItem = shaded, zs: list = zs, calls: Any = calls) -> None:
            shaded.setData(z=zs[next(calls) % 4])

        def pg_set_and_normals(
            shaded: gl.GLSurfacePlotItem = shaded, zs: list = zs, calls: Any = calls
        ) -> None:
            shaded.setData(z=zs[next(calls) % 4])
            shaded.opts["meshdata"].vertexNormals()  # what its next paint() computes (smooth=True)

        pg_med, _ = median_ms(pg_set)
        pgn_med, pgn_worst = median_ms(pg_set_and_normals)
        rows.append((n, ours, ours_worst, pg_med, pgn_med, pgn_worst))
        print(f"  SurfaceView.set_surface {n}² (mesh+shading+paths)   {ours:8.3f}  worst {ours_worst:8.3f}")
        print(f"  pg GLSurfacePlotItem(shaded).setData(z) {n}²        {pg_med:8.3f}")
        print(
            f"  pg setData(z) + vertexNormals() (its next paint) {n}² {pgn_med:8.3f}  worst {pgn_worst:8.3f}"
        )
    print("\nRatios (same run):")
    for n, ours, _, _pg_med, pgn_med, _ in rows:
        print(
            f"  {n}²: pg shaded setData+normals / our set_step = {pgn_med / step_med:8.0f}×   "
            f"pg shaded setData+normals / our set_surface = {pgn_med / ours:5.2f}×   "
            f"our set_surface / set_step = {ours / step_med:6.0f}×"
        )
    print(
        "  → a play-head frame costs set_step only; normals/shading are baked once per set_surface, "
        "whereas redrawing heights through a shaded GLSurfacePlotItem pays the normals every time."
    )
    view.close()
    app.processEvents()


if __name__ == "__main__":
    main()
