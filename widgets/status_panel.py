"""One line per run: its colour, its name and where it stands (loss, position, or ✕ if it ended)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget
from superqt import QElidingLabel

from widgets.swatch import make_swatch, set_swatch_color
from widgets.view_data import StatusLine

WARNING_COLOR = "#e03131"
ENDED_STATES = frozenset({"diverged", "left-domain"})
ENDED_MARK = "✕"


class _StatusRow:
    """The three labels of one run's line (plain holder, not a widget)."""

    def __init__(self, parent: QWidget, line: StatusLine) -> None:
        self.swatch = make_swatch(line.color, parent)
        self.name = QLabel(line.label, parent)
        self.text = QElidingLabel("", parent)
        self._normal_palette = QPalette(self.text.palette())
        self._warning_palette = QPalette(self.text.palette())
        self._warning_palette.setColor(QPalette.ColorRole.WindowText, QColor(WARNING_COLOR))
        self._ended: bool | None = None

    def show(self, line: StatusLine) -> None:
        set_swatch_color(self.swatch, line.color)
        if self.name.text() != line.label:
            self.name.setText(line.label)
        ended = line.state in ENDED_STATES
        text = f"{ENDED_MARK} {line.text}" if ended else line.text
        if self.text.text() != text:
            self.text.setText(text)
            self.text.setToolTip(text)
        if ended != self._ended:
            self._ended = ended
            self.text.setPalette(self._warning_palette if ended else self._normal_palette)

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.swatch, self.name, self.text)


class StatusPanel(QWidget):
    """``set_lines`` is called every frame: rows are reused while the run keys stay the same."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._body = QWidget(self)
        self._grid = QGridLayout(self._body)
        self._grid.setContentsMargins(6, 4, 6, 4)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(2, 1)
        self._rows: dict[str, _StatusRow] = {}
        self._keys: list[str] = []
        self.setToolTip(self.tr("Where every run is at the step shown; ✕ marks a run that has stopped."))

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def set_lines(self, lines: Sequence[StatusLine]) -> None:
        keys = [line.key for line in lines]
        if keys != self._keys:
            self._rebuild(lines)
        for line in lines:
            self._rows[line.key].show(line)

    def row_widgets(self, key: str) -> tuple[QWidget, ...]:
        """(swatch, name label, text label) of the run ``key``; for tests and screenshots."""
        return self._rows[key].widgets()

    def _rebuild(self, lines: Sequence[StatusLine]) -> None:
        for row in self._rows.values():
            for widget in row.widgets():
                self._grid.removeWidget(widget)
                widget.deleteLater()
        self._rows = {}
        for index, line in enumerate(lines):
            row = _StatusRow(self._body, line)
            for column, widget in enumerate(row.widgets()):
                self._grid.addWidget(widget, index, column)
            self._rows[line.key] = row
        self._grid.setRowStretch(len(lines), 1)
        self._keys = [line.key for line in lines]
