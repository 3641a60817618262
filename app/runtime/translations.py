"""The interface languages: English (the source strings) and Simplified Chinese, through Qt's translators.

Qt-only (no app state): ``install_language`` loads ``resources/translations/gdscope_<language>.qm`` and
Qt's own ``qtbase_<language>.qm`` (standard dialog buttons); the learner's choice lives in QSettings.
Widgets built after ``install_language`` show the new language; ``scripts/update-translations.sh``
rebuilds the ``.ts`` source and the ``.qm`` file from the ``tr()`` calls.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

import resources

TRANSLATIONS_DIR = Path(resources.__file__).resolve().parent / "translations"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SOURCE_LANGUAGE = "en"
SETTINGS_KEY = "ui/language"
TRANSLATOR_NAME = "gdscope-translator"  # objectName of the translators installed here


def available_languages() -> dict[str, str]:
    """Language code -> its name in that language, for the Language menu."""
    return dict(LANGUAGES)


def system_language(locale: QLocale | None = None) -> str:
    """ "zh_CN" for any Chinese system locale, else "en"."""
    locale = QLocale.system() if locale is None else locale
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else SOURCE_LANGUAGE


def translation_file(language: str) -> Path:
    return TRANSLATIONS_DIR / f"gdscope_{language}.qm"


def install_language(app: QCoreApplication, language: str) -> QTranslator | None:
    """Replace the installed translators by ``language``'s; the app's translator, or None for English.

    Also installs Qt's own translation of its standard dialogs when Qt ships one. Translators are
    children of ``app`` (so they live as long as it does) and ``remove_language`` finds them again.
    """
    remove_language(app)
    if language == SOURCE_LANGUAGE or language not in LANGUAGES:
        return None
    translator = _load(str(translation_file(language)), "", app)
    if translator is None:
        return None
    qt_dialogs = _load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), app
    )
    if qt_dialogs is not None:
        app.installTranslator(qt_dialogs)
    app.installTranslator(translator)  # installed last, so it is searched first
    return translator


def remove_language(app: QCoreApplication) -> None:
    """Back to the source strings (English): uninstall and delete the translators installed here."""
    for translator in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(translator)
        translator.setParent(None)  # Python owns it now and deletes it with the last reference


def saved_language(settings: QSettings) -> str:
    """The language the learner chose last time, else the system's."""
    value = settings.value(SETTINGS_KEY)
    return value if isinstance(value, str) and value in LANGUAGES else system_language()


def save_language(settings: QSettings, language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of: {', '.join(LANGUAGES)}")
    settings.setValue(SETTINGS_KEY, language)


def _load(name: str, directory: str, app: QCoreApplication) -> QTranslator | None:
    """A translator (a child of ``app``) for ``name`` in ``directory``, or None if there is no such file."""
    translator = QTranslator()
    if not translator.load(name, directory):
        return None
    translator.setObjectName(TRANSLATOR_NAME)
    translator.setParent(app)
    return translator
