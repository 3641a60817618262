"""Languages: the Chinese translation is complete and built, and a window built after switching shows it."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.runtime.translations import (
    SETTINGS_KEY,
    TRANSLATIONS_DIR,
    TRANSLATOR_NAME,
    available_languages,
    install_language,
    remove_language,
    save_language,
    saved_language,
    system_language,
    translation_file,
)
from app.state.app_state import AppState
from app.window.controller import Controller
from app.window.launch import build_window
from app.window.main_window import MainWindow
from widgets.common.critical_marks import critical_tooltip
from widgets.common.view_data import CriticalMark

TS_FILE = TRANSLATIONS_DIR / "gdscope_zh_CN.ts"
ROOT = Path(__file__).resolve().parents[3]
# %1 (Qt), {name} (str.format) and HTML tags must come through a translation unchanged.
PLACEHOLDER = re.compile(r"%\d|\{\w*\}|<[^>]+>")


def chinese(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def ts_messages(path: Path = TS_FILE) -> list[tuple[str, ET.Element]]:
    """(context, <message>) for every message of the .ts file."""
    root = ET.parse(path).getroot()
    return [
        (context.findtext("name", ""), message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_every_message_has_a_finished_translation() -> None:
    messages = ts_messages()
    assert len(messages) > 100
    problems = []
    for context, message in messages:
        source = message.findtext("source", "")
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") is not None or not (translation.text or "").strip():
            problems.append(f"{context}: {source!r} ({translation.get('type')})")
    assert not problems, "untranslated: " + "; ".join(problems)


def test_the_ts_file_has_every_string_of_the_code(tmp_path: Path) -> None:
    """lupdate run over app/ and widgets/ now finds no string the .ts lacks (a new tr() or
    QT_TRANSLATE_NOOP string must be translated: run scripts/update-translations.sh)."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    fresh.write_bytes(TS_FILE.read_bytes())
    sources = sorted(str(p) for folder in ("app", "widgets") for p in (ROOT / folder).rglob("*.py"))
    done = subprocess.run(
        [str(lupdate), "-no-obsolete", "-locations", "none", *sources, "-ts", str(fresh)],
        capture_output=True,
        text=True,
        timeout=100,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    known = {(c, m.findtext("source", "")) for c, m in ts_messages(TS_FILE)}
    missing = [(c, m.findtext("source", "")) for c, m in ts_messages(fresh)]
    missing = [entry for entry in missing if entry not in known]
    assert not missing, f"strings of the code missing from {TS_FILE.name}: {missing[:8]}"


def test_translations_keep_placeholders_and_accelerators() -> None:
    for context, message in ts_messages():
        source = message.findtext("source", "")
        translated = message.findtext("translation", "")
        where = f"{context}: {source!r} -> {translated!r}"
        assert sorted(PLACEHOLDER.findall(translated)) == sorted(PLACEHOLDER.findall(source)), where
        # One '&' marks a menu accelerator ("&&" is a literal ampersand): keep exactly one if there was one.
        accelerators = source.replace("&&", "").count("&")
        assert translated.replace("&&", "").count("&") == accelerators, where


def test_qm_file_matches_the_ts_file() -> None:
    """The shipped .qm gives every translation of the .ts (run scripts/update-translations.sh if not)."""
    qm = translation_file("zh_CN")
    assert qm.is_file(), f"{qm} is missing: run scripts/update-translations.sh"
    translator = QTranslator()
    assert translator.load(str(qm))
    stale = [
        message.findtext("source", "")
        for context, message in ts_messages()
        if translator.translate(context, message.findtext("source", ""), message.findtext("comment"))
        != message.findtext("translation", "")
    ]
    assert not stale, f"{qm.name} is older than the .ts for: {stale[:5]} (run scripts/update-translations.sh)"


def test_languages_and_the_system_default() -> None:
    assert available_languages() == {"en": "English", "zh_CN": "简体中文"}
    assert system_language(QLocale("zh_CN")) == "zh_CN"
    assert system_language(QLocale("zh_TW")) == "zh_CN"
    assert system_language(QLocale("en_GB")) == "en"
    assert system_language(QLocale("de_DE")) == "en"
    assert system_language() in available_languages()


def test_saved_language_round_trip(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert saved_language(settings) == system_language()
    save_language(settings, "zh_CN")
    assert saved_language(settings) == "zh_CN"
    save_language(settings, "en")
    assert saved_language(settings) == "en"
    with pytest.raises(ValueError, match="unknown language"):
        save_language(settings, "fr")
    settings.setValue(SETTINGS_KEY, "fr")  # a hand-edited file falls back to the system's language
    assert saved_language(settings) == system_language()


def test_install_replaces_and_remove_uninstalls(qapp: QApplication) -> None:
    try:
        assert install_language(qapp, "en") is None
        assert not qapp.findChildren(QTranslator, TRANSLATOR_NAME)
        first = install_language(qapp, "zh_CN")
        assert first is not None
        installed = len(qapp.findChildren(QTranslator, TRANSLATOR_NAME))
        assert installed in (1, 2)  # ours, and Qt's own for the standard dialogs when Qt ships it
        assert install_language(qapp, "zh_CN") is not None
        assert len(qapp.findChildren(QTranslator, TRANSLATOR_NAME)) == installed  # replaced, not stacked
        mark = CriticalMark(0.0, 0.0, 0.0, "saddle", (-2.0, 2.0), ((1.0, 0.0), (0.0, 1.0)))
        assert chinese(critical_tooltip(mark))
    finally:
        remove_language(qapp)
    assert not qapp.findChildren(QTranslator, TRANSLATOR_NAME)
    assert not chinese(critical_tooltip(mark))


@contextmanager
def open_window(qtbot: QtBot, language: str) -> Iterator[tuple[MainWindow, Controller]]:
    """A real window built in ``language`` (as tests/app/conftest.py builds it), shut down afterwards."""
    window, controller = build_window(AppState(), language=language)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: controller.grid is not None and controller.worker.is_idle(), timeout=30_000)
    try:
        yield window, controller
    finally:
        controller.shutdown()
        window.close()


def visible_texts(window: MainWindow) -> dict[str, str]:
    return {
        "File menu": window.menuBar().actions()[0].text(),
        "dock title": window.docks["controls"].windowTitle(),
        "learning-rate label": window.controls_panel.lr_label.text(),
        "learning-rate tooltip": window.controls_panel.lr_slider.toolTip(),
        "optimizer row": window.controls_panel.rows["gd"].enabled_box.accessibleName(),
        "play tooltip": window.playback_bar.play_button.toolTip(),
        "first lesson": window.lessons_menu.actions()[0].text(),
        "shortcuts": window.shortcuts_text(),
    }


def test_window_switches_to_chinese_and_back(qtbot: QtBot, qapp: QApplication) -> None:
    try:
        assert install_language(qapp, "zh_CN") is not None
        with open_window(qtbot, "zh_CN") as (window, _):
            texts = visible_texts(window)
            assert texts["File menu"] == "文件(&F)"
            not_chinese = {name: text for name, text in texts.items() if not chinese(text)}
            assert not not_chinese, f"still English in Chinese: {not_chinese}"
    finally:
        remove_language(qapp)

    with open_window(qtbot, "en") as (window, _):
        texts = visible_texts(window)
        assert texts["File menu"] == "&File"
        assert texts["dock title"] == "Optimizers && settings"
        still_chinese = {name: text for name, text in texts.items() if chinese(text)}
        assert not still_chinese, f"still Chinese after removing the translator: {still_chinese}"


def test_lesson_run_names_are_shown_in_chinese(qtbot: QtBot, qapp: QApplication) -> None:
    from app.window.lesson_controller import LessonController

    try:
        assert install_language(qapp, "zh_CN") is not None
        with open_window(qtbot, "zh_CN") as (window, controller):
            lessons = window.findChild(LessonController)
            assert lessons is not None
            for lesson in ("warmup-decay", "ema-smoothing"):
                lessons.start(lesson)
                qtbot.waitUntil(lambda: controller.results is not None and controller.worker.is_idle())
                worded = [
                    label for label in window.surface_view.run_legend.labels if re.search("[a-z]{3}", label)
                ]
                assert all(chinese(label) for label in worded), worded  # "OneCycleLR" stays, beside Chinese
    finally:
        remove_language(qapp)


def test_language_menu_rebuilds_the_window_on_the_same_state(qtbot: QtBot, qapp: QApplication) -> None:
    from app.runtime.translations import remove_language
    from app.window.launch import WindowHost

    state = AppState()
    state.run.lr = 0.0123
    host = WindowHost(qapp, state, "en")
    try:
        host.window.show()
        qtbot.waitExposed(host.window)
        english_title = host.window.menuBar().actions()[0].text()
        languages = [a.data() for a in host.window.language_menu.actions()]
        assert languages == ["en", "zh_CN"]
        chinese_action = host.window.language_menu.actions()[1]
        old_window = host.window
        chinese_action.trigger()
        assert host.window is not old_window and host.language == "zh_CN"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in host.window.menuBar().actions()[0].text())
        assert host.window.menuBar().actions()[0].text() != english_title
        assert (
            host.controller.state is state
            and host.controller.results.entries[0].result.spec.optimizer.lr == 0.0123
        )
        gallery_titles = [host.window.gallery_panel.list_widget.item(i).text() for i in range(3)]
        assert any(any("\u4e00" <= ch <= "\u9fff" for ch in title) for title in gallery_titles)
        qtbot.waitUntil(host.controller.worker.is_idle, timeout=30_000)
    finally:
        host.controller.shutdown()
        host.window.close()
        remove_language(qapp)
