"""Small widgets laid over the 3D scene: the runs' legend and the camera / log-height buttons.

They are siblings placed over the GL widget, not its children (a child widget stops
GLTextItem's QPainter text from showing), and never take keyboard focus: arrow keys, Space and
R belong to the window's shortcuts.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QToolButton, QWidget

from widgets.controls.swatch import make_swatch, set_swatch_color

LABEL_PX = 13
OVERLAY_STYLE = (
    "#overlay { background: rgba(0, 0, 0, 150); border-radius: 4px; }"
    f" QLabel {{ color: #f0f0f0; font-size: {LABEL_PX}px; background: transparent; }}"
)
BUTTON_STYLE = (
    "QToolButton { color: #f0f0f0; background: rgba(0, 0, 0, 150); border: 1px solid rgba(255, 255, 255, 60);"
    " border-radius: 4px; font-size: 13px; min-width: 26px; min-height: 24px; padding: 0 4px; }"
    " QToolButton:hover { background: rgba(60, 60, 60, 200); }"
    " QToolButton:checked { background: rgba(70, 120, 200, 220); border-color: #a0c4ff; }"
)
RESET_GLYPH = "⟲"
RESET_GLYPH_STYLE = "font-size: 17px; padding: 0 2px 2px 2px;"


class RunLegendWidget(QWidget):
    """A colour swatch and a label per run on a translucent dark card; hidden without runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(OVERLAY_STYLE)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(8, 5, 10, 5)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(2)
        self._rows: list[tuple[QLabel, QLabel]] = []
        self._entries: list[tuple[str, str]] | None = None
        self._font = QFont()
        self._font.setPixelSize(LABEL_PX)
        self.hide()

    def event(self, event: QEvent) -> bool:
        """On a new layout (rows added, fonts polished) grow to every row's full height, keeping
        the bottom-left corner where the view put it."""
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.size() != self.sizeHint():
            bottom = self.geometry().bottom()
            self.resize(self.sizeHint())
            self.move(self.x(), bottom - self.height() + 1)
        return handled

    @property
    def labels(self) -> list[str]:
        """The labels shown, top to bottom."""
        return [label.text() for _, label in self._rows]

    @property
    def label_widgets(self) -> list[QLabel]:
        """The rows' text labels, top to bottom (their geometry: tests and screenshots)."""
        return [label for _, label in self._rows]

    @property
    def colors(self) -> list[str]:
        return [str(swatch.property("swatch_color")) for swatch, _ in self._rows]

    def set_entries(self, entries: Sequence[tuple[str, str]]) -> None:
        """(label, "#rrggbb") per run; rows are reused and only the surplus ones are removed.

        The same entries again (every rerun of the same rows) change nothing.
        """
        entries = [(label, color) for label, color in entries]
        if entries == self._entries:
            return
        self._entries = entries
        while len(self._rows) > len(entries):
            for widget in self._rows.pop():
                self._grid.removeWidget(widget)
                widget.deleteLater()
        for row, (label, color) in enumerate(entries):
            if row == len(self._rows):
                swatch, text = make_swatch(color, self), QLabel(label, self)
                text.setFont(self._font)  # as the style sheet's, but sized right before it is polished
                self._grid.addWidget(swatch, row, 0)
                self._grid.addWidget(text, row, 1)
                self._rows.append((swatch, text))
            swatch, text = self._rows[row]
            set_swatch_color(swatch, color)
            text.setText(label)
        for swatch, text in self._rows:  # the style sheet's font size counts once polished
            swatch.ensurePolished()
            text.ensurePolished()
        self._grid.invalidate()
        self._grid.activate()
        self.setVisible(bool(entries))
        self.adjustSize()


class SceneButtonsWidget(QWidget):
    """ "⟲" (reset the camera) and a checkable "log" (logarithmic height) tool button in a row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(BUTTON_STYLE)
        self.reset_button = QToolButton(self)
        self.reset_button.setText(RESET_GLYPH)
        self.reset_button.setStyleSheet(RESET_GLYPH_STYLE)
        self.reset_button.setToolTip(self.tr("Reset the camera (R)"))
        self.reset_button.setAccessibleName(self.tr("Reset the camera"))
        self.log_button = QToolButton(self)
        self.log_button.setText(self.tr("log"))
        self.log_button.setCheckable(True)
        self.log_button.setToolTip(self.tr("Logarithmic height: shows the detail of huge loss ranges"))
        self.log_button.setAccessibleName(self.tr("Logarithmic height"))
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(4)
        for button in (self.log_button, self.reset_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            self._row.addWidget(button)
        self.fit()

    def fit(self) -> None:
        """Size to the buttons as their style sheets draw them (polished first: a style sheet's
        min-width and padding widen a button only once it is polished)."""
        for button in (self.log_button, self.reset_button):
            button.ensurePolished()
            button.updateGeometry()
        self._row.invalidate()
        self._row.activate()
        self.adjustSize()
