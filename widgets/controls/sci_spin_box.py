"""A float spin box for values spanning decades (learning rates, eps): shows 0.01, 3.16e-05, 1e-10."""

from __future__ import annotations

import math
import re

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

# Any prefix of a float literal the user may still be typing ("", "-", "1e", "1e-", ".").
_PARTIAL_FLOAT = re.compile(r"^\s*[+-]?(\d*\.?\d*)?([eE][+-]?\d*)?\s*$")


class ScientificSpinBoxWidget(QDoubleSpinBox):
    """QDoubleSpinBox that reads and writes ``%g`` text and steps by factors of ten.

    Qt's spin box rounds to a fixed number of decimals and cannot show 1e-10; this one keeps
    (nearly) full double precision and ``stepBy`` multiplies by ``10 ** (decades_per_step)``.
    Text that is not a number in range is never accepted: Enter restores the previous value.
    Keyboard tracking is off, so ``valueChanged`` fires on Enter / focus-out / arrows only.
    """

    def __init__(
        self,
        minimum: float,
        maximum: float,
        decades_per_step: float = 1.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if minimum <= 0:
            raise ValueError("a logarithmic spin box needs a positive minimum")
        self._decades_per_step = decades_per_step
        self.setDecimals(20)
        self.setRange(minimum, maximum)
        self.setKeyboardTracking(False)
        self.setAccelerated(True)

    def textFromValue(self, value: float) -> str:
        return f"{value:.4g}"

    def valueFromText(self, text: str) -> float:
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        try:
            value = float(text)
        except ValueError:
            partial = _PARTIAL_FLOAT.match(text) is not None
            state = QValidator.State.Intermediate if partial else QValidator.State.Invalid
            return state, text, pos
        if math.isfinite(value) and self.minimum() <= value <= self.maximum():
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos

    def fixup(self, text: str) -> str:
        return self.textFromValue(self.value())

    def stepBy(self, steps: int) -> None:
        value = self.value() * 10.0 ** (steps * self._decades_per_step)
        self.setValue(min(max(value, self.minimum()), self.maximum()))
        self.selectAll()
