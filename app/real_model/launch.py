"""The "Real model" window's entry point for the main window's menu: open, raise and close it.

The window's modules, the controller and the torch training code behind it are imported when a window
is first built, not when the main window starts (they are ~0.1 s of its start-up otherwise).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import QApplication

from app.real_model.settings import RealModelSettings
from app.state.app_state import AppState

if TYPE_CHECKING:
    from app.real_model.controller import RealModelController
    from app.real_model.window import RealModelWindow


def settings_from(parent_state: AppState | None) -> RealModelSettings:
    """Fresh settings, with the main window's seed and loss smoothing when it is given."""
    settings = RealModelSettings()
    if parent_state is not None:
        settings.seed = parent_state.run.seed
        # never smoother than the default: β = 0.999 over ~100 steps would lag the curve far behind
        settings.ema_beta = min(parent_state.view.ema_beta, settings.ema_beta)
    return settings


def build_real_model_window(settings: RealModelSettings) -> tuple[RealModelWindow, RealModelController]:
    """A new window and its controller (not shown); closing the window deletes both."""
    from app.real_model.controller import RealModelController  # torch training code: load on demand
    from app.real_model.window import RealModelWindow

    window = RealModelWindow()
    controller = RealModelController(settings, window)  # closing deletes it (app/real_model/wiring.py)
    return window, controller


class RealModelWindows:
    """The "Real model" windows one main window opened: at most one shown, raised when asked again.

    Qt deletes a parentless window once Python lets go of it, so this object holds them.
    """

    def __init__(self) -> None:
        self._windows: list[RealModelWindow] = []

    def open(self, parent_state: AppState | None = None) -> RealModelWindow:
        """Show the "Real model" window (raising the one already open) and return it.

        Closing it cancels its work (waiting at most 0.2 s for it) and deletes it.
        """
        self._windows[:] = [w for w in self._windows if shiboken6.isValid(w)]
        for window in self._windows:
            if window.isVisible():
                window.raise_()
                window.activateWindow()
                return window
        assert QApplication.instance() is not None, "opening a Real model window needs a QApplication"
        window, _controller = build_real_model_window(settings_from(parent_state))
        self._windows.append(window)
        window.show()
        return window

    def close_all(self) -> None:
        """Close every open "Real model" window (when the main window goes away)."""
        for window in self._windows:
            if shiboken6.isValid(window):
                window.close()
        self._windows.clear()
