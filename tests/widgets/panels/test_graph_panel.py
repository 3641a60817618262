"""GraphPanel: boxes, arrows and update lines from the real autograd graph; the sample chooser emits."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication, QGraphicsPathItem, QGraphicsPolygonItem
from pytestqt.qtbot import QtBot

from algorithms.autograd_graph import GraphNode, UpdateLine, loss_graph
from algorithms.problems import data_problem
from widgets.panels.graph_layout import format_value, layer_rows
from widgets.panels.graph_panel import BOX_STYLES, GRAD_COLOR, GraphPanel

BATCH = np.array([0, 1, 2, 3, 4], dtype=np.int64)


@pytest.fixture
def panel(qtbot: QtBot) -> GraphPanel:
    widget = GraphPanel()
    qtbot.addWidget(widget)
    widget.resize(400, 250)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def linear_nodes(params: tuple[float, float] = (0.5, 1.0)) -> list[GraphNode]:
    return loss_graph(data_problem("linear-regression"), params, BATCH)


def count(panel: GraphPanel, kind: type) -> int:
    return sum(isinstance(item, kind) for item in panel.scene.items())


def test_boxes_show_label_value_and_gradient(qtbot: QtBot, panel: GraphPanel) -> None:
    nodes = linear_nodes()
    with qtbot.assertNotEmitted(panel.sample_chosen):
        panel.set_graph(nodes)
    texts = panel.box_texts()
    assert [t[0] for t in texts] == ["x", "w", "mul", "b", "add", "y", "sub", "pow", "mean"]
    assert texts[1] == ("w", "0.5", format_value(nodes[1].grad))
    assert texts[8] == ("mean", format_value(nodes[8].value), "1")
    assert texts[0][2] == ""  # data gets no gradient
    assert texts[7][2] == "[0.2, 0.2, 0.2, …]"
    assert count(panel, QGraphicsPathItem) == 9 + 8  # nine boxes, eight arrows
    assert count(panel, QGraphicsPolygonItem) == 8
    boxes = panel.node_items()
    assert boxes[1].box.pen().color().name() == BOX_STYLES["parameter"][1]
    assert boxes[1].box.pen().widthF() > boxes[2].box.pen().widthF()
    assert boxes[1].texts[2].brush().color().name() == GRAD_COLOR
    assert all(text.font().pixelSize() >= 11 for items in boxes.values() for text in items.texts)
    chain = [boxes[i].box.pos().x() for i in (0, 2, 4, 6, 7, 8)]
    assert chain == sorted(chain) and len(set(chain)) == 6


def test_same_graph_reuses_items_and_updates_numbers(panel: GraphPanel) -> None:
    panel.set_graph(linear_nodes())
    before = [items.box for items in panel.node_items().values()]
    panel.set_graph(linear_nodes((2.0, -3.0)))
    assert [items.box for items in panel.node_items().values()] == before
    assert panel.box_texts()[3][:2] == ("b", "−3")
    panel.set_graph(loss_graph(data_problem("tiny-net"), (0.5, 1.0), BATCH, sample=0))
    assert [t[0] for t in panel.box_texts()] == [
        "x",
        "w₁",
        "mul",
        "tanh",
        "w₂",
        "mul",
        "y",
        "sub",
        "pow",
        "mean",
    ]
    assert count(panel, QGraphicsPolygonItem) == 9


def test_layers_put_leaves_next_to_their_first_use() -> None:
    cells = layer_rows(linear_nodes())
    assert [cells[i] for i in range(9)] == [
        (0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1), (3, 0), (4, 0), (5, 0),
    ]  # fmt: skip


def test_update_lines_are_written_out_with_four_digits(panel: GraphPanel) -> None:
    panel.set_update_lines([UpdateLine("w", 0.5, 0.01, 3.2, 0.468), UpdateLine("b", -1.0, 0.1, -2.5, -0.75)])
    assert panel.update_label.text() == (
        "w ← w − lr · ∂L/∂w = 0.5 − 0.01 · 3.2 = 0.468\nb ← b − lr · ∂L/∂b = −1 − 0.1 · (−2.5) = −0.75"
    )
    panel.set_update_lines([UpdateLine("w", 0.123456, 0.001, 12.3456, 0.11)])  # e.g. Adam's step
    assert panel.update_label.text() == (
        "w ← w − lr · ∂L/∂w = 0.1235 − 0.001 · 12.35 = 0.1111; the optimizer went to 0.11"
    )


def test_samples_setter_is_silent_and_choosing_emits_the_index(qtbot: QtBot, panel: GraphPanel) -> None:
    with qtbot.assertNotEmitted(panel.sample_chosen):
        panel.set_samples(5, 2)
    box = panel.sample_box
    assert [box.itemText(i) for i in range(box.count())] == [
        "whole batch", "sample 0", "sample 1", "sample 2", "sample 3", "sample 4",
    ]  # fmt: skip
    assert box.currentText() == "sample 2"
    with qtbot.waitSignal(panel.sample_chosen) as blocker:
        box.setCurrentIndex(4)
    assert blocker.args == [3]
    with qtbot.waitSignal(panel.sample_chosen) as blocker:
        box.setCurrentIndex(0)
    assert blocker.args == [-1]
    with qtbot.assertNotEmitted(panel.sample_chosen):
        panel.set_samples(3, -1)
    assert box.count() == 4 and box.currentIndex() == 0


def test_screenshot(panel: GraphPanel) -> None:
    panel.set_samples(5, -1)
    panel.set_graph(linear_nodes())
    panel.set_update_lines([UpdateLine("w", 0.5, 0.01, 3.2, 0.468), UpdateLine("b", 1.0, 0.01, -0.4, 1.004)])
    QApplication.processEvents()  # let the layout take the new texts before the grab
    assert panel.grab().save("/tmp/graph_panel.png")


def test_a_new_graph_starts_at_its_inputs_and_a_changed_one_keeps_the_scroll(panel: GraphPanel) -> None:
    panel.set_graph(linear_nodes())
    QApplication.processEvents()
    bar = panel.view.horizontalScrollBar()
    assert bar.maximum() > bar.minimum()  # wider than a 400 px dock: scrolls instead of shrinking text
    assert bar.value() == bar.minimum()
    bar.setValue(bar.maximum())
    panel.set_graph(linear_nodes((0.1, 0.2)))
    assert bar.value() == bar.maximum()
    panel.set_graph(loss_graph(data_problem("tiny-net"), (0.5, 1.0), BATCH))
    assert bar.value() == bar.minimum()


def test_update_terms_and_the_step_by_step_toggle(qtbot: QtBot, panel: GraphPanel) -> None:
    panel.set_update_terms(["Adam · w:", "   g = ∂L/∂w = 0.5"])
    assert panel.update_label.text() == "Adam · w:\n   g = ∂L/∂w = 0.5"
    with qtbot.assertNotEmitted(panel.step_by_step_toggled):
        panel.set_step_by_step(True)
    assert panel.step_by_step_box.isChecked() and not panel.step_label.isHidden()
    panel.set_step_sentence("① Gradient")
    assert panel.step_label.text() == "① Gradient"
    with qtbot.waitSignal(panel.step_by_step_toggled) as blocker:
        panel.step_by_step_box.click()
    assert blocker.args == [False] and panel.step_label.isHidden()
