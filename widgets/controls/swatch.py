"""A small square of a run's colour, shown next to its name in several panels."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

SWATCH_SIZE = 12


def make_swatch(color: str, parent: QWidget | None = None) -> QLabel:
    """Return a fixed-size label filled with ``color`` ("#rrggbb") and a dark outline."""
    swatch = QLabel(parent)
    swatch.setFixedSize(SWATCH_SIZE, SWATCH_SIZE)
    set_swatch_color(swatch, color)
    return swatch


def set_swatch_color(swatch: QLabel, color: str) -> None:
    """Recolour a swatch made by :func:`make_swatch` (skips the style update if unchanged)."""
    if swatch.property("swatch_color") == color:
        return
    swatch.setProperty("swatch_color", color)
    swatch.setStyleSheet(f"background-color: {color}; border: 1px solid #111111;")
