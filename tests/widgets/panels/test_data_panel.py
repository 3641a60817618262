"""DataPanel: the three sets with their own marks, the model's curve, the ringed batch, the labels."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from widgets.panels.data_panel import HIGHLIGHT_COLOR, DataPanel

TRAIN = np.array([[0.0, 1.0], [1.0, 2.5], [2.0, 2.9], [3.0, 4.2]])
VAL = np.array([[0.5, 1.4], [2.5, 3.6]])
TEST = np.array([[1.5, 2.2]])


@pytest.fixture
def panel(qtbot: QtBot) -> DataPanel:
    widget = DataPanel()
    qtbot.addWidget(widget)
    widget.resize(400, 250)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def xy(item: object) -> np.ndarray:
    x, y = item.getData()  # type: ignore[attr-defined]
    return np.column_stack([x, y]) if x is not None and len(x) else np.zeros((0, 2))


def legend_labels(panel: DataPanel) -> list[str]:
    return [label.text for _, label in panel.legend.items]


def test_three_sets_have_distinct_marks_and_a_legend(panel: DataPanel) -> None:
    panel.set_data(TRAIN, VAL, TEST)
    np.testing.assert_array_equal(xy(panel.train_item), TRAIN)
    np.testing.assert_array_equal(xy(panel.val_item), VAL)
    np.testing.assert_array_equal(xy(panel.test_item), TEST)
    symbols = [item.opts["symbol"] for item in (panel.train_item, panel.val_item, panel.test_item)]
    assert symbols == ["o", "s", "t"]
    assert panel.train_item.opts["brush"].style() == Qt.BrushStyle.SolidPattern  # filled
    assert panel.val_item.opts["brush"].style() == Qt.BrushStyle.NoBrush  # hollow
    assert legend_labels(panel) == ["train", "validation", "test"]
    panel.set_data(TRAIN, np.zeros((0, 2)), None)
    assert legend_labels(panel) == ["train"]
    assert len(xy(panel.val_item)) == 0 and len(xy(panel.test_item)) == 0


def test_view_frames_the_data_and_stays_put_when_the_curve_moves(panel: DataPanel) -> None:
    panel.set_data(TRAIN, VAL, TEST)
    (x0, x1), (y0, y1) = panel.plot_item.viewRange()
    assert x0 < 0.0 and x1 > 3.0 and y0 < 1.0 and y1 > 4.2
    before = panel.plot_item.viewRange()
    panel.set_prediction(np.array([-10.0, 10.0]), np.array([-50.0, 50.0]), "ŷ = w·x + b")
    assert panel.plot_item.viewRange() == before


def test_prediction_curve_is_drawn_as_given(panel: DataPanel) -> None:
    panel.set_data(TRAIN)
    xs = np.linspace(0.0, 3.0, 7)
    panel.set_prediction(xs, 1.1 * xs + 1.0, "ŷ = w·x + b")
    np.testing.assert_array_equal(xy(panel.prediction_item), np.column_stack([xs, 1.1 * xs + 1.0]))
    assert legend_labels(panel) == ["train", "ŷ = w·x + b"]
    panel.set_prediction(xs, np.tanh(xs), "ŷ = w₂·tanh(w₁·x)")
    assert legend_labels(panel) == ["train", "ŷ = w₂·tanh(w₁·x)"]


def test_the_batch_is_ringed(panel: DataPanel) -> None:
    panel.set_data(TRAIN, VAL, TEST)
    panel.set_highlight(np.array([3, 1]))
    np.testing.assert_array_equal(panel.highlighted(), [3, 1])
    np.testing.assert_array_equal(xy(panel.highlight_item), TRAIN[[3, 1]])
    assert panel.highlight_item.opts["pen"].color().name() == HIGHLIGHT_COLOR
    panel.set_highlight([0, 9])  # 9 is no training sample: ignored
    np.testing.assert_array_equal(xy(panel.highlight_item), TRAIN[[0]])
    panel.set_data(TRAIN[::-1])  # the ring follows the new data
    np.testing.assert_array_equal(xy(panel.highlight_item), TRAIN[[3]])
    panel.set_highlight([])
    assert len(xy(panel.highlight_item)) == 0


def test_test_loss_and_message_labels(panel: DataPanel) -> None:
    panel.set_data(TRAIN, VAL, TEST)
    assert panel.test_loss_label.isHidden()
    panel.set_test_loss("test loss 0.0123 (never used for training)")
    assert panel.test_loss_label.text() == "test loss 0.0123 (never used for training)"
    assert not panel.test_loss_label.isHidden()
    panel.set_test_loss("")
    assert panel.test_loss_label.isHidden()
    panel.set_message("no data: an analytic surface")
    assert panel.message_label.text() == "no data: an analytic surface"
    assert panel.plot_widget.isHidden() and not panel.message_label.isHidden()
    panel.set_message("")
    assert not panel.plot_widget.isHidden() and panel.message_label.isHidden()


def test_axes_are_labelled_x_and_y(panel: DataPanel) -> None:
    for side, text in (("bottom", "x"), ("left", "y")):
        axis = panel.plot_item.getAxis(side)
        assert axis.labelText == text
        assert axis.labelStyle["font-size"] == "12px"
        assert axis.style["tickFont"].pixelSize() >= 11


def test_screenshot(panel: DataPanel) -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, 40)
    points = np.column_stack([x, 1.5 * x + 0.5 + rng.normal(0, 0.4, 40)])
    panel.set_data(points[:28], points[28:34], points[34:])
    xs = np.linspace(-2, 2, 50)
    panel.set_prediction(xs, 1.2 * xs + 0.2, "ŷ = w·x + b")
    panel.set_highlight([0, 3, 5, 7])
    panel.set_test_loss("test loss 0.1734 (never used for training)")
    QApplication.processEvents()  # let the layout take the new texts before the grab
    assert panel.grab().save("/tmp/data_panel.png")
