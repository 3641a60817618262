"""StatusPanel: one reused row per run; an ended run shows ✕ in the warning colour."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from widgets.status_panel import WARNING_COLOR, StatusPanel
from widgets.view_data import StatusLine


@pytest.fixture
def panel(qtbot: QtBot) -> StatusPanel:
    widget = StatusPanel()
    qtbot.addWidget(widget)
    widget.resize(360, 200)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def lines(adam_state: str = "ok", adam_text: str = "loss 0.0123 at (0.998, 0.996)") -> list[StatusLine]:
    return [
        StatusLine("gd", "GD (full batch)", "#ff2d2d", "loss 1.25 at (-1.2, 1)"),
        StatusLine("adam", "Adam", "#ff0054", adam_text, adam_state),
    ]


def text_color(label: object) -> str:
    return label.palette().color(QPalette.ColorRole.WindowText).name()  # type: ignore[attr-defined]


def test_one_line_per_run(panel: StatusPanel) -> None:
    panel.set_lines(lines())
    swatch, name, text = panel.row_widgets("adam")
    assert name.text() == "Adam"
    assert text.text() == "loss 0.0123 at (0.998, 0.996)"
    assert "#ff0054" in swatch.styleSheet()
    assert text_color(text) != QColor(WARNING_COLOR).name()


@pytest.mark.parametrize("state", ["diverged", "left-domain"])
def test_ended_run_shows_a_cross_in_the_warning_colour(panel: StatusPanel, state: str) -> None:
    panel.set_lines(lines())
    normal = text_color(panel.row_widgets("adam")[2])
    panel.set_lines(lines(state, "diverged at step 12"))
    text = panel.row_widgets("adam")[2]
    assert text.text() == "✕ diverged at step 12"
    assert text_color(text) == QColor(WARNING_COLOR).name()
    assert text_color(panel.row_widgets("gd")[2]) == normal
    panel.set_lines(lines())
    assert text_color(panel.row_widgets("adam")[2]) == normal
    assert "✕" not in panel.row_widgets("adam")[2].text()


def test_rows_are_reused_while_keys_stay(panel: StatusPanel) -> None:
    panel.set_lines(lines())
    before = panel.row_widgets("gd")
    panel.set_lines(lines(adam_text="loss 0.0100 at (1, 1)"))
    assert panel.row_widgets("gd") == before
    assert panel.row_widgets("adam")[2].text() == "loss 0.0100 at (1, 1)"
    panel.set_lines(lines()[:1])
    with pytest.raises(KeyError):
        panel.row_widgets("adam")
