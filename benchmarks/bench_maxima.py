"""The window at the limits' maxima: GUI-thread block of a rerun, and memory above an idle window.

All 9 optimizer rows, MAX_STEPS steps, MAX_SAMPLES synthetic samples, on rosenbrock (analytic, with
gradient noise) and on linear regression over a MAX_SAMPLES-row CSV; full batch and batch 16. Each case
changes the learning rate REPEATS times the way the slider does (``lr_changed.emit``) and measures,
per change, the longest single block of the GUI thread until the new results are shown (the emit
itself, and the apply of a result handed back by the worker), as medians. Memory: VmRSS of an idle
window (first grid drawn) and the high-water mark VmHWM after all cases.

The first data problem makes the course panels import torch (critical points) on a worker thread; for
the seconds that import runs, every call the GUI thread makes into Qt may wait up to the interpreter's
5 ms switch interval for the GIL, which multiplies a rerun's apply several-fold. That one-off start-up
cost is measured once ("while torch imports"), then the cases wait for the import to end.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python benchmarks/bench_maxima.py

GDSCOPE_ROOT=/other/checkout measures another checkout with this same script (side by side).
"""

from __future__ import annotations

import os
import selectors
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, os.environ.get("GDSCOPE_ROOT", str(Path(__file__).resolve().parents[1])))

from app.state.app_state import AppState
from app.state.limits import MAX_SAMPLES, MAX_STEPS
from app.state.optimizer_kinds import OPTIMIZER_KINDS
from app.window.launch import build_window, create_application
from benchmarks.bench_support import process_until

REPEATS = 5
TARGET_BLOCK_MS = 50.0


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class BlockMeter:
    """The longest stretch the GUI thread spends inside one of the wrapped callables."""

    def __init__(self) -> None:
        self.longest = 0.0

    def wrap(self, owner: object, name: str) -> None:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.longest = max(self.longest, time.perf_counter() - started)

        setattr(owner, name, timed)


def _others_busy() -> bool:
    """Another thread is running Python code (a worker importing torch), not parked in a wait."""
    import threading

    parked = {threading.__file__, selectors.__file__}
    me = threading.get_ident()
    return any(k != me and f.f_code.co_filename not in parked for k, f in sys._current_frames().items())


def main() -> None:
    if os.environ.get("GDSCOPE_NO_PRELOAD") != "1":  # as `gdscope` starts (app.cli.main.main)
        from app.runtime.torch_loader import preload_torch_libraries_in_background

        preload_torch_libraries_in_background().join(60)
    create_application()
    state = AppState()
    state.run.steps = MAX_STEPS
    state.run.samples = MAX_SAMPLES
    for kind in OPTIMIZER_KINDS:
        state.optimizers[kind].enabled = True
    window, controller = build_window(state)
    window.show()
    process_until(lambda: controller.grid is not None and controller.worker.is_idle(), 60)
    idle_kb = _status_kb("VmRSS")
    meter = BlockMeter()
    meter.wrap(controller, "_show_runs")  # runs handed back by the worker, applied on the GUI thread
    csv = Path(tempfile.mkdtemp()) / "rows.csv"
    csv.write_text(
        "x,y\n" + "".join(f"{i / MAX_SAMPLES:.6f},{(i * 7919) % 101 / 50:.4f}\n" for i in range(MAX_SAMPLES))
    )
    cases = [
        ("rosenbrock", "", 0, True),
        ("rosenbrock", "", 16, True),
        ("rosenbrock", "", 0, False),
        ("linear-regression", str(csv), 0, True),
        ("linear-regression", str(csv), 16, True),
    ]
    print(f"9 runs × {MAX_STEPS:,} steps, {MAX_SAMPLES:,} samples; idle RSS {idle_kb / 1024:.0f} MB")
    for problem_id, data_file, batch, shuffle in cases:
        state.run.data_file = data_file
        state.run.problem_id = problem_id
        state.run.batch_size = batch
        state.run.shuffle = shuffle
        process_until(lambda: controller.worker.is_idle() and controller.results is not None, 60)
        if _others_busy():
            generation = controller.results.generation if controller.results else 0
            meter.longest = 0.0
            window.controls_panel.lr_changed.emit(0.00105)
            process_until(lambda g=generation: controller.results.generation > g, 60)
            first = meter.longest * 1e3
            print(f"{problem_id:18s} first change while torch imports on a worker: {first:6.1f} ms")
            process_until(lambda: not _others_busy() and controller.worker.is_idle(), 180)
        blocks = []
        for i in range(REPEATS):
            generation = controller.results.generation if controller.results else 0
            meter.longest = 0.0
            started = time.perf_counter()
            window.controls_panel.lr_changed.emit(0.0011 + 0.0001 * i)
            meter.longest = max(meter.longest, time.perf_counter() - started)
            process_until(
                lambda g=generation: (
                    controller.results is not None
                    and controller.results.generation > g + 0
                    and controller.worker.is_idle()
                ),
                60,
            )
            blocks.append(meter.longest * 1e3)
        batch_name = "full" if batch == 0 else str(batch)
        median = statistics.median(blocks)
        print(
            f"{problem_id:18s} batch {batch_name:4s} shuffle {shuffle!s:5s}:"
            f" GUI block median {median:6.1f} ms"
            f" (max {max(blocks):6.1f})  {'ok' if median <= TARGET_BLOCK_MS else 'OVER'}"
        )
    peak_kb = _status_kb("VmHWM")
    print(
        f"memory: idle {idle_kb / 1024:.0f} MB, peak {peak_kb / 1024:.0f} MB,"
        f" above idle {(peak_kb - idle_kb) / 1024:.0f} MB"
    )
    controller.shutdown()
    window.close()


if __name__ == "__main__":
    main()
