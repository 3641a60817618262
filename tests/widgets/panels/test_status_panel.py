"""StatusPanel: one reused row per run; an ended run shows ✕ in the warning colour."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from widgets.common.view_data import StatusLine
from widgets.panels.status_panel import WARNING_COLOR, StatusPanel


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


# ------------------------------------------------------------------------ selecting a run
def is_bold(label: object) -> bool:
    return bool(label.font().bold())  # type: ignore[attr-defined]


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())  # type: ignore[attr-defined]


def background_at_right_edge(panel: StatusPanel, key: str) -> str:
    body = panel.row_widgets(key)[0].parentWidget()
    rect = panel.row_rect(key)
    return body.grab().toImage().pixelColor(rect.right() - 2, rect.center().y()).name()


@pytest.mark.parametrize("column", [0, 1, 2])
def test_clicking_a_row_selects_its_run(qtbot: QtBot, panel: StatusPanel, column: int) -> None:
    panel.set_lines(lines())
    plain = background_at_right_edge(panel, "adam")
    with qtbot.waitSignal(panel.run_selected) as blocker:
        click(qtbot, panel.row_widgets("adam")[column])
    assert blocker.args == ["adam"]
    assert is_bold(panel.row_widgets("adam")[1])
    assert not is_bold(panel.row_widgets("gd")[1])
    assert background_at_right_edge(panel, "adam") != plain
    assert background_at_right_edge(panel, "gd") == plain


def test_clicking_below_the_rows_selects_nothing(qtbot: QtBot, panel: StatusPanel) -> None:
    panel.set_lines(lines())
    body = panel.row_widgets("gd")[0].parentWidget()
    with qtbot.assertNotEmitted(panel.run_selected):
        qtbot.mouseClick(body, Qt.MouseButton.LeftButton, pos=QPoint(10, body.height() - 3))
    assert panel.selected() is None


def test_set_selected_highlights_without_emitting(qtbot: QtBot, panel: StatusPanel) -> None:
    panel.set_lines(lines())
    plain = background_at_right_edge(panel, "gd")
    with qtbot.assertNotEmitted(panel.run_selected):
        panel.set_selected("gd")
    assert is_bold(panel.row_widgets("gd")[1])
    assert not is_bold(panel.row_widgets("adam")[1])
    assert background_at_right_edge(panel, "gd") != plain

    panel.set_lines(lines()[::-1])  # rebuilt rows keep the selection
    assert is_bold(panel.row_widgets("gd")[1])
    assert background_at_right_edge(panel, "gd") != plain
    assert background_at_right_edge(panel, "adam") == plain

    with qtbot.assertNotEmitted(panel.run_selected):
        panel.set_selected(None)
    assert not any(is_bold(panel.row_widgets(key)[1]) for key in ("gd", "adam"))
    assert background_at_right_edge(panel, "gd") == plain
    panel.set_selected("missing")  # a run not shown highlights nothing
    assert not any(is_bold(panel.row_widgets(key)[1]) for key in ("gd", "adam"))


def test_warnings_flag_runs_and_survive_new_lines(qtbot: QtBot) -> None:
    panel = StatusPanel()
    qtbot.addWidget(panel)
    lines = [
        StatusLine("gd", "GD", "#ff0000", "loss 1", "ok"),
        StatusLine("adam", "Adam", "#00ff00", "loss 2", "ok"),
    ]
    panel.set_lines(lines)
    panel.set_warnings({"gd": "lr 0.15 is past the stability limit 0.1"})
    name = panel.row_widgets("gd")[1]
    assert name.text() == "⚠ GD" and "0.1" in name.toolTip()
    assert panel.row_widgets("adam")[1].text() == "Adam"
    panel.set_lines(lines[::-1])  # rebuilt rows keep the flag
    assert panel.row_widgets("gd")[1].text() == "⚠ GD"
    panel.set_warnings({})
    assert panel.row_widgets("gd")[1].text() == "GD" and panel.warning("gd") == ""
