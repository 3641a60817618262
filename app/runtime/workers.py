"""Heavy work off the GUI thread: a pure function runs on Qt's thread pool, its result comes back as a
signal on the GUI thread, tagged with the generation of its request so stale results are dropped.

``GDSCOPE_SYNC_WORKERS=1`` runs tasks inline (handy when debugging); tests use the real threads.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _TaskSignals(QObject):
    finished = Signal(str, int, object)  # channel, generation, result
    failed = Signal(str, int, str)


class _Task(QRunnable):
    def __init__(self, signals: _TaskSignals, channel: str, generation: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self._signals = signals
        self._channel = channel
        self._generation = generation
        self._work = work

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # reported to the GUI as a message; the app keeps running
            self._signals.failed.emit(self._channel, self._generation, f"{type(error).__name__}: {error}")
        else:
            self._signals.finished.emit(self._channel, self._generation, result)


class BackgroundWorker(QObject):
    """Runs named channels of work; only the newest request of a channel delivers its result."""

    result_ready = Signal(str, object)  # channel, result (GUI thread, newest generation only)
    task_failed = Signal(str, str)  # channel, message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._generations: dict[str, int] = {}
        self._signals = _TaskSignals(self)
        self._signals.finished.connect(self._on_task_finished)
        self._signals.failed.connect(self._on_task_failed)
        self._synchronous = os.environ.get("GDSCOPE_SYNC_WORKERS") == "1"

    def submit(self, channel: str, work: Callable[[], Any]) -> int:
        generation = self._generations.get(channel, 0) + 1
        self._generations[channel] = generation
        task = _Task(self._signals, channel, generation, work)
        if self._synchronous:
            task.run()
        else:
            self._pool.start(task)
        return generation

    def is_idle(self) -> bool:
        return self._pool.activeThreadCount() == 0

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Drop queued work and wait for the running task (called when the window closes)."""
        self._generations = {channel: gen + 1 for channel, gen in self._generations.items()}
        self._pool.clear()
        self._pool.waitForDone(timeout_ms)

    def _on_task_finished(self, channel: str, generation: int, result: object) -> None:
        if generation == self._generations.get(channel):
            self.result_ready.emit(channel, result)

    def _on_task_failed(self, channel: str, generation: int, message: str) -> None:
        if generation == self._generations.get(channel):
            self.task_failed.emit(channel, message)
