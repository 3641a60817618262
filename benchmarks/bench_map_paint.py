"""Painting the map (contour view) at the maxima: 9 runs × MAX_STEPS steps, play head at the end.

Times `grab()` of the contour view (a synchronous paint of every item) 7 times and prints the median.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python benchmarks/bench_map_paint.py

GDSCOPE_ROOT=/other/checkout measures another checkout with this same script (side by side).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, os.environ.get("GDSCOPE_ROOT", str(Path(__file__).resolve().parents[1])))

from app.state.app_state import AppState
from app.state.limits import MAX_SAMPLES, MAX_STEPS
from app.state.optimizer_kinds import OPTIMIZER_KINDS
from app.window.launch import build_window, create_application
from benchmarks.bench_support import process_until


def main() -> None:
    create_application()
    state = AppState()
    state.run.steps = MAX_STEPS
    state.run.samples = MAX_SAMPLES
    for kind in OPTIMIZER_KINDS:
        state.optimizers[kind].enabled = True
    window, controller = build_window(state)
    window.show()
    process_until(lambda: controller.grid is not None and controller.results is not None, 60)
    process_until(controller.worker.is_idle, 60)
    state.playback.step = MAX_STEPS
    process_until(lambda: False, 1)  # let the play head's redraw settle
    times = []
    for _ in range(7):
        started = time.perf_counter()
        window.contour_view.grab()
        times.append((time.perf_counter() - started) * 1e3)
    median = statistics.median(times)
    where = sys.path[0]
    print(f"map paint, 9 runs at step {MAX_STEPS:,}: median {median:.1f} ms (max {max(times):.1f}) {where}")
    controller.shutdown()
    window.close()


if __name__ == "__main__":
    main()
