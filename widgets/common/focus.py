"""Spin boxes that give the keyboard back on Enter, so the window's shortcuts (Space, ←, →) work again."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractSpinBox, QWidget


class EnterReleasesFocus(QObject):
    """After a value typed in any spin box under ``root`` is confirmed with Enter, that box lets go of the
    focus: a focused text field would otherwise take Space and the arrow keys for itself."""

    def __init__(self, root: QWidget) -> None:
        super().__init__(root)
        for box in root.findChildren(QAbstractSpinBox):
            box.editingFinished.connect(self._on_box_editing_finished)

    def _on_box_editing_finished(self) -> None:
        box = self.sender()
        if isinstance(box, QAbstractSpinBox) and box.hasFocus():
            box.clearFocus()
