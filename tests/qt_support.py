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

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

# Must happen before the QApplication exists, or a second GLViewWidget fails.
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

# Settings, recent files and the autosaved session go to a throw-away folder, never the user's own.
_settings_folder = tempfile.mkdtemp(prefix="gdscope-test-settings-")
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, _settings_folder)
QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(autouse=True)
def no_leaked_qt_objects(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a visible window, a running thread or an app-level timer behind."""
    threads_before = {t.ident for t in threading.enumerate()}
    widgets_before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    yield
    QApplication.processEvents()
    leaked_widgets = [
        type(w).__name__
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and id(w) not in widgets_before
    ]
    assert not leaked_widgets, f"visible widgets left open: {leaked_widgets}"
    assert QThreadPool.globalInstance().waitForDone(5000), "thread-pool work still running"
    leaked_threads = [t.name for t in threading.enumerate() if t.ident not in threads_before and t.is_alive()]
    assert not leaked_threads, f"threads left running: {leaked_threads}"
    active_timers = [t for t in qapp.findChildren(QTimer) if t.isActive()]
    assert not active_timers, f"{len(active_timers)} application-level timers left running"
