"""The cyclic garbage collector, run on the GUI thread only, and start-up's objects kept out of its walks.

**Only the GUI thread collects.** Python's automatic collection runs on whichever thread allocates past
the threshold: a worker building a torch model could collect a cycle holding a Qt wrapper (a closed
window's menu), and destroying that QObject off the GUI thread deadlocks: the worker holds a Qt mutex in
``~QObject`` and waits for the GIL, while the GUI thread holds the GIL and waits for that mutex (seen in
CI, the Real model's training job against a closed window's QMenu). ``collect_on_gui_thread``
turns automatic collection off and runs the same generational schedule from a timer on the GUI thread
(the pattern of pyqtgraph's ``GarbageCollector``), so every Qt object dies where it lives.

**Start-up's objects are long-lived.** A full (generation 2) collection walks every object the collector
tracks: ~370,000 once the window, numba and pyqtgraph are up, 0.1–0.4 s on this machine with the GIL
held. What start-up created lives as long as the window: ``launch_window`` moves it out of the
collector's sight once the window is shown (``gc.freeze``), and later collections walk only what was
created since. Cyclic garbage of start-up still alive then is kept for good: a small, bounded cost.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

CHECK_INTERVAL_MS = 200  # well under a second of garbage between checks, and a check costs microseconds


def keep_long_lived() -> None:
    """Everything created so far is long-lived: later full collections no longer walk it."""
    gc.freeze()


class GuiThreadCollector(QObject):
    """Collects cyclic garbage on the GUI thread with the thresholds Python itself would use."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName("gui-thread-collector")
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.collect_due)
        gc.disable()
        self.timer.start()

    def collect_due(self) -> int:
        """Collect the generations past their threshold, as automatic collection would; the number of
        unreachable objects found."""
        young, middle, old = gc.get_count()
        if young <= self.thresholds[0]:
            return 0
        if middle <= self.thresholds[1]:
            return gc.collect(0)
        if old <= self.thresholds[2]:
            return gc.collect(1)
        return gc.collect(2)

    def stop(self) -> None:
        """Automatic collection back on (the app is going away)."""
        self.timer.stop()
        gc.enable()


def collect_on_gui_thread(app: QCoreApplication) -> GuiThreadCollector:
    """Turn automatic collection off and collect from a timer on ``app``'s (the GUI) thread; once per app."""
    existing = app.findChild(GuiThreadCollector, "gui-thread-collector")
    return existing if existing is not None else GuiThreadCollector(app)
