"""The surface gallery: one thumbnail per loss surface with its title and tags; click to choose."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from widgets.common.view_data import GalleryItem

ICON_SIZE = 96
CELL_WIDTH = 112
TEXT_LINES = 4  # title + tags wrapped over up to three lines
KEY_ROLE = Qt.ItemDataRole.UserRole
PLACEHOLDER_COLOR = "#3a3a3a"
WORD_JOINER = "\u2060"  # no line break here (Unicode line-breaking class WJ)
BREAK_BEFORE, BREAK_AFTER = "（(", "）)"


def unbroken_words(text: str) -> str:
    """``text`` that wraps only at its spaces and brackets: Chinese would otherwise wrap between any
    two characters ("Rosenbrock 函" / "数"). A word wider than a whole line still wraps anywhere."""
    out = []
    for a, b in zip(text, text[1:] + " ", strict=True):
        out.append(a)
        if not (a.isspace() or b.isspace() or b in BREAK_BEFORE or a in BREAK_AFTER):
            out.append(WORD_JOINER)
    return "".join(out)


def icon_from_rgb(rgb: np.ndarray) -> QIcon:
    """QIcon of an H×W×3 uint8 image (copied, so the array may be freed afterwards)."""
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    if rgb.ndim != 3 or rgb.shape[2] != 3:
        raise ValueError(f"need an H×W×3 uint8 image, got shape {rgb.shape}")
    height, width, _ = rgb.shape
    image = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return QIcon(QPixmap.fromImage(image.copy()))


class GalleryPanel(QWidget):
    """Setters never emit; ``item_chosen(key)`` fires when the user clicks a surface."""

    item_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list_widget = QListWidget(self)
        self.list_widget.setViewMode(QListView.ViewMode.IconMode)
        self.list_widget.setResizeMode(QListView.ResizeMode.Adjust)
        self.list_widget.setMovement(QListView.Movement.Static)
        self.list_widget.setWrapping(True)
        self.list_widget.setWordWrap(True)
        self.list_widget.setUniformItemSizes(True)
        self.list_widget.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        line = self.list_widget.fontMetrics().lineSpacing()
        self.list_widget.setGridSize(QSize(CELL_WIDTH, ICON_SIZE + TEXT_LINES * line + 10))
        self.list_widget.setSpacing(2)
        self.list_widget.setToolTip(self.tr("Click a surface to run the optimizers on it."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list_widget)

        placeholder = QPixmap(ICON_SIZE, ICON_SIZE)
        placeholder.fill(QColor(PLACEHOLDER_COLOR))
        self._placeholder = QIcon(placeholder)
        self._items: dict[str, QListWidgetItem] = {}
        self.list_widget.itemClicked.connect(self._on_list_widget_item_clicked)

    # ----------------------------------------------------------------- setters (never emit)
    def set_items(self, items: Sequence[GalleryItem]) -> None:
        """Replace the gallery; thumbnails show a placeholder until ``set_thumbnail``."""
        with QSignalBlocker(self.list_widget):
            self.list_widget.clear()
            self._items = {}
            for entry in items:
                text = unbroken_words(f"{entry.title}\n{entry.tags}")
                item = QListWidgetItem(self._placeholder, text)
                item.setData(KEY_ROLE, entry.key)
                item.setToolTip(entry.tooltip or self.tr("Click to run the optimizers on this surface."))
                item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
                self.list_widget.addItem(item)
                self._items[entry.key] = item

    def set_thumbnail(self, key: str, rgb: np.ndarray) -> None:
        """Show an H×W×3 uint8 picture (e.g. from ``render_thumbnail``) for ``key``."""
        item = self._items.get(key)
        if item is not None:  # the gallery may have changed while the picture was rendered
            item.setIcon(icon_from_rgb(rgb))

    def set_current(self, key: str | None) -> None:
        """Highlight the surface ``key`` (None: no highlight)."""
        with QSignalBlocker(self.list_widget):
            item = self._items.get(key) if key is not None else None
            if item is None:
                self.list_widget.clearSelection()
                self.list_widget.setCurrentRow(-1)
            else:
                self.list_widget.setCurrentItem(item)
                self.list_widget.scrollToItem(item)

    def current_key(self) -> str | None:
        item = self.list_widget.currentItem()
        return None if item is None else str(item.data(KEY_ROLE))

    # ----------------------------------------------------------------- user actions
    def _on_list_widget_item_clicked(self, item: QListWidgetItem) -> None:
        self.item_chosen.emit(str(item.data(KEY_ROLE)))
