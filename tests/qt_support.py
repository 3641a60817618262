"""Qt set-up shared by the widget and app tests: OpenGL context sharing and leak checks.

Imported by tests/widgets/conftest.py and tests/app/conftest.py only, so the algorithm
tests never import Qt.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator

import pytest

if not os.environ.get("DISPLAY"):
    raise RuntimeError("The Qt tests need an X display with OpenGL: run them with `make test` (Xvfb).")
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    QStandardPaths,
    Qt,
    QThreadPool,
    QTimer,
)
from PySide6.QtWidgets import QApplication

from app.runtime.heap import GuiThreadCollector, collect_on_gui_thread

# Must happen before the QApplication exists, or a second GLViewWidget fails.
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

# Settings, recent files and the autosaved session go to a throw-away folder, never the user's own.
_settings_folder = tempfile.mkdtemp(prefix="gdscope-test-settings-")
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, _settings_folder)
QStandardPaths.setTestModeEnabled(True)


def _thread_pools(qapp: QApplication) -> list[QThreadPool]:
    """Qt's global pool and every pool of the app (each worker owns one) still alive."""
    owners = [qapp, *QApplication.topLevelWidgets()]
    return [QThreadPool.globalInstance(), *(p for o in owners for p in o.findChildren(QThreadPool))]


def _active_timers(owners: list[QObject]) -> list[str]:
    """The app's running timers (a player, a step-by-step clock), not Qt's own (a status-bar message's)."""
    timers = [t for o in owners for t in o.findChildren(QTimer) if t.isActive()]
    return [f"{type(t.parent()).__name__}'s timer" for t in timers if not _qt_own(t.parent())]


def _qt_own(owner: QObject | None) -> bool:
    """Qt's own objects, and the app-wide garbage collector's clock (it lives as long as the app)."""
    if isinstance(owner, GuiThreadCollector):
        return True
    return owner is not None and type(owner).__module__.startswith("PySide6")


@pytest.fixture(autouse=True)
def no_leaked_qt_objects(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a visible window, background work (a thread-pool job, a thread) or a
    timer running behind it: the window it ran in is torn down next, and work still running on it
    aborts the process (or hangs it) later, in another test."""
    # As in the app, cyclic garbage is collected on the GUI thread only; here at each test's end, once its
    # closed widgets are deleted, not by the clock in between: a clock tick inside pytest-qt's teardown
    # would collect a closed, parentless widget (it still holds its pyqtgraph items), clearing their
    # attributes before the widget's C++ destructor calls their Python overrides.
    collect_on_gui_thread(qapp).timer.stop()
    threads_before = {t.ident for t in threading.enumerate()}
    widgets_before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    windows_before = {id(w) for w in QApplication.topLevelWidgets()}
    yield
    QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    collect_on_gui_thread(qapp).collect_due()
    leaked_widgets = [
        type(w).__name__
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and id(w) not in widgets_before
    ]
    # A cancelled job may take a moment to notice (a closed window detaches it to the application):
    # 10 s of grace, then it counts as left running; it may end before the next test, whatever the verdict.
    busy_pools = [pool for pool in _thread_pools(qapp) if not pool.waitForDone(10_000)]
    for pool in busy_pools:
        pool.waitForDone(60_000)
    leaked_threads = [t.name for t in threading.enumerate() if t.ident not in threads_before and t.is_alive()]
    closed_windows = [  # the windows this test made and closed
        w for w in QApplication.topLevelWidgets() if not w.isVisible() and id(w) not in windows_before
    ]
    active_timers = _active_timers([qapp, *closed_windows])
    assert not leaked_widgets, f"visible widgets left open: {leaked_widgets}"
    assert not busy_pools, f"{len(busy_pools)} thread pools still running work (call the window's shutdown())"
    assert not leaked_threads, f"threads left running: {leaked_threads}"
    assert not active_timers, f"timers left running: {active_timers}"
