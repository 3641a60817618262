"""Heavy work off the GUI thread: a pure function runs on Qt's thread pool, its result comes back as a
signal on the GUI thread, tagged with the generation of its request so stale results are dropped. A
request still queued when a newer one of its channel arrives is skipped, not computed (slider ticks).

``GDSCOPE_SYNC_WORKERS=1`` runs tasks inline (handy when debugging); tests use the real threads.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

SHUTDOWN_TIMEOUT_MS = 60_000  # bounded, but far longer than any task takes on a loaded machine


class _TaskSignals(QObject):
    finished = Signal(str, int, object)  # channel, generation, result
    failed = Signal(str, int, str)


class _Task(QRunnable):
    def __init__(
        self,
        signals: _TaskSignals,
        channel: str,
        generation: int,
        work: Callable[[], Any],
        generations: dict[str, int],
    ) -> None:
        super().__init__()
        self._signals = signals
        self._channel = channel
        self._generation = generation
        self._work = work
        self._generations = generations  # the worker's newest generation per channel (read only here)

    def run(self) -> None:
        if self._generations.get(self._channel) != self._generation:
            return  # a newer request of this channel came while this one waited: its result would be dropped
        try:
            result = self._work()
        except Exception as error:  # reported to the GUI as a message; the app keeps running
            with contextlib.suppress(RuntimeError):  # the worker (and its signals) went away meanwhile
                self._signals.failed.emit(self._channel, self._generation, f"{type(error).__name__}: {error}")
        else:
            with contextlib.suppress(RuntimeError):
                self._signals.finished.emit(self._channel, self._generation, result)


class BackgroundWorker(QObject):
    """Runs named channels of work; only the newest request of a channel delivers its result."""

    result_ready = Signal(str, object)  # channel, result (GUI thread, newest generation only)
    task_failed = Signal(str, str)  # channel, message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generations: dict[str, int] = {}
        self._pool, self._signals = self._new_pool()
        self._synchronous = os.environ.get("GDSCOPE_SYNC_WORKERS") == "1"

    def submit(self, channel: str, work: Callable[[], Any]) -> int:
        generation = self._generations.get(channel, 0) + 1
        self._generations[channel] = generation
        task = _Task(self._signals, channel, generation, work, self._generations)
        if self._synchronous:
            task.run()
        else:
            self._pool.start(task)
        return generation

    def is_idle(self) -> bool:
        return self._pool.activeThreadCount() == 0

    def shutdown(self, timeout_ms: int = SHUTDOWN_TIMEOUT_MS, keep: Sequence[QObject] = ()) -> bool:
        """Drop queued work and wait up to ``timeout_ms`` for the running task (the window closes).

        A task still running then is left to end on its own (it should have been told to cancel):
        its thread pool and signals, and the objects in ``keep`` it still uses, move to the
        application and are deleted once it ends, so deleting this worker never waits for it and
        its late result reaches nobody. True when nothing was left running.
        """
        for channel in self._generations:  # in place: queued tasks read it
            self._generations[channel] += 1
        self._pool.clear()
        if self._pool.waitForDone(timeout_ms):
            return True
        self._detach(keep)
        return False

    def _new_pool(self) -> tuple[QThreadPool, _TaskSignals]:
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)
        signals = _TaskSignals(self)
        signals.finished.connect(self._on_task_finished)
        signals.failed.connect(self._on_task_failed)
        return pool, signals

    def _detach(self, keep: Sequence[QObject]) -> None:
        pool, signals = self._pool, self._signals
        signals.finished.disconnect(self._on_task_finished)
        signals.failed.disconnect(self._on_task_failed)
        pool.setParent(QCoreApplication.instance())
        for thing in (signals, *keep):
            thing.setParent(pool)  # deleted with the pool, after its thread has ended
        signals.finished.connect(pool.deleteLater)
        signals.failed.connect(pool.deleteLater)
        self._pool, self._signals = self._new_pool()

    def _on_task_finished(self, channel: str, generation: int, result: object) -> None:
        if generation == self._generations.get(channel):
            self.result_ready.emit(channel, result)

    def _on_task_failed(self, channel: str, generation: int, message: str) -> None:
        if generation == self._generations.get(channel):
            self.task_failed.emit(channel, message)
