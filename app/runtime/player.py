"""Playback: a QTimer that moves the play head at the chosen speed (steps per second)."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

FRAME_MS = 16


class Player(QObject):
    """Emits ``advance(n)`` with the whole steps due since the last frame while playing."""

    advance = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._clock = QElapsedTimer()
        self._speed = 30.0
        self._carry = 0.0

    def set_speed(self, steps_per_second: float) -> None:
        self._speed = max(0.1, steps_per_second)

    def start(self) -> None:
        self._carry = 0.0
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def _on_timer_timeout(self) -> None:
        elapsed = self._clock.restart() / 1000.0
        self._carry += elapsed * self._speed
        whole = int(self._carry)
        if whole:
            self._carry -= whole
            self.advance.emit(whole)
