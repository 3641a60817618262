"""Whether a widget can be seen: shown, and not a dock tab lying behind another one.

Qt keeps the docks of a tab group that are not the current tab visible (``isVisible()`` is true) and
moves them off the window; their visible region is empty. Panels there need no update until their
tab is chosen (``QDockWidget.visibilityChanged`` then reports it).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def on_screen(widget: QWidget) -> bool:
    return widget.isVisible() and not widget.visibleRegion().isEmpty()
