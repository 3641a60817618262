"""Learning-rate drag latency of the whole window: from a slider change to the 3D view's next frame.

The full window (`build_window`), all 9 optimizer rows enabled, 1,000 steps, rosenbrock. A drag is
simulated by ~60 learning rates along the slider's log range, each sent the way the slider sends
it, waiting for the 3D view's next `frameSwapped` before the next value:

* ``signal``: `controls_panel.lr_changed.emit(lr)` (what the panel emits while dragging);
* ``slider``: `setValue` on the real QSlider inside the learning-rate widget (its own cost included).

For each change: the GUI-thread block (the duration of the emit / setValue call, which runs the
engine and updates every view synchronously) and the latency to the next drawn 3D frame. The two
ways are swept alternately, several times, in this one run (the machine is shared: medians).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python benchmarks/bench_latency.py
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyqtgraph as pg
from PySide6.QtWidgets import QSlider

import app.window.controller as controller_module
from app.runtime.heap import keep_long_lived
from app.state.app_state import AppState
from app.state.optimizer_kinds import OPTIMIZER_KINDS
from app.window.launch import build_window, create_application
from app.window.run_views import run_paths
from benchmarks.bench_support import process_until

STEPS = 1000
N_VALUES = 60
SWEEPS = 3  # per way, alternating
LR_LOW, LR_HIGH = 1e-4, 1.0  # the slider's range
TARGET_MEDIAN_MS = 33.0
TARGET_BLOCK_MS = 50.0


class Timed:
    """Wraps a callable attribute and sums its time between resets (a breakdown of the block)."""

    def __init__(self, owner: object, name: str) -> None:
        self.owner, self.name = owner, name
        self.original = getattr(owner, name)
        self.total = 0.0

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.total += time.perf_counter() - started

        setattr(owner, name, wrapped)

    def take(self) -> float:
        value, self.total = self.total, 0.0
        return value * 1e3


def find_lr_slider(panel: Any) -> tuple[QSlider | None, Callable[[float], int] | None]:
    """The QSlider inside the learning-rate widget and its value → position mapping."""
    widget = getattr(panel, "lr_slider", None)
    slider = getattr(widget, "slider", None)
    if isinstance(slider, QSlider) and hasattr(widget, "position_for"):
        return slider, widget.position_for
    return None, None


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    return f"median {statistics.median(values):6.1f}  p90 {p90:6.1f}  worst {ordered[-1]:6.1f} ms"


def main() -> None:
    app = create_application()
    state = AppState()
    state.run.problem_id = "rosenbrock"
    state.run.steps = STEPS
    for kind in OPTIMIZER_KINDS:
        state.optimizers[kind].enabled = True
    build_started = time.perf_counter()
    window, controller = build_window(state)
    build_ms = (time.perf_counter() - build_started) * 1e3
    window.show()
    keep_long_lived()  # as launch_window does: start-up's objects out of later collections' walk
    glw = window.surface_view.gl_view
    frames = {"count": 0, "at": 0.0}

    def on_swapped() -> None:
        frames["count"] += 1
        frames["at"] = time.perf_counter()

    glw.frameSwapped.connect(on_swapped)
    ready = process_until(
        lambda: frames["count"] > 0 and controller.grid is not None and controller.worker.is_idle(), 30.0
    )
    process_until(lambda: False, 0.5)  # let the thumbnails land and the window settle
    if not ready:
        print("the window never drew a frame with its surface: is an X server (xvfb-run) there?")
        return
    panel = window.controls_panel
    slider, position_for = find_lr_slider(panel)
    results = controller.results
    n_runs = len(run_paths(results)) if results is not None else 0
    print(
        f"window {window.width()}×{window.height()}, 3D view {glw.width()}×{glw.height()}; "
        f"{n_runs} runs × {STEPS} steps, rosenbrock; build_window {build_ms:.0f} ms"
    )

    # The drag: slider positions spread over the log range (the values the slider itself produces).
    if slider is not None and position_for is not None:
        positions = [round(p) for p in _linspace(slider.minimum(), slider.maximum(), N_VALUES)]
        widget = panel.lr_slider
        values = [widget.value_at(p) for p in positions]
    else:
        positions = []
        values = [10**v for v in _linspace(math.log10(LR_LOW), math.log10(LR_HIGH), N_VALUES)]

    # Breakdown of the block (wrapping the running objects; nothing on disk is changed).
    parts: list[tuple[str, Timed]] = []
    if hasattr(controller_module, "run_many"):
        parts.append(("engine run_many", Timed(controller_module, "run_many")))
    for label, owner, name in (
        ("3D view set_runs", window.surface_view, "set_runs"),
        ("3D view set_step", window.surface_view, "set_step"),
        ("contour set_runs", window.contour_view, "set_runs"),
        ("contour set_step", window.contour_view, "set_step"),
        ("loss panel set_curves", window.loss_panel, "set_curves"),
        ("loss panel set_step", window.loss_panel, "set_step"),
        ("status panel set_lines", window.status_panel, "set_lines"),
    ):
        if hasattr(owner, name):
            parts.append((label, Timed(owner, name)))

    # Painting after the block, up to the 3D frame: each pyqtgraph 2D view's paintEvent and the GL paint.
    paints: list[tuple[str, Timed]] = [("3D view paintGL (items)", Timed(glw, "paintGL"))]
    for view in window.findChildren(pg.GraphicsView):
        owner = view.parentWidget()
        name = type(owner).__name__ if owner is not None else "GraphicsView"
        if view.isVisible():
            paints.append((f"{name} paintEvent", Timed(view, "paintEvent")))

    def change(way: str, index: int) -> tuple[float, float]:
        """(GUI block ms, ms to the next 3D frame) for one learning-rate change."""
        process_until(lambda: True)
        seen = frames["count"]
        started = time.perf_counter()
        if way == "slider" and slider is not None:
            slider.setValue(positions[index])
        else:
            panel.lr_changed.emit(values[index])
        blocked = (time.perf_counter() - started) * 1e3
        if not process_until(lambda: frames["count"] > seen, 5.0):
            return blocked, float("nan")
        return blocked, (frames["at"] - started) * 1e3

    ways = ["signal", "slider"] if slider is not None else ["signal"]
    if slider is None:
        print("(no QSlider found in controls_panel.lr_slider: only the signal is driven)")
    for way in ways:  # warm-up: first sizes of every array, numba dispatch, pyqtgraph caches
        for i in range(0, N_VALUES, 6):
            change(way, i)
    for _, timer in parts + paints:
        timer.take()

    blocks: dict[str, list[float]] = {w: [] for w in ways}
    latencies: dict[str, list[float]] = {w: [] for w in ways}
    breakdown: dict[str, list[float]] = {label: [] for label, _ in parts}
    paint_ms: dict[str, list[float]] = {label: [] for label, _ in paints}
    after_block: list[float] = []
    worst: dict[str, tuple[float, float]] = {}
    for sweep in range(SWEEPS):
        for way in ways:
            order = (
                range(N_VALUES) if sweep % 2 == 0 else range(N_VALUES - 1, -1, -1)
            )  # drag right, then back
            for i in order:
                blocked, latency = change(way, i)
                blocks[way].append(blocked)
                latencies[way].append(latency)
                for label, timer in parts:
                    breakdown[label].append(timer.take())
                for label, timer in paints:
                    paint_ms[label].append(timer.take())
                after_block.append(latency - blocked)
                if blocked > worst.get(way, (0.0, 0.0))[0]:
                    worst[way] = (blocked, values[i])

    print(
        f"\n{N_VALUES} learning rates {values[0]:.3g} … {values[-1]:.3g} (log spaced), "
        f"{SWEEPS} sweeps per way, "
        "alternating; each change waits for the 3D view's next frame"
    )
    for way in ways:
        lat = [v for v in latencies[way] if not math.isnan(v)]
        missing = len(latencies[way]) - len(lat)
        lat_ok = "MET" if statistics.median(lat) <= TARGET_MEDIAN_MS else "MISSED"
        block_ok = "MET" if max(blocks[way]) <= TARGET_BLOCK_MS else "MISSED"
        over = sum(1 for b in blocks[way] if b > TARGET_BLOCK_MS)
        label = "lr_changed.emit" if way == "signal" else "QSlider.setValue"
        print(
            f"  {label:<17} change → next 3D frame: {summary(lat)}   "
            f"target median ≤ {TARGET_MEDIAN_MS:.0f} ms: {lat_ok}"
        )
        print(
            f"  {'':<17} GUI thread blocked:    {summary(blocks[way])}   "
            f"target never > {TARGET_BLOCK_MS:.0f} ms: "
            f"{block_ok} ({over}/{len(blocks[way])} over; worst at lr={worst[way][1]:.3g})"
            + (f"; {missing} changes drew no frame within 5 s" if missing else "")
        )
    if len(ways) == 2:
        ratio = statistics.median(blocks["slider"]) / statistics.median(blocks["signal"])
        print(
            f"  slider / signal median block ratio: {ratio:.2f} "
            f"(widget's own cost ≈ "
            f"{statistics.median(blocks['slider']) - statistics.median(blocks['signal']):.2f} ms)"
        )
    if parts:
        total_block = statistics.median(blocks[ways[0]] + (blocks[ways[1]] if len(ways) > 1 else []))
        print(
            f"\nWhere the block goes (median ms per change, all changes; median block {total_block:.1f} ms):"
        )
        for label, values_ms in breakdown.items():
            print(f"  {label:<24} {statistics.median(values_ms):7.2f}  worst {max(values_ms):7.2f}")
        print("  (set_step/set_lines run inside set_runs/show_results too; the rows overlap, not a sum)")
    finite_after = [v for v in after_block if not math.isnan(v)]
    print(
        f"\nAfter the block until the 3D frame (paint + window composition + swap): "
        f"median {statistics.median(finite_after):.1f} ms, worst {max(finite_after):.1f} ms; "
        "of it (median ms per change):"
    )
    for label, values_ms in paint_ms.items():
        print(f"  {label:<34} {statistics.median(values_ms):7.2f}  worst {max(values_ms):7.2f}")
    print(
        "  the rest: native Qt — OpenGL composition of the whole window (a QOpenGLWidget makes Qt composite"
    )
    print(
        "  every repaint through GL), GL rasterisation at swap, style/layout; "
        "on llvmpipe all of it on the CPU"
    )
    glw.frameSwapped.disconnect(on_swapped)
    controller.shutdown()
    window.close()
    app.processEvents()


def _linspace(low: float, high: float, n: int) -> list[float]:
    return [low + (high - low) * i / (n - 1) for i in range(n)]


if __name__ == "__main__":
    main()
