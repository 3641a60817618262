"""LogSliderWidget marks: drawn at the slider position of their value, listed in the tooltip."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from widgets.controls.log_slider import LogSliderWidget, SliderMark


def test_marks_positions_and_tooltip(qtbot: QtBot) -> None:
    slider = LogSliderWidget(1e-5, 10.0)
    qtbot.addWidget(slider)
    slider.setToolTip("learning rate")
    slider.set_marks(
        [SliderMark(0.1, "#ff0000", "GD: lr < 0.1"), SliderMark(100.0, "#00ff00", "off the scale")]
    )
    assert slider.slider.marks == [(slider.position_for(0.1), "#ff0000")]  # 100 is past the maximum
    assert slider.slider.toolTip() == "learning rate\nGD: lr < 0.1\noff the scale"
    slider.resize(300, 30)
    low, high = slider.slider.mark_x(0), slider.slider.mark_x(slider.slider.maximum())
    x = slider.slider.mark_x(slider.position_for(0.1))
    assert low < x < high and abs((x - low) / (high - low) - 4 / 6) < 0.02  # 0.1 is 4 of 6 decades in
    slider.set_marks([])
    assert slider.slider.marks == [] and slider.slider.toolTip() == "learning rate"
    assert slider.marks() == []
