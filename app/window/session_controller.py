"""File → Save / Open session, recent files, and the window geometry and last session kept in QSettings."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QStandardPaths, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.state.app_state import AppState
from app.state.session import (
    SESSION_SUFFIX,
    SessionError,
    ensure_suffix,
    load_session,
    save_session,
    session_from_state,
)
from app.window.controller import Controller
from app.window.main_window import MainWindow

MAX_RECENT = 8
LAST_SESSION_NAME = "last" + SESSION_SUFFIX


def move_aside(path: Path) -> Path:
    """Rename ``path`` to a free ``NAME.broken-N`` next to it, so it is kept but never read again."""
    for number in range(1, 1000):
        target = path.with_name(f"{path.name}.broken-{number}")
        if not target.exists():
            break
    try:
        os.replace(path, target)
    except OSError:  # a read-only folder: the file stays, and the next start refuses it again
        return path
    return target


def last_session_path() -> Path:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    return folder / LAST_SESSION_NAME


class SessionController(QObject):
    """Saves and opens sessions; a bad file shows its reason and leaves the current state untouched."""

    session_saved = Signal(str)
    session_opened = Signal(str)
    session_failed = Signal(str)

    def __init__(self, window: MainWindow, controller: Controller, settings: QSettings | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.settings = settings or QSettings()
        self._show_recent()

    # ---- the operations (tests call these directly) ------------------------------------------
    def save(self, path: str | Path) -> bool:
        target = ensure_suffix(path)
        try:
            save_session(self.controller.state, target)
        except SessionError as error:
            self._fail(str(error))
            return False
        self._remember(target)
        self.session_saved.emit(str(target))
        self.window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Saved %1").replace("%1", str(target)), 5000
        )
        return True

    def open(self, path: str | Path) -> bool:
        try:
            session = load_session(path)
            self.controller.apply_session(session)
        except SessionError as error:
            self._fail(str(error))
            return False
        self._remember(Path(path))
        self.session_opened.emit(str(path))
        return True

    def restore_window(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.window.restoreGeometry(geometry)
        layout = self.settings.value("window/state")
        if layout is not None:
            self.window.restoreState(layout)

    def remember_window(self) -> None:
        self.settings.setValue("window/geometry", self.window.saveGeometry())
        self.settings.setValue("window/state", self.window.saveState())

    def restore_last_session(self) -> Path | None:
        """Reopen the session the app had when it was last closed.

        One that no longer opens (unreadable, refused, or failing while applied) must never stop the
        app from starting: it is moved aside (returned), the state goes back to the defaults and the
        status bar says where the file went.
        """
        path = last_session_path()
        if not path.is_file():
            return None
        try:
            self.controller.apply_session(load_session(path))
        except Exception as error:
            if not isinstance(error, SessionError):  # it may have failed half-way: back to the defaults
                self.controller.apply_session(session_from_state(AppState()))
            moved = move_aside(path)
            message = (
                QCoreApplication.translate(
                    "MainWindow", "The last session could not be restored (%1); it was moved to %2."
                )
                .replace("%1", str(error) or type(error).__name__)
                .replace("%2", str(moved))
            )
            self.window.statusBar().showMessage(message)
            self.session_failed.emit(message)
            return moved
        return None

    def save_last_session(self) -> None:
        path = last_session_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            save_session(self.controller.state, path)
        except SessionError:
            return  # never block quitting on the autosave

    def recent_files(self) -> list[str]:
        value = self.settings.value("sessions/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in cast("Iterable[object]", value or [])]

    # ---- helpers -----------------------------------------------------------------------------------
    def _remember(self, path: Path) -> None:
        recent = [str(path.resolve())] + [p for p in self.recent_files() if p != str(path.resolve())]
        self.settings.setValue("sessions/recent", recent[:MAX_RECENT])
        self._show_recent()

    def _show_recent(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        recent = self.recent_files()
        menu.setEnabled(bool(recent))
        for path in recent:
            action = QAction(Path(path).name, menu)
            action.setData(path)
            action.setToolTip(path)
            menu.addAction(action)

    def _fail(self, message: str) -> None:
        self.session_failed.emit(message)
        if self.window.isVisible():
            QMessageBox.warning(self.window, QCoreApplication.translate("MainWindow", "Session"), message)

    def on_save_triggered(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            QCoreApplication.translate("MainWindow", "Save session"),
            "",
            QCoreApplication.translate("MainWindow", "gdscope session (*%1)").replace("%1", SESSION_SUFFIX),
        )
        if path:
            self.save(path)

    def on_open_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            QCoreApplication.translate("MainWindow", "Open session"),
            "",
            QCoreApplication.translate("MainWindow", "gdscope session (*%1)").replace("%1", SESSION_SUFFIX)
            + ";;JSON (*.json)",
        )
        if path:
            self.open(path)

    def on_recent_menu_triggered(self, action: QAction) -> None:
        self.open(str(action.data()))
