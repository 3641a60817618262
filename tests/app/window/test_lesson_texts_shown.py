"""Every lesson's explanation is shown whole, in both languages (issue 11, item 2)."""

from __future__ import annotations

import html
import re

import pytest
from pytestqt.qtbot import QtBot

from app.state.lessons import LESSONS
from widgets.panels.lesson_panel import LessonPanel

KNOWN_TAGS = re.compile(r"</?(b|i|code|p|br)>")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_lesson_text_is_shown_whole(qtbot: QtBot, language: str) -> None:
    panel = LessonPanel()
    qtbot.addWidget(panel)
    for lesson in LESSONS:
        text = lesson.explanation(language)
        panel.set_lesson(lesson.title(language), text)
        expected = html.unescape(KNOWN_TAGS.sub("", text))
        assert panel.text_browser.toPlainText() == expected, lesson.id
