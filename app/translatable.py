"""``QT_TRANSLATE_NOOP``, defined once and Qt-free, so Qt-free rooms (app/state) can mark strings too.

It marks a module-level string for lupdate (which finds the calls by this name) in a context and
returns it unchanged; the UI shows it translated with ``QCoreApplication.translate(context, text)``.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Return ``text``; lupdate records it in ``context``."""
    return text
