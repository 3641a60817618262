"""GalleryPanel: items and thumbnails shown silently; a click reports the surface key."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption
from pytestqt.qtbot import QtBot

from widgets.common.view_data import GalleryItem
from widgets.panels.gallery_panel import KEY_ROLE, WORD_JOINER, GalleryPanel, icon_from_rgb, unbroken_words

ITEMS = [
    GalleryItem("bowl", "Bowl", "convex", "x² + y²"),
    GalleryItem("rosenbrock", "Rosenbrock", "non-convex · narrow valley"),
    GalleryItem("saddle", "Monkey saddle", "non-convex · saddle points"),
]


@pytest.fixture
def panel(qtbot: QtBot) -> GalleryPanel:
    widget = GalleryPanel()
    qtbot.addWidget(widget)
    widget.resize(360, 400)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def image_of(panel: GalleryPanel, row: int) -> np.ndarray:
    image = panel.list_widget.item(row).icon().pixmap(96, 96).toImage()
    return np.array([[image.pixelColor(x, y).name() for x in (0, 50)] for y in (0, 50)])


def test_items_show_title_and_tags(qtbot: QtBot, panel: GalleryPanel) -> None:
    with qtbot.assertNotEmitted(panel.item_chosen):
        panel.set_items(ITEMS)
    texts = [
        panel.list_widget.item(i).text().replace(WORD_JOINER, "") for i in range(panel.list_widget.count())
    ]
    assert texts == [
        "Bowl\nconvex",
        "Rosenbrock\nnon-convex · narrow valley",
        "Monkey saddle\nnon-convex · saddle points",
    ]
    assert panel.list_widget.item(0).toolTip() == "x² + y²"
    assert panel.list_widget.item(1).toolTip()


def test_clicking_the_second_item_emits_its_key(qtbot: QtBot, panel: GalleryPanel) -> None:
    panel.set_items(ITEMS)
    view = panel.list_widget
    center = view.visualItemRect(view.item(1)).center()
    with qtbot.waitSignal(panel.item_chosen) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert blocker.args == ["rosenbrock"]


def test_set_current_highlights_without_emitting(qtbot: QtBot, panel: GalleryPanel) -> None:
    panel.set_items(ITEMS)
    with qtbot.assertNotEmitted(panel.item_chosen):
        panel.set_current("saddle")
    assert panel.current_key() == "saddle"
    assert panel.list_widget.item(2).isSelected()
    panel.set_current(None)
    assert not panel.list_widget.selectedItems()


def test_set_thumbnail_changes_the_icon(qtbot: QtBot, panel: GalleryPanel) -> None:
    panel.set_items(ITEMS)
    before = image_of(panel, 1)
    rgb = np.zeros((96, 96, 3), np.uint8)
    rgb[..., 0] = 255
    with qtbot.assertNotEmitted(panel.item_chosen):
        panel.set_thumbnail("rosenbrock", rgb)
        panel.set_thumbnail("no-longer-there", rgb)  # a late worker result is ignored
    after = image_of(panel, 1)
    assert not np.array_equal(before, after)
    assert set(after.ravel()) == {"#ff0000"}
    assert set(image_of(panel, 0).ravel()) == set(before.ravel())
    assert panel.list_widget.item(1).data(KEY_ROLE) == "rosenbrock"


def test_icon_from_rgb_rejects_wrong_shapes() -> None:
    with pytest.raises(ValueError):
        icon_from_rgb(np.zeros((4, 4), np.uint8))


def wrapped_lines(text: str, font: QFont, width: float) -> list[str]:
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # the list view's wrapping
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return [line.replace(WORD_JOINER, "").strip() for line in lines]


@pytest.mark.parametrize(
    ("title", "first_line"),
    [("Rosenbrock 函数", "Rosenbrock 函"), ("二次峡谷函数（病态）", "二次峡谷函数（病")],
)
def test_names_never_wrap_mid_word(panel: GalleryPanel, title: str, first_line: str) -> None:
    font = panel.list_widget.font()
    width = QFontMetrics(font).horizontalAdvance(first_line) + 1  # room for a mid-word break
    lines = wrapped_lines(unbroken_words(title), font, width)
    assert lines in (["Rosenbrock", "函数"], ["二次峡谷函数", "（病态）"])
