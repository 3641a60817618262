"""Start-up needs no torch: the window, its first runs (noise and shuffled batches included) and the CLI's
deterministic and mini-batch runs are computed without importing it; torch arrives after the surface,
and the views that need it (critical points) fill in then. Fresh interpreters, so nothing is preloaded.
(The CLI's JSON for the SGD family carries lr_stability_limit, an autograd Hessian: that one needs torch.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

WITHOUT_TORCH = r"""
import contextlib, io, sys
from app.cli.main import main as gdscope
from app.window.launch import build_window, create_application
assert "torch" not in sys.modules, "importing the window imported torch"
assert "app.real_model.window" not in sys.modules, "the Real model window is imported when first opened"
from app.state.app_state import AppState
app = create_application()
window, controller = build_window(AppState())
runs = controller.results.completed()
assert [e.key for e in runs] == ["gd", "momentum", "adam"], [e.key for e in runs]
assert all(e.result.steps_taken == controller.results.steps for e in runs)
assert runs[1].result.spec.batch_size == 16  # mini-batches: noise and a shuffled order, all without torch
out = io.StringIO()
for argv in (
    ["trajectory", "--surface", "rosenbrock", "--optimizer", "adam", "--steps", "10"],
    ["trajectory", "--surface", "rosenbrock", "--optimizer", "rmsprop", "--batch-size", "4", "--steps", "10"],
    ["trajectory", "--surface", "logistic-regression", "--optimizer", "adagrad", "--batch-size", "8",
     "--split", "0.7,0.15,0.15", "--steps", "10"],
):
    with contextlib.redirect_stdout(out):
        assert gdscope(argv) == 0
assert "torch" not in sys.modules, "a run imported torch"
controller.shutdown()
print("NO TORCH")
"""

TORCH_AFTER_SURFACE = r"""
import sys
from PySide6.QtCore import QTimer
from app.window.launch import build_window, create_application
from app.window.course_controller import CourseController
from app.state.app_state import AppState
app = create_application()
window, controller = build_window(AppState(), first_runs_on_worker=True)  # as the app starts
course = window.findChild(CourseController)
seen = {}
def on_grid(_grid):
    seen["torch_at_grid"] = "torch" in sys.modules
def check():
    if course.critical_points and window.controls_panel.lr_slider.marks():
        seen["critical"] = len(course.critical_points)
        seen["stability_marks"] = len(window.controls_panel.lr_slider.marks())
        app.quit()
controller.grid_changed.connect(on_grid)
timer = QTimer(); timer.timeout.connect(check); timer.start(20)
QTimer.singleShot(100_000, app.quit)
window.show()
app.exec()
controller.shutdown()
print("SEEN", seen["torch_at_grid"], seen.get("critical", 0), "torch" in sys.modules,
      seen.get("stability_marks", 0))
"""


def _run(code: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=110
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_window_and_runs_are_computed_without_importing_torch() -> None:
    assert "NO TORCH" in _run(WITHOUT_TORCH)


def test_torch_is_imported_after_the_surface_and_critical_points_follow() -> None:
    out = _run(TORCH_AFTER_SURFACE)
    line = next(line for line in out.splitlines() if line.startswith("SEEN"))
    torch_at_grid, critical, torch_at_end, stability_marks = line.split()[1:]
    assert torch_at_grid == "False"  # the surface grid arrived before torch was imported
    assert int(critical) == 1 and torch_at_end == "True"  # Rosenbrock's one minimum, analysed with autograd
    assert int(stability_marks) >= 1  # the lr slider's stability limits (Hessians, autograd) follow too


PRELOAD = r"""
import sys
from app.runtime.torch_loader import preload_torch_libraries_in_background
preload_torch_libraries_in_background().join(60)
maps = open("/proc/self/maps").read()
print("PRELOADED", "libtorch_cpu" in maps, "torch" in sys.modules)
"""


def test_the_window_start_loads_torchs_libraries_without_importing_torch() -> None:
    """`gdscope` loads torch's shared libraries on a thread before the window's imports (a later load held
    the dynamic loader's lock through the first paint with paths): loaded, but torch is not imported."""
    assert "PRELOADED True False" in _run(PRELOAD)
