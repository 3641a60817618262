"""CodePanel: the code shown read-only in colour; Copy puts the exact text on the clipboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from widgets.panels.code_panel import RULES, CodePanel

CODE = 'import torch  # the library\nw = torch.tensor(0.5, requires_grad=True)\nname = "sgd"\n'


@pytest.fixture
def panel(qtbot: QtBot) -> CodePanel:
    widget = CodePanel()
    qtbot.addWidget(widget)
    widget.resize(400, 250)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def colours(panel: CodePanel, line: int) -> dict[str, str]:
    """Text of each coloured range on a line -> its colour."""
    block = panel.editor.document().findBlockByNumber(line)
    text = block.text()
    return {
        text[r.start : r.start + r.length]: r.format.foreground().color().name()
        for r in block.layout().formats()
    }


def test_code_is_shown_read_only_in_a_monospace_font(qtbot: QtBot, panel: CodePanel) -> None:
    with qtbot.assertNotEmitted(panel.copied):
        panel.set_code(CODE)
    assert panel.editor.toPlainText() == CODE == panel.code()
    assert panel.editor.isReadOnly()
    assert panel.editor.font().fixedPitch() or panel.editor.fontInfo().fixedPitch()
    assert panel.editor.font().pixelSize() >= 11


def test_keywords_strings_comments_and_numbers_are_coloured(panel: CodePanel) -> None:
    panel.set_code(CODE)
    keyword, _, number, _, string, comment = (colour for _, colour, _ in RULES)
    first = colours(panel, 0)
    assert first["import"] == keyword
    assert first["# the library"] == comment
    assert colours(panel, 1)["0.5"] == number
    assert colours(panel, 1)["True"] == RULES[1][1]
    assert colours(panel, 2)['"sgd"'] == string


def test_copy_puts_the_exact_text_on_the_clipboard(qtbot: QtBot, panel: CodePanel) -> None:
    panel.set_code(CODE)
    QGuiApplication.clipboard().setText("something else")
    with qtbot.waitSignal(panel.copied):
        qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == CODE
