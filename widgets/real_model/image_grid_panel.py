"""A grid of test images, each with the class a model guessed; wrong guesses are framed in red."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

WRONG_COLOR = "#e03131"
RIGHT_COLOR = "#2f9e44"
TILE_PX = 52
TILE_WIDTH = TILE_PX + 24  # the captions are a little wider than the picture
CAPTION_FONT_PX = 11
GRID_SPACING = 2


@dataclass(frozen=True)
class ImageTile:
    """One picture, (h, w) grey or (h, w, 3) RGB in uint8, with the guessed and the true class name."""

    pixels: np.ndarray
    predicted: str
    truth: str

    @property
    def correct(self) -> bool:
        return self.predicted == self.truth


def to_pixmap(pixels: np.ndarray, size: int) -> QPixmap:
    """A size×size pixmap of the picture, blown up without smoothing (8×8 digits stay crisp)."""
    data = np.ascontiguousarray(pixels, dtype=np.uint8)
    height, width = data.shape[:2]
    if data.ndim == 2:
        image = QImage(data.data, width, height, width, QImage.Format.Format_Grayscale8)
    else:
        image = QImage(data.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    image = image.copy()  # own the pixels: `data` goes away with this function
    return QPixmap.fromImage(image).scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
    )


class _TileWidget(QFrame):
    """A picture over its guess and the true class; ``wrong`` tiles get a red frame and red text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wrong = False
        self.setObjectName("tile")
        self.image_label = QLabel(self)
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setFixedSize(TILE_PX, TILE_PX)
        self.caption = self._caption_label()
        self.truth_label = self._caption_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(0)
        layout.addWidget(self.image_label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.caption)
        layout.addWidget(self.truth_label)

    def _caption_label(self) -> QLabel:
        label = QLabel(self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(label.font())
        font.setPixelSize(CAPTION_FONT_PX)
        label.setFont(font)
        label.setFixedWidth(TILE_WIDTH)
        return label

    def show_tile(self, tile: ImageTile) -> None:
        self.wrong = not tile.correct
        self.image_label.setPixmap(to_pixmap(tile.pixels, TILE_PX))
        color = WRONG_COLOR if self.wrong else RIGHT_COLOR
        mark = "✗" if self.wrong else "✓"
        metrics = self.caption.fontMetrics()
        elide = Qt.TextElideMode.ElideRight
        self.caption.setText(metrics.elidedText(f"{mark} {tile.predicted}", elide, TILE_WIDTH))
        self.caption.setStyleSheet(f"color: {color}; font-weight: bold;")
        truth = self.tr("true: {truth}").format(truth=tile.truth)
        self.truth_label.setText(metrics.elidedText(truth, elide, TILE_WIDTH))
        self.truth_label.setStyleSheet(f"color: {WRONG_COLOR};" if self.wrong else "")
        border = f"2px solid {WRONG_COLOR}" if self.wrong else "2px solid transparent"
        self.setStyleSheet(f"QFrame#tile {{ border: {border}; border-radius: 3px; }}")
        tip = self.tr("guessed: {predicted}\ntrue: {truth}").format(
            predicted=tile.predicted, truth=tile.truth
        )
        self.setToolTip(tip)
        self.image_label.setToolTip(tip)


class ImageGridPanel(QWidget):
    """Test images with the chosen run's guesses, as many per row as fit.

    ``run_chosen(key)`` reports the run picked above the grid; setters never emit.
    """

    run_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run_combo = QComboBox(self)
        self.run_combo.setToolTip(self.tr("Whose guesses to show: each optimizer trained its own model."))
        self.summary_label = QLabel(self)
        self.summary_label.setToolTip(self.tr("Wrong guesses among the images shown (framed in red)."))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel(self.tr("Guesses of"), self))
        top.addWidget(self.run_combo)
        top.addWidget(self.summary_label, 1)

        self._grid_holder = QWidget(self)
        self._grid = QGridLayout(self._grid_holder)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(GRID_SPACING)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setWidget(self._grid_holder)
        self.empty_label = QLabel(self.tr("Train a model to see its guesses on test images."), self)
        self.empty_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(self._scroll, 1)
        self.tiles: list[_TileWidget] = []
        self._columns = 1
        self.run_combo.currentIndexChanged.connect(self._on_run_combo_current_index_changed)

    # ----------------------------------------------------------------- setters (never emit)
    def set_runs(self, runs: Sequence[tuple[str, str]], current: str) -> None:
        """The (key, label) of every run that has guesses, and the one shown."""
        with QSignalBlocker(self.run_combo):
            self.run_combo.clear()
            for key, label in runs:
                self.run_combo.addItem(label, key)
            self.run_combo.setCurrentIndex(max(self.run_combo.findData(current), 0))
        self.run_combo.setEnabled(len(runs) > 1)

    def set_tiles(self, tiles: Sequence[ImageTile]) -> None:
        while len(self.tiles) > len(tiles):
            tile_widget = self.tiles.pop()
            self._grid.removeWidget(tile_widget)
            tile_widget.deleteLater()
        while len(self.tiles) < len(tiles):
            tile_widget = _TileWidget(self._grid_holder)
            index = len(self.tiles)
            self._grid.addWidget(tile_widget, index // self._columns, index % self._columns)
            self.tiles.append(tile_widget)
        for tile_widget, tile in zip(self.tiles, tiles, strict=True):
            tile_widget.show_tile(tile)
        self._reflow()
        wrong = sum(not tile.correct for tile in tiles)
        self.summary_label.setText(
            self.tr("{wrong} of {count} wrong").format(wrong=wrong, count=len(tiles)) if tiles else ""
        )
        self.empty_label.setVisible(not tiles)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        """As many columns as fit the width (tiles keep their size)."""
        tile_width = TILE_WIDTH + 4 + 4 + GRID_SPACING  # caption, frame margins and border, spacing
        # From the panel's own width: the viewport is resized only after this panel's resizeEvent.
        available = self.width() - 8 - self._scroll.verticalScrollBar().sizeHint().width()
        columns = max(1, (available + GRID_SPACING) // tile_width)
        if columns == self._columns:
            return
        self._columns = columns
        for tile_widget in self.tiles:
            self._grid.removeWidget(tile_widget)
        for index, tile_widget in enumerate(self.tiles):
            self._grid.addWidget(tile_widget, index // columns, index % columns)

    # ----------------------------------------------------------------- user actions
    def _on_run_combo_current_index_changed(self, index: int) -> None:
        key = self.run_combo.itemData(index)
        if key is not None:
            self.run_chosen.emit(str(key))
