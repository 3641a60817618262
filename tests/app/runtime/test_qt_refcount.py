"""PySide6-Essentials 6.12.0 on Python 3.11 drops a reference to None on every void Qt call and
aborts the process; pyproject pins <6.12. This test catches that regression if the pin is lifted."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_keep_the_refcount_of_none() -> None:
    obj = QObject()
    before = sys.getrefcount(None)
    for i in range(1000):
        obj.setObjectName(f"probe-{i % 7}")  # a void method: returns None through the binding
    after = sys.getrefcount(None)
    assert after >= before - 10, f"refcount of None dropped from {before} to {after}"
