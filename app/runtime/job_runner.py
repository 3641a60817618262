"""One cancellable job at a time on a worker thread, with progress reported to the GUI thread.

Built on `BackgroundWorker`: a job is a pure function ``work(progress, cancel)``. It may call
``progress(fraction, detail)`` as often as it likes (only a change of PROGRESS_STEP or of the detail
crosses threads) and polls ``cancel()`` to stop early. Starting a job cancels the one running; only
the newest job's progress and result are delivered, on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.runtime.workers import BackgroundWorker

PROGRESS_STEP = 0.004  # a few hundred progress signals per job at most
SHUTDOWN_WAIT_MS = 200  # closing a window waits at most this long for a cancelled job

ProgressCallback = Callable[[float, str], None]
Cancelled = Callable[[], bool]  # has the job been cancelled? (polled by the job)
Work = Callable[[ProgressCallback, Cancelled], Any]


class _Relay(QObject):
    progress = Signal(int, float, str)  # job, fraction, detail (emitted on the worker thread)


class JobRunner(QObject):
    """Reports ``progressed(fraction, detail)``, ``finished(channel, result)`` and
    ``failed(channel, message)`` for the newest job only."""

    progressed = Signal(float, str)
    finished = Signal(str, object)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = BackgroundWorker(self)
        self._relay = _Relay(self)
        self._cancel = threading.Event()
        self._job = 0
        self._running = False
        self.worker.result_ready.connect(self._on_worker_result_ready)
        self.worker.task_failed.connect(self._on_worker_task_failed)
        self._relay.progress.connect(self._on_relay_progress)

    @property
    def running(self) -> bool:
        """A job was started and has not delivered its result yet."""
        return self._running

    def start(self, channel: str, work: Work) -> None:
        self._cancel.set()  # the running job (if any) stops at its next check
        self._job += 1
        self._cancel = threading.Event()
        self._running = True
        job, report, should_stop = self._job, self._reporter(self._job), self._cancel.is_set

        def run() -> tuple[int, Any]:
            return job, work(report, should_stop)

        self.worker.submit(channel, run)

    def cancel(self) -> None:
        self._cancel.set()

    def shutdown(self) -> None:
        """Cancel, drop queued work and wait up to SHUTDOWN_WAIT_MS for the running job (the window
        is closing). A job still running then ends on its own at its next cancel check; its
        progress and result reach nobody."""
        self._cancel.set()
        self.worker.shutdown(SHUTDOWN_WAIT_MS, keep=(self._relay,))
        self._running = False

    def _reporter(self, job: int) -> ProgressCallback:
        last: list[Any] = [-1.0, None]
        signal, should_stop = self._relay.progress, self._cancel.is_set

        def report(fraction: float, detail: str) -> None:  # runs on the worker thread
            if should_stop():
                return
            if fraction - last[0] >= PROGRESS_STEP or detail != last[1] or fraction >= 1.0:
                last[0], last[1] = fraction, detail
                signal.emit(job, fraction, detail)

        return report

    def _on_relay_progress(self, job: int, fraction: float, detail: str) -> None:
        if job == self._job and not self._cancel.is_set():
            self.progressed.emit(fraction, detail)

    def _on_worker_result_ready(self, channel: str, result: Any) -> None:
        job, value = result
        if job == self._job:
            self._running = False
            self.finished.emit(channel, value)

    def _on_worker_task_failed(self, channel: str, message: str) -> None:
        self._running = False
        self.failed.emit(channel, message)
