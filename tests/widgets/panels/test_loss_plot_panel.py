"""LossPlotPanel: curves cut at the play head, reused items, log-y masking, toggles both ways."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from pytestqt.qtbot import QtBot

from widgets.common.view_data import LossCurve
from widgets.panels.loss_plot_panel import LossPlotPanel, mask_for_display


@pytest.fixture
def panel(qtbot: QtBot) -> LossPlotPanel:
    widget = LossPlotPanel()
    qtbot.addWidget(widget)
    widget.resize(360, 260)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def make_curves(n: int = 100) -> list[LossCurve]:
    t = np.arange(n, dtype=float)
    raw_a = np.exp(-t / 20) + 0.05 * np.sin(t)
    raw_b = 1.0 / (1.0 + t)
    return [
        LossCurve("gd", "GD", "#ff2d2d", raw_a, np.convolve(raw_a, np.ones(3) / 3, mode="same")),
        LossCurve("adam", "Adam", "#ff0054", raw_b, raw_b * 1.1),
    ]


def data_lengths(panel: LossPlotPanel) -> list[int]:
    lengths = []
    for raw_item, smooth_item in panel.curve_items().values():
        for item in (raw_item, smooth_item):
            _x, y = item.getData()
            lengths.append(0 if y is None else len(y))
    return lengths


def test_step_cuts_every_curve_and_moves_the_play_head(qtbot: QtBot, panel: LossPlotPanel) -> None:
    with qtbot.assertNotEmitted(panel.log_y_toggled), qtbot.assertNotEmitted(panel.bias_correction_toggled):
        panel.set_curves(make_curves())
        panel.set_step(40)
    assert data_lengths(panel) == [40, 40, 40, 40]
    assert panel.play_head.value() == 40
    gd_raw, gd_smooth = panel.curve_items()["gd"]
    np.testing.assert_array_equal(gd_raw.getData()[1], make_curves()[0].raw[:40])
    assert gd_raw.opts["pen"].color().alphaF() == pytest.approx(0.3, abs=0.01)
    assert gd_smooth.opts["pen"].widthF() > gd_raw.opts["pen"].widthF()
    panel.set_step(0)
    assert data_lengths(panel) == [0, 0, 0, 0]
    panel.set_step(500)
    assert data_lengths(panel) == [100, 100, 100, 100]


def test_items_are_reused_for_the_same_keys(panel: LossPlotPanel) -> None:
    panel.set_curves(make_curves())
    before = panel.curve_items()
    panel.set_step(10)
    panel.set_curves(make_curves(60))
    after = panel.curve_items()
    assert before == after
    assert data_lengths(panel) == [10, 10, 10, 10]
    panel.set_curves(make_curves()[:1])
    assert list(panel.curve_items()) == ["gd"]
    assert len(panel.plot_item.listDataItems()) == 2
    assert [label.text for _, label in panel.legend.items] == ["GD"]


def test_legend_lists_the_runs(panel: LossPlotPanel) -> None:
    panel.set_curves(make_curves())
    assert [label.text for _, label in panel.legend.items] == ["GD", "Adam"]


def test_log_y_with_zeros_negatives_and_nan_warns_nothing(qtbot: QtBot, panel: LossPlotPanel) -> None:
    raw = np.array([1.0, 0.0, -2.0, np.nan, np.inf, 0.5, -np.inf, 1e-3] * 5)
    curves = [LossCurve("sgd", "SGD", "#ff9f1c", raw, raw.copy())]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with qtbot.assertNotEmitted(panel.log_y_toggled):
            panel.set_log_y(True)
        panel.set_curves(curves)
        panel.set_step(20)
        panel.grab()  # paint with the masked data
        panel.set_log_y(False)
        panel.grab()
    assert panel.log_y_box.isChecked() is False
    assert data_lengths(panel) == [20, 20]


def test_all_nan_curve_is_just_a_gap(panel: LossPlotPanel) -> None:
    """A run that is NaN from the start draws nothing, warns nothing and leaves the others framed."""
    nan = np.full(30, np.nan)
    fine = np.linspace(2.0, 1.0, 30)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        panel.set_curves(
            [LossCurve("gd", "GD", "#ff2d2d", nan, nan), LossCurve("adam", "Adam", "#ff0054", fine, fine)]
        )
        panel.set_step(10)
        panel.set_log_y(True)
        image = panel.grab().toImage()
    assert not image.isNull()
    gd_raw, gd_smooth = panel.curve_items()["gd"]
    for item in (gd_raw, gd_smooth):
        x, y = item.getData()
        assert len(y) == 10 and np.isnan(y).all()  # a gap: points kept in step, none drawn
        np.testing.assert_array_equal(x, np.arange(10.0))
    adam_raw, _adam_smooth = panel.curve_items()["adam"]
    np.testing.assert_allclose(adam_raw.yData, fine[:10])  # the data; getData() is log10 on a log axis
    assert [label.text for _, label in panel.legend.items] == ["GD", "Adam"]
    (low, high) = panel.plot_item.getViewBox().viewRange()[1]  # log axis: log10 of the loss
    assert low <= np.log10(1.0) and high >= np.log10(2.0)  # framed on the finite run
    assert panel.log_y_box.isChecked()


def test_mask_for_display() -> None:
    values = np.array([2.0, 0.0, -1.0, np.inf, np.nan])
    np.testing.assert_array_equal(mask_for_display(values, log_y=True), [2.0, np.nan, np.nan, np.nan, np.nan])
    np.testing.assert_array_equal(mask_for_display(values, log_y=False), [2.0, 0.0, -1.0, np.nan, np.nan])


def test_setters_show_state_and_emit_nothing(qtbot: QtBot, panel: LossPlotPanel) -> None:
    with qtbot.assertNotEmitted(panel.log_y_toggled), qtbot.assertNotEmitted(panel.bias_correction_toggled):
        panel.set_log_y(True)
        panel.set_bias_correction(True)
    assert panel.log_y_box.isChecked() and panel.bias_box.isChecked()
    assert panel.plot_item.ctrl.logYCheck.isChecked()


def click(qtbot: QtBot, box: object) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))  # type: ignore[attr-defined]


def test_user_toggles_emit_and_apply_log_y(qtbot: QtBot, panel: LossPlotPanel) -> None:
    panel.set_curves(make_curves())
    with qtbot.waitSignal(panel.log_y_toggled) as blocker:
        click(qtbot, panel.log_y_box)
    assert blocker.args == [True]
    assert panel.plot_item.ctrl.logYCheck.isChecked()
    with qtbot.waitSignal(panel.bias_correction_toggled) as blocker:
        click(qtbot, panel.bias_box)
    assert blocker.args == [True]
    with qtbot.waitSignal(panel.log_y_toggled) as blocker:
        click(qtbot, panel.log_y_box)
    assert blocker.args == [False]
    assert not panel.plot_item.ctrl.logYCheck.isChecked()


def test_toggles_have_tooltips(panel: LossPlotPanel) -> None:
    assert panel.log_y_box.toolTip() and panel.bias_box.toolTip()


def test_a_step_already_drawn_is_not_drawn_again(
    panel: LossPlotPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel.set_curves(make_curves())
    panel.set_step(40)
    calls: list[int] = []

    def counted(item: object) -> None:
        original = item.setData  # type: ignore[attr-defined]

        def call(*args: object, **kwargs: object) -> object:
            calls.append(1)
            return original(*args, **kwargs)

        monkeypatch.setattr(item, "setData", call)

    for raw_item, smooth_item in panel.curve_items().values():
        counted(raw_item)
        counted(smooth_item)
    panel.set_step(40)
    assert calls == []
    panel.set_step(41)
    assert len(calls) == 4 and data_lengths(panel) == [41, 41, 41, 41]


def test_a_change_is_painted_once(qtbot: QtBot, panel: LossPlotPanel) -> None:
    """The plot's deferred updates (view transform, changed items) join the window's repaint."""
    panel.set_curves(make_curves())
    panel.set_step(40)
    qtbot.wait(50)
    paints = []

    class PaintCounter(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                paints.append(1)
            return False

    counter = PaintCounter()
    panel.plot_widget.viewport().installEventFilter(counter)
    panel.set_curves(make_curves(80))  # new curves: the y range changes too
    panel.set_step(60)
    qtbot.wait(100)
    panel.plot_widget.viewport().removeEventFilter(counter)
    assert len(paints) == 1


@pytest.mark.parametrize("runs", [1, 2, 3])
def test_each_legend_sample_is_centred_beside_its_label(qtbot: QtBot, runs: int) -> None:
    widget = LossPlotPanel()
    qtbot.addWidget(widget)
    widget.resize(560, 190)  # the Loss dock at 1366×768: rows used to stretch over the plot's height
    with qtbot.waitExposed(widget):
        widget.show()
    sgd = LossCurve("sgd", "SGD (batch 1)", "#ff9f1c", np.ones(100), np.ones(100))
    curves = [*make_curves(), sgd][:runs]
    widget.set_curves(curves)
    qtbot.waitUntil(lambda: widget.legend.items[0][1].isVisible())
    for sample, label in widget.legend.items:
        sample_y = sample.sceneBoundingRect().center().y()
        label_y = label.item.sceneBoundingRect().center().y()
        assert abs(sample_y - label_y) <= 2, (label.text, sample_y, label_y)
    rows = [sample.sceneBoundingRect().center().y() for sample, _ in widget.legend.items]
    assert all(0 < b - a <= 24 for a, b in itertools.pairwise(rows))  # close rows, in order
