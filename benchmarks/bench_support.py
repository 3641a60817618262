"""What the GUI benchmarks share: running the Qt event loop until something has happened."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEventLoop

from app.window.launch import create_application


def process_until(done: Callable[[], bool], timeout_s: float = 10.0) -> bool:
    """Process events until ``done()``; False when ``timeout_s`` passed first."""
    app = create_application()
    clock = QElapsedTimer()
    clock.start()
    while not done():
        if clock.elapsed() > timeout_s * 1e3:
            return False
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
    return True
