"""Start-up's objects are kept out of later full collections (each of which would otherwise walk the
whole heap holding the GIL, freezing the GUI thread 0.1–0.4 s: issue 12). A fresh interpreter: the
test process's own heap is left alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

FREEZE = r"""
import gc
import app.window.launch  # the window's modules, as at start-up
from app.runtime.heap import keep_long_lived
gc.collect()
tracked = len(gc.get_objects())
keep_long_lived()
assert gc.get_freeze_count() >= tracked, (gc.get_freeze_count(), tracked)
assert len(gc.get_objects()) < tracked // 10, (len(gc.get_objects()), tracked)  # left for a full walk
assert gc.isenabled()
print("KEPT", tracked > 100_000)
"""


def test_keep_long_lived_takes_start_ups_objects_out_of_the_collections() -> None:
    done = subprocess.run(
        [sys.executable, "-c", FREEZE],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=110,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "KEPT True"
