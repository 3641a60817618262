"""The collector: cyclic garbage is collected on the GUI thread only (a Qt object destroyed on a worker
deadlocks), and start-up's objects are kept out of later full collections (each of which would otherwise
walk the whole heap holding the GIL, freezing the GUI thread 0.1–0.4 s: issue 12)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.runtime.heap import collect_on_gui_thread
from app.window.launch import create_application

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


class Cycle:
    """Garbage only the cyclic collector can free; records the thread that finalised it."""

    finalised_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.finalised_on.append(threading.current_thread().name)


def allocate_containers(count: int, into: list[object]) -> None:
    """What a worker building a model does to the collector's counts: many new container objects
    (kept: the counts fall back as objects are freed)."""
    into.extend([i] for i in range(count))


def test_the_app_turns_automatic_collection_off(qapp: QApplication) -> None:
    assert create_application() is qapp
    assert collect_on_gui_thread(qapp) is collect_on_gui_thread(qapp)  # one per app
    assert not gc.isenabled()


def test_garbage_made_while_a_worker_allocates_dies_on_the_gui_thread(
    qtbot: QtBot, qapp: QApplication
) -> None:
    clock = collect_on_gui_thread(qapp).timer
    clock.start()  # the app's clock (the tests' fixture stops it)
    Cycle.finalised_on.clear()
    Cycle()  # unreachable at once, freeable only by a collection
    model: list[object] = []
    worker = threading.Thread(target=allocate_containers, args=(200_000, model), name="worker")
    worker.start()
    worker.join()
    assert Cycle.finalised_on == []  # the worker's allocations collected nothing
    try:
        qtbot.waitUntil(lambda: Cycle.finalised_on != [], timeout=5_000)  # the GUI thread's clock did
    finally:
        clock.stop()
    assert Cycle.finalised_on == [threading.main_thread().name]


def test_collect_due_follows_pythons_generation_thresholds(qapp: QApplication) -> None:
    collector = collect_on_gui_thread(qapp)
    gc.collect()
    assert collector.collect_due() == 0  # nothing allocated since: no collection is due
    Cycle.finalised_on.clear()
    Cycle()
    kept: list[object] = []
    allocate_containers(collector.thresholds[0] + 1, kept)
    assert collector.collect_due() >= 1 and Cycle.finalised_on == [threading.main_thread().name]
