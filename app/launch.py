"""Start the window: the QApplication, the state, the main window and the controller."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from app.controller import Controller
from app.main_window import MainWindow
from app.state import AppState


def create_application() -> QApplication:
    """The QApplication, with GL context sharing set first (a second GLViewWidget fails without it)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("gdscope")
    app.setOrganizationName("gdscope")
    return app


def build_window(state: AppState | None = None) -> tuple[MainWindow, Controller]:
    window = MainWindow()
    controller = Controller(state or AppState(), window)
    window.destroyed.connect(controller.shutdown)
    return window, controller


def launch_window(args: argparse.Namespace) -> int:
    app = create_application()
    window, controller = build_window()
    window.show()
    code = app.exec()
    controller.shutdown()
    return int(code)
