"""Waiting on the GUI thread without freezing it, and grabbing what it drew: used by the commands that
draw a window and write a picture (`gdscope render`, `gdscope landscape --out`) and by File → Export.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QTimer

POLL_MS = 20


def wait_until(condition: Callable[[], bool], timeout_ms: int | None = None) -> bool:
    """Run the event loop until ``condition()`` holds (polled every POLL_MS) or ``timeout_ms`` passes.

    Returns whether the condition held.
    """
    if condition():
        return True
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(POLL_MS)

    def check() -> None:
        if condition():
            loop.quit()

    poll.timeout.connect(check)
    deadline = QTimer()
    if timeout_ms is not None:
        deadline.setSingleShot(True)
        deadline.timeout.connect(loop.quit)
        deadline.start(timeout_ms)
    poll.start()
    loop.exec()
    poll.stop()
    deadline.stop()
    return condition()


def after_turns(turns: int) -> Callable[[], bool]:
    """A condition that holds after ``turns`` polls (so a GL view has drawn its last frame)."""
    count = [0]

    def done() -> bool:
        count[0] += 1
        return count[0] > turns

    return done


def png_bytes(image: Any) -> bytes:
    """``image`` (a QImage or QPixmap) encoded as PNG in memory; ValueError if it cannot be."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ValueError("the image could not be encoded as PNG")
    return bytes(data.data())
