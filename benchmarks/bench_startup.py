"""Start-up time: from process start to the 3D view's first drawn frame, and what the imports cost.

Spawns fresh `python -c` processes that start the window the way the `gdscope` command does
(import `app.cli.main`, then `create_application`, `build_window`, `show`) and report when the 3D view's
`frameSwapped` first fires, and when it first fires with the loss surface in it (the grid arrives
from the worker). Then the import time of the heavy modules, in fresh processes too.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python benchmarks/bench_startup.py
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5
IMPORT_RUNS = 3
TARGET_S = 3.0

CHILD = r"""
import json, os, sys, time
marks = {"python_ready": time.time()}
import app.cli.main  # what the `gdscope` entry point imports before anything else
marks["import_cli"] = time.time()
from app.window.launch import build_window, create_application
marks["import_launch"] = time.time()
from PySide6.QtCore import QTimer
app = create_application()
marks["qapplication"] = time.time()
window, controller = build_window()
marks["build_window"] = time.time()
glw = window.surface_view.gl_view
def on_swapped():
    now = time.time()
    marks.setdefault("first_frame", now)
    if controller.grid is not None and "surface_frame" not in marks:
        marks["surface_frame"] = now
        app.quit()
glw.frameSwapped.connect(on_swapped)
controller.grid_changed.connect(lambda _grid: marks.setdefault("grid_ready", time.time()))
QTimer.singleShot(60_000, app.quit)
window.show()
marks["show"] = time.time()
app.exec()
print("MARKS " + json.dumps(marks), flush=True)
controller.shutdown()
os._exit(0)
"""

IMPORTS = r"""
import json, time
order = [
    ("numpy", "import numpy"),
    ("torch", "import torch"),
    ("numba", "import numba"),
    ("PySide6 (QtWidgets, QtOpenGL)", "import PySide6.QtWidgets, PySide6.QtOpenGL, PySide6.QtOpenGLWidgets"),
    ("pyqtgraph", "import pyqtgraph"),
    ("pyqtgraph.opengl (+ PyOpenGL)", "import pyqtgraph.opengl"),
    ("algorithms.engine (+ kernels)", "import algorithms.engine"),
    ("app.cli.main", "import app.cli.main"),
    ("app.window.launch (window, widgets)", "import app.window.launch"),
]
times = {}
for name, statement in order:
    started = time.perf_counter()
    exec(statement)
    times[name] = time.perf_counter() - started
print("IMPORTS " + json.dumps(times), flush=True)
"""

STAGES = (
    ("python_ready", "interpreter up"),
    ("import_cli", "import app.cli.main"),
    ("import_launch", "import app.window.launch"),
    ("qapplication", "QApplication"),
    ("build_window", "build_window (window + controller + first runs)"),
    ("show", "window.show()"),
    ("first_frame", "first 3D frame (frameSwapped)"),
    ("grid_ready", "surface grid back from the worker"),
    ("surface_frame", "first 3D frame with the surface"),
)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("QT_QPA_PLATFORM", "xcb")
    return env


def start_once() -> dict[str, float] | None:
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=180
    )
    for line in done.stdout.splitlines():
        if line.startswith("MARKS "):
            marks = json.loads(line[len("MARKS ") :])
            return {key: value - started for key, value in marks.items()}
    print(f"  a start-up run failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return None


def imports_once() -> dict[str, float] | None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=180,
    )
    for line in done.stdout.splitlines():
        if line.startswith("IMPORTS "):
            return json.loads(line[len("IMPORTS ") :])
    print(f"  an import run failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return None


HEAVY = ("torch", "numba", "scipy", "PySide6.QtWidgets", "pyqtgraph", "pyqtgraph.opengl", "OpenGL", "numpy")


def importtime_rows() -> list[tuple[int, float, float, str]]:
    """`-X importtime` of the real start-up imports: (depth, cumulative s, self s, module) in output order."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import app.cli.main, app.window.launch"],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=180,
    )
    rows = []
    pattern = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)")
    for line in done.stderr.splitlines():
        match = pattern.match(line)
        if match:
            depth = len(match.group(3)) // 2
            rows.append((depth, int(match.group(2)) / 1e6, int(match.group(1)) / 1e6, match.group(4)))
    return rows


def importer_chain(rows: list[tuple[int, float, float, str]], index: int) -> list[str]:
    """Who imported rows[index]: importtime prints children before their parent, one level deeper."""
    chain, depth = [], rows[index][0]
    for row_depth, _, _, name in rows[index + 1 :]:
        if row_depth < depth:
            chain.append(name)
            depth = row_depth
            if depth == 0:
                break
    return chain


def main() -> None:
    print(
        f"{RUNS} fresh processes: `python -c` starting the window like `gdscope` (times from process spawn)"
    )
    start_once()  # warm-up: numba caches, the OS file cache
    runs = [r for r in (start_once() for _ in range(RUNS)) if r is not None]
    if not runs:
        return
    print(f"  {'stage':<50} {'median':>8} {'worst':>8}   (s since spawn; per run)")
    for key, label in STAGES:
        values = [r[key] for r in runs if key in r]
        if values:
            each = " ".join(f"{v:5.2f}" for v in values)
            print(f"  {label:<50} {statistics.median(values):8.2f} {max(values):8.2f}   [{each}]")
    first = [r["first_frame"] for r in runs if "first_frame" in r]
    surface = [r["surface_frame"] for r in runs if "surface_frame" in r]
    verdict = "MET" if first and statistics.median(first) <= TARGET_S and max(first) <= TARGET_S else "MISSED"
    print(
        f"  → first drawn 3D frame: median {statistics.median(first):.2f} s, worst {max(first):.2f} s; "
        f"target ≤ {TARGET_S:g} s: {verdict}"
    )
    if surface:
        verdict = "MET" if statistics.median(surface) <= TARGET_S else "MISSED"
        print(
            f"  → first frame showing the surface: median {statistics.median(surface):.2f} s, "
            f"worst {max(surface):.2f} s (against {TARGET_S:g} s: {verdict})"
        )

    print(f"\nImport times in fresh processes (each row adds to those above it; median of {IMPORT_RUNS}), s:")
    imports = [r for r in (imports_once() for _ in range(IMPORT_RUNS)) if r is not None]
    if imports:
        total = [sum(r.values()) for r in imports]
        for name in imports[0]:
            values = [r[name] for r in imports]
            print(f"  {name:<34} {statistics.median(values):6.3f}  worst {max(values):6.3f}")
        print(f"  {'total':<34} {statistics.median(total):6.3f}  worst {max(total):6.3f}")
    print(
        "\n`-X importtime` of `import app.cli.main, app.window.launch` (cumulative s where first imported, and by whom):"
    )
    rows = importtime_rows()
    for wanted in HEAVY:
        for index, (_, cumulative, _, name) in enumerate(rows):
            if name == wanted:
                chain = importer_chain(rows, index)
                print(f"  {name:<20} {cumulative:6.3f}  ← {' ← '.join(chain[:4])}")
                break
    app_rows = [(c, n) for d, c, _, n in rows if d == 0 and n.startswith("app.")]
    print("  top-level: " + ", ".join(f"{n} {c:.2f}" for c, n in app_rows))


if __name__ == "__main__":
    main()
