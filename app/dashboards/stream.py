"""A sending thread that never holds up its caller: it sends the newest job and drops the ones it skipped.

The window recomputes every run on each slider move; a dashboard only needs the last state, so
``submit`` replaces a job still waiting, and a short ``settle`` time lets a drag finish first. A job that
fails reports ``on_error(message)`` once; the stream then stays quiet until a job succeeds again (or
``reset``), so a server that died gives one message, not one per slider move. Qt-free: the window's glue
turns ``on_error`` into a status-bar message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial

from app.dashboards.targets import DashboardError

Job = Callable[[], None]


class DashboardStream:
    def __init__(self, on_error: Callable[[str], None], settle: float = 0.0, name: str = "dashboard") -> None:
        self._on_error = on_error
        self._settle = settle
        self._pending: Job | None = None
        self._busy = False
        self._failed = False
        self._closed = False
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._run, name=f"gdscope-{name}", daemon=True)
        self._thread.start()

    def submit(self, job: Job) -> None:
        """Send ``job`` soon, replacing one not yet started."""
        with self._condition:
            if not self._closed:
                self._pending = job
                self._condition.notify()

    def reset(self) -> None:
        """A new target: report its first failure again."""
        with self._condition:
            self._failed = False

    def wait_idle(self, timeout: float) -> bool:
        """True once nothing is pending or being sent (for the CLI and tests)."""
        with self._condition:
            return self._condition.wait_for(lambda: self._pending is None and not self._busy, timeout)

    def close(self, timeout: float = 30.0) -> None:
        """Stop after the job being sent (a pending one is dropped); waits at most ``timeout`` seconds."""
        with self._condition:
            self._closed = True
            self._pending = None
            self._condition.notify_all()
        self._thread.join(timeout)

    def _next_job(self) -> Job | None:
        with self._condition:
            while True:
                self._condition.wait_for(lambda: self._pending is not None or self._closed)
                if self._closed:
                    return None
                job = self._pending
                # Give a drag time to end: a newer job replaces this one while we wait.
                if self._settle > 0 and self._condition.wait_for(partial(self._replaced, job), self._settle):
                    continue
                self._pending = None
                self._busy = True
                return job

    def _replaced(self, job: Job | None) -> bool:
        return self._pending is not job

    def _run(self) -> None:
        while (job := self._next_job()) is not None:
            message = None
            try:
                job()
            except DashboardError as error:
                message = str(error)
            except Exception as error:  # a dashboard must never take the app down
                message = f"{type(error).__name__}: {error}"
            with self._condition:
                report = message is not None and not self._failed
                self._failed = message is not None
            if report and message is not None:
                self._on_error(message)
            with self._condition:
                self._busy = False
                self._condition.notify_all()
