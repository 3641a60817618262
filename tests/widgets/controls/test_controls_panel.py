"""ControlsPanel both ways: setters show values silently; user edits emit exact values."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSlider, QCheckBox, QDoubleSpinBox, QWidget
from pytestqt.qtbot import QtBot

from app.state.optimizer_kinds import OPTIMIZER_KINDS, OPTIMIZERS
from widgets.controls.controls_panel import ControlsPanel

SIGNALS = (
    "lr_changed",
    "lr_y_changed",
    "batch_size_changed",
    "ema_beta_changed",
    "steps_changed",
    "noise_changed",
    "samples_changed",
    "seed_changed",
    "optimizer_changed",
)


@pytest.fixture
def panel(qtbot: QtBot) -> ControlsPanel:
    widget = ControlsPanel(OPTIMIZERS)
    qtbot.addWidget(widget)
    widget.resize(360, 700)
    with qtbot.waitExposed(widget):
        widget.show()
    with qtbot.waitActive(widget):  # real focus changes, so leaving a box is tested too
        widget.activateWindow()
    return widget


@contextmanager
def nothing_emitted(qtbot: QtBot, panel: ControlsPanel) -> Iterator[None]:
    with ExitStack() as stack:
        for name in SIGNALS:
            stack.enter_context(qtbot.assertNotEmitted(getattr(panel, name)))
        yield


def type_into(qtbot: QtBot, box: QWidget, text: str) -> None:
    """Select what the box shows, type ``text`` over it and press Enter, as a user would."""
    box.setFocus()
    box.lineEdit().selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_rows_follow_the_kind_order(panel: ControlsPanel) -> None:
    assert tuple(panel.rows) == OPTIMIZER_KINDS
    assert panel.rows["gd"].collapsible.text() == "GD (full batch)"


# ------------------------------------------------------------------------ setters
def test_setters_show_values_and_emit_nothing(qtbot: QtBot, panel: ControlsPanel) -> None:
    with nothing_emitted(qtbot, panel):
        panel.set_lr(0.05)
        panel.set_batch_size(16, 200)
        panel.set_ema_beta(0.99)
        panel.set_steps(750)
        panel.set_noise(2.5)
        panel.set_samples(300)
        panel.set_seed(2**31 - 1)
        panel.set_optimizer("adam", {"enabled": True, "beta1": 0.8, "amsgrad": True, "eps": 1e-6})
        panel.set_optimizer("momentum", {"dampening": 0.25})

    assert panel.lr_slider.box.value() == 0.05
    assert panel.lr_slider.box.text() == "0.05"
    assert panel.lr_slider.slider.value() == panel.lr_slider.position_for(0.05)
    assert (panel.batch_slider.slider.minimum(), panel.batch_slider.slider.maximum()) == (1, 201)
    assert panel.batch_slider.slider.value() == 16
    assert panel.batch_slider.value_label.text() == "B = 16"
    assert panel.ema_slider.value() == pytest.approx(0.99)
    assert panel.steps_spin.value() == 750
    assert panel.noise_spin.value() == 2.5
    assert panel.samples_spin.value() == 300
    assert panel.seed_spin.value() == 2**31 - 1
    adam = panel.rows["adam"]
    assert adam.enabled_box.isChecked()
    assert adam.values() == {
        "enabled": True,
        "beta1": 0.8,
        "beta2": 0.999,
        "amsgrad": True,
        "eps": 1e-6,
        "weight_decay": 0.0,
    }
    assert adam.knobs["eps"].text() == "1e-06"
    assert adam.main_knobs.isEnabled() and adam.advanced_knobs.isEnabled()
    assert panel.rows["momentum"].knobs["dampening"].value() == 0.25


def test_batch_setter_full_batch_sits_at_the_right_end(qtbot: QtBot, panel: ControlsPanel) -> None:
    with nothing_emitted(qtbot, panel):
        panel.set_batch_size(0, 50)
    assert panel.batch_slider.slider.value() == panel.batch_slider.slider.maximum() == 51
    assert panel.batch_slider.value_label.text() == "full"
    assert panel.batch_slider.batch_size() == 0


def test_disabled_rows_have_greyed_knobs(qtbot: QtBot, panel: ControlsPanel) -> None:
    with nothing_emitted(qtbot, panel):
        panel.set_optimizer("rmsprop", {"enabled": True})
        panel.set_optimizer("rmsprop", {"enabled": False})
    row = panel.rows["rmsprop"]
    assert not row.enabled_box.isChecked()
    assert not row.knobs["alpha"].isEnabled()
    assert not row.knobs["weight_decay"].isEnabled()


def test_unknown_knob_is_an_error(panel: ControlsPanel) -> None:
    with pytest.raises(KeyError):
        panel.set_optimizer("gd", {"momentum": 0.5})


def test_noise_controls_can_be_hidden(qtbot: QtBot, panel: ControlsPanel) -> None:
    with nothing_emitted(qtbot, panel):
        panel.set_noise_controls_visible(False)
    assert not panel.noise_spin.isVisible()
    assert not panel.samples_spin.isVisible()
    assert panel.seed_spin.isVisible()
    panel.set_noise_controls_visible(True)
    assert panel.noise_spin.isVisible() and panel.samples_spin.isVisible()


# ------------------------------------------------------------------------ user actions
def test_dragging_the_lr_slider_emits_while_moving(qtbot: QtBot, panel: ControlsPanel) -> None:
    slider = panel.lr_slider.slider
    with qtbot.waitSignal(panel.lr_changed) as blocker:
        slider.setValue(panel.lr_slider.position_for(1e-2) - 1)
    assert blocker.args[0] == pytest.approx(10 ** (-2 - 1 / 100), rel=1e-2)
    with qtbot.waitSignal(panel.lr_changed) as blocker:
        slider.triggerAction(QAbstractSlider.SliderAction.SliderSingleStepAdd)
    assert slider.value() == panel.lr_slider.position_for(1e-2) + 9
    with qtbot.waitSignal(panel.lr_changed) as blocker:
        slider.setValue(panel.lr_slider.position_for(1e-2))
    assert blocker.args[0] == pytest.approx(0.01, rel=math.log(10) / 100)
    assert panel.lr_slider.box.value() == blocker.args[0]
    with qtbot.waitSignal(panel.lr_changed) as blocker:
        slider.triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)
    assert blocker.args == [1.0]
    with qtbot.waitSignal(panel.lr_changed) as blocker:
        slider.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    assert blocker.args == [1e-4]


def test_typing_an_lr_emits_it_exactly(qtbot: QtBot, panel: ControlsPanel) -> None:
    with qtbot.waitSignal(panel.lr_changed) as blocker:
        type_into(qtbot, panel.lr_slider.box, "0.05")
    assert blocker.args == [0.05]
    assert panel.lr_slider.slider.value() == panel.lr_slider.position_for(0.05)


@pytest.mark.parametrize("text", ["abc", "1e", "5", "1e-9", "-0.1"])
def test_invalid_lr_text_is_rejected(qtbot: QtBot, panel: ControlsPanel, text: str) -> None:
    panel.set_lr(0.02)
    with qtbot.assertNotEmitted(panel.lr_changed):
        type_into(qtbot, panel.lr_slider.box, text)
        panel.steps_spin.setFocus()  # leaving the box must not emit either
    assert panel.lr_slider.box.text() == "0.02"
    assert panel.lr_slider.box.value() == 0.02


def test_batch_slider_ends(qtbot: QtBot, panel: ControlsPanel) -> None:
    panel.set_batch_size(8, 100)
    slider = panel.batch_slider.slider
    with qtbot.waitSignal(panel.batch_size_changed) as blocker:
        slider.triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)
    assert blocker.args == [0]
    assert panel.batch_slider.value_label.text() == "full"
    with qtbot.waitSignal(panel.batch_size_changed) as blocker:
        slider.triggerAction(QAbstractSlider.SliderAction.SliderSingleStepSub)
    assert blocker.args == [100]
    with qtbot.waitSignal(panel.batch_size_changed) as blocker:
        slider.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    assert blocker.args == [1]
    assert panel.batch_slider.value_label.text() == "B = 1"


def test_ema_slider_emits_beta(qtbot: QtBot, panel: ControlsPanel) -> None:
    with qtbot.waitSignal(panel.ema_beta_changed) as blocker:
        panel.ema_slider.setValue(0.5)
    assert blocker.args == [pytest.approx(0.5)]
    with qtbot.waitSignal(panel.ema_beta_changed) as blocker:
        panel.ema_slider.setSliderPosition(2.0)  # a drag past the right end (what a mouse move does)
    assert blocker.args == [pytest.approx(0.999)]
    assert panel.ema_slider._label.text() == "0.999"


def test_typing_an_ema_beta(qtbot: QtBot, panel: ControlsPanel) -> None:
    label = panel.ema_slider._label  # superqt's editable value box beside the slider
    with qtbot.waitSignal(panel.ema_beta_changed) as blocker:
        label.setFocus()
        label.selectAll()
        qtbot.keyClicks(label, "0.95")
        qtbot.keyClick(label, Qt.Key.Key_Return)
    assert blocker.args == [pytest.approx(0.95)]


def test_spin_boxes_emit_once_on_enter(qtbot: QtBot, panel: ControlsPanel) -> None:
    cases = [
        (panel.steps_spin, panel.steps_changed, "350", 350),
        (panel.noise_spin, panel.noise_changed, "1.5", 1.5),
        (panel.samples_spin, panel.samples_changed, "64", 64),
        (panel.seed_spin, panel.seed_changed, "12345", 12345),
    ]
    for spin, signal, text, expected in cases:
        with qtbot.waitSignal(signal) as blocker:
            type_into(qtbot, spin, text)
        assert blocker.args == [expected]
        assert blocker.signal_triggered


def test_enabling_an_optimizer(qtbot: QtBot, panel: ControlsPanel) -> None:
    box = panel.rows["momentum"].enabled_box
    with qtbot.waitSignal(panel.optimizer_changed) as blocker:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert blocker.args == ["momentum", "enabled", True]
    assert panel.rows["momentum"].knobs["momentum"].isEnabled()


def test_editing_knobs_emits_kind_knob_value(qtbot: QtBot, panel: ControlsPanel) -> None:
    for kind in ("momentum", "adam", "sgd"):
        panel.set_optimizer(kind, {"enabled": True})
        panel.rows[kind].collapsible.expand(animate=False)
        panel.rows[kind].advanced.expand(animate=False)

    with qtbot.waitSignal(panel.optimizer_changed) as blocker:
        type_into(qtbot, panel.rows["momentum"].knobs["momentum"], "0.5")
    assert blocker.args == ["momentum", "momentum", 0.5]

    amsgrad = panel.rows["adam"].knobs["amsgrad"]
    assert isinstance(amsgrad, QCheckBox)
    with qtbot.waitSignal(panel.optimizer_changed) as blocker:
        qtbot.mouseClick(amsgrad, Qt.MouseButton.LeftButton, pos=QPoint(6, amsgrad.height() // 2))
    assert blocker.args == ["adam", "amsgrad", True]

    with qtbot.waitSignal(panel.optimizer_changed) as blocker:
        type_into(qtbot, panel.rows["adam"].knobs["eps"], "1e-6")
    assert blocker.args == ["adam", "eps", 1e-6]

    weight_decay = panel.rows["sgd"].knobs["weight_decay"]
    assert isinstance(weight_decay, QDoubleSpinBox)
    with qtbot.waitSignal(panel.optimizer_changed) as blocker:
        weight_decay.stepUp()
    assert blocker.args == ["sgd", "weight_decay", pytest.approx(0.001)]


def test_every_control_has_a_tooltip(panel: ControlsPanel) -> None:
    controls = [
        panel.lr_slider.slider,
        panel.lr_slider.box,
        panel.split_lr_box,
        panel.lr_y_slider.slider,
        panel.lr_y_slider.box,
        panel.batch_slider.slider,
        panel.ema_slider,
        panel.steps_spin,
        panel.noise_spin,
        panel.samples_spin,
        panel.seed_spin,
    ]
    for row in panel.rows.values():
        controls.append(row.enabled_box)
        controls.extend(row.knobs.values())
    assert all(control.toolTip() for control in controls)


# ------------------------------------------------------------------------ separate learning rates
def click_box(qtbot: QtBot, box: QCheckBox) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def test_lr_starts_shared(panel: ControlsPanel) -> None:
    assert not panel.split_lr_box.isChecked()
    assert panel.split_lr_box.isVisible()
    assert not panel.lr_y_slider.isVisible()
    assert panel.lr_label.text() == "learning rate"


def test_lr_y_setter_splits_and_unsplits_silently(qtbot: QtBot, panel: ControlsPanel) -> None:
    with nothing_emitted(qtbot, panel):
        panel.set_param_names("w", "b")
        panel.set_lr_y(0.003)
    assert panel.split_lr_box.isChecked()
    assert panel.lr_y_slider.isVisible()
    assert panel.lr_y_slider.value() == 0.003
    assert panel.lr_y_slider.slider.value() == panel.lr_y_slider.position_for(0.003)
    assert (panel.lr_label.text(), panel.lr_y_label.text()) == ("lr for w", "lr for b")

    with nothing_emitted(qtbot, panel):
        panel.set_param_names("w₁", "w₂")
    assert (panel.lr_label.text(), panel.lr_y_label.text()) == ("lr for w₁", "lr for w₂")

    with nothing_emitted(qtbot, panel):
        panel.set_lr_y(None)
    assert not panel.split_lr_box.isChecked()
    assert not panel.lr_y_slider.isVisible()
    assert panel.lr_label.text() == "learning rate"


def test_checking_the_box_splits_with_equal_rates(qtbot: QtBot, panel: ControlsPanel) -> None:
    panel.set_lr(0.05)
    with qtbot.assertNotEmitted(panel.lr_changed), qtbot.waitSignal(panel.lr_y_changed) as blocker:
        click_box(qtbot, panel.split_lr_box)
    assert blocker.args == [0.05]
    assert panel.lr_y_slider.isVisible()
    assert panel.lr_y_slider.value() == 0.05
    assert (panel.lr_label.text(), panel.lr_y_label.text()) == ("lr for x", "lr for y")


def test_split_sliders_report_their_own_rate(qtbot: QtBot, panel: ControlsPanel) -> None:
    panel.set_lr(0.01)
    panel.set_lr_y(0.01)
    with qtbot.assertNotEmitted(panel.lr_changed), qtbot.waitSignal(panel.lr_y_changed) as blocker:
        type_into(qtbot, panel.lr_y_slider.box, "0.2")
    assert blocker.args == [0.2]
    with qtbot.assertNotEmitted(panel.lr_changed), qtbot.waitSignal(panel.lr_y_changed) as blocker:
        panel.lr_y_slider.slider.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    assert blocker.args == [1e-4]
    with qtbot.assertNotEmitted(panel.lr_y_changed), qtbot.waitSignal(panel.lr_changed) as blocker:
        type_into(qtbot, panel.lr_slider.box, "0.03")
    assert blocker.args == [0.03]


def test_unchecking_the_box_sends_none(qtbot: QtBot, panel: ControlsPanel) -> None:
    panel.set_param_names("w", "b")
    panel.set_lr_y(0.2)
    with qtbot.assertNotEmitted(panel.lr_changed), qtbot.waitSignal(panel.lr_y_changed) as blocker:
        click_box(qtbot, panel.split_lr_box)
    assert blocker.args == [None]
    assert not panel.lr_y_slider.isVisible()
    assert panel.lr_label.text() == "learning rate"
