"""A window's connections as data: (signal, slot) pairs connected together and undone together.

Used by each window's one wiring module (app/window/wiring.py, app/real_model/wiring.py). Qt-free:
Qt signals and psygnal signals have the same ``connect``/``disconnect``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

Pair = tuple[Any, Callable[..., Any]]


@dataclass
class Wiring:
    """Connections to make and to undo: Qt signals (they go with their objects) and the state's."""

    qt: Sequence[Pair] = ()
    state: Sequence[Pair] = ()
    _connected: bool = field(default=False, repr=False)

    def connect(self) -> None:
        for signal, slot in (*self.qt, *self.state):
            signal.connect(slot)
        self._connected = True

    def undo_state(self) -> None:
        """Stop hearing the state (idempotent): the window goes, the state stays."""
        if self._connected:
            for signal, slot in self.state:
                signal.disconnect(slot)
            self.state = ()

    def undo(self) -> None:
        """Undo every connection (idempotent)."""
        if self._connected:
            for signal, slot in self.qt:
                signal.disconnect(slot)
            self.qt = ()
            self.undo_state()
            self._connected = False
