"""One line per run: its colour, its name and where it stands (loss, position, or ✕ if it ended)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget
from superqt import QElidingLabel

from widgets.common.view_data import StatusLine
from widgets.controls.message_label import WARNING_COLOR
from widgets.controls.swatch import make_swatch, set_swatch_color

__all__ = ["ENDED_MARK", "ENDED_STATES", "WARNING_COLOR", "StatusPanel"]

ENDED_STATES = frozenset({"diverged", "left-domain"})
ENDED_MARK = "✕"
WARNING_MARK = "⚠"
SELECTED_ALPHA = 70  # the selected row's background: the palette's highlight, mostly transparent


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
        self.warning = ""
        self._label = line.label

    def show(self, line: StatusLine) -> None:
        set_swatch_color(self.swatch, line.color)
        self._label = line.label
        self._show_name()
        ended = line.state in ENDED_STATES
        text = f"{ENDED_MARK} {line.text}" if ended else line.text
        if self.text.text() != text:
            self.text.setText(text)
            self.text.setToolTip(text)
        if ended != self._ended:
            self._ended = ended
            self.text.setPalette(self._warning_palette if ended else self._normal_palette)

    def set_warning(self, warning: str) -> None:
        self.warning = warning
        self._show_name()

    def _show_name(self) -> None:
        name = f"{WARNING_MARK} {self._label}" if self.warning else self._label
        if self.name.text() != name:
            self.name.setText(name)
            self.name.setToolTip(self.warning)
            self.name.setPalette(self._warning_palette if self.warning else self._normal_palette)

    def set_selected(self, selected: bool) -> None:
        font = QFont(self.name.font())
        font.setBold(selected)
        self.name.setFont(font)

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.swatch, self.name, self.text)


class _RowsWidget(QWidget):
    """The grid of rows: reports the row a click lands on and paints the selected row's background."""

    row_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.selected_row: int | None = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def row_rect(self, row: int) -> QRect:
        """The band a row covers, across all columns and half the spacing above and below."""
        self.grid.activate()  # rows added since the last event loop pass have no geometry yet
        cell = self.grid.cellRect(row, 0).united(self.grid.cellRect(row, self.grid.columnCount() - 1))
        gap = (self.grid.verticalSpacing() + 1) // 2
        return QRect(0, cell.top() - gap, self.width(), cell.height() + 2 * gap)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        y = event.position().toPoint().y()
        for row in range(self.grid.rowCount()):
            if self.grid.itemAtPosition(row, 0) is not None and self.row_rect(row).contains(0, y):
                self.row_clicked.emit(row)
                return
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.selected_row is not None:
            color = QColor(self.palette().color(QPalette.ColorRole.Highlight))
            color.setAlpha(SELECTED_ALPHA)
            painter = QPainter(self)
            painter.fillRect(self.row_rect(self.selected_row), color)
            painter.end()
        super().paintEvent(event)


class StatusPanel(QWidget):
    """``set_lines`` is called every frame: rows are reused while the run keys stay the same.

    Clicking a row emits ``run_selected(key)`` and highlights it; ``set_selected`` highlights
    without emitting (None clears the highlight).
    """

    run_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._body = _RowsWidget(self)
        self._body.row_clicked.connect(self._on_body_row_clicked)
        self._grid = self._body.grid
        self._grid.setContentsMargins(6, 4, 6, 4)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(2, 1)
        self._rows: dict[str, _StatusRow] = {}
        self._keys: list[str] = []
        self._selected: str | None = None
        self._warnings: dict[str, str] = {}
        self.setToolTip(
            self.tr("Where every run is at the step shown (✕ = stopped); click a run to select it.")
        )

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

    def set_warnings(self, warnings: Mapping[str, str]) -> None:
        """Flag runs (key → why, e.g. lr past the stability limit): ⚠ before the name, the why as tooltip."""
        self._warnings = dict(warnings)
        for key, row in self._rows.items():
            row.set_warning(self._warnings.get(key, ""))

    def warning(self, key: str) -> str:
        return self._warnings.get(key, "") if key in self._rows else ""

    def set_selected(self, key: str | None) -> None:
        """Highlight the run ``key`` (kept across ``set_lines``); None or an absent key shows none."""
        self._selected = key
        for row_key, row in self._rows.items():
            row.set_selected(row_key == key)
        self._body.selected_row = self._keys.index(key) if key in self._keys else None
        self._body.update()

    def selected(self) -> str | None:
        return self._selected

    def row_widgets(self, key: str) -> tuple[QWidget, ...]:
        """(swatch, name label, text label) of the run ``key``; for tests and screenshots."""
        return self._rows[key].widgets()

    def row_rect(self, key: str) -> QRect:
        """Where the run ``key``'s row lies in the scrolled body; for tests and screenshots."""
        return self._body.row_rect(self._keys.index(key))

    def _rebuild(self, lines: Sequence[StatusLine]) -> None:
        for row in self._rows.values():
            for widget in row.widgets():
                self._grid.removeWidget(widget)
                widget.deleteLater()
        self._rows = {}
        for index in range(self._grid.rowCount()):  # the old stretch row may now hold a run
            self._grid.setRowStretch(index, 0)
        for index, line in enumerate(lines):
            row = _StatusRow(self._body, line)
            for column, widget in enumerate(row.widgets()):
                self._grid.addWidget(widget, index, column)
                widget.show()  # now, not on the next event loop pass: a click may come first
            self._rows[line.key] = row
            row.set_warning(self._warnings.get(line.key, ""))
        self._grid.setRowStretch(len(lines), 1)
        self._keys = [line.key for line in lines]
        self.set_selected(self._selected)

    # ----------------------------------------------------------------- user actions
    def _on_body_row_clicked(self, row: int) -> None:
        key = self._keys[row]
        self.set_selected(key)
        self.run_selected.emit(key)
