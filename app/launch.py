"""Start the window: the QApplication, the state, the main window and the controller."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from app.controller import Controller
from app.course_controller import CourseController
from app.export_controller import ExportController
from app.lesson_controller import LessonController
from app.main_window import MainWindow
from app.problem_inputs import ProblemInputs
from app.session import load_session
from app.session_controller import SessionController
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


def build_window(state: AppState | None = None, language: str = "en") -> tuple[MainWindow, Controller]:
    """The window and its controllers (export and sessions are children of the window)."""
    window = MainWindow()
    controller = Controller(state or AppState(), window)
    exports = ExportController(window, controller)
    controller.add_shutdown_hook(exports.shutdown)
    SessionController(window, controller)
    CourseController(window, controller)
    ProblemInputs(window, controller)
    LessonController(window, controller, language)
    return window, controller


def launch_window(args: argparse.Namespace) -> int:
    """The app as a user starts it: last geometry and session restored, or the session given."""
    session_file = getattr(args, "session", None)
    if session_file:
        session = load_session(session_file)  # a bad file: exit 2 with the reason, before any window
    app = create_application()
    window, controller = build_window()
    sessions = window.findChild(SessionController)
    assert sessions is not None
    sessions.restore_window()
    if session_file:
        controller.apply_session(session)
    else:
        sessions.restore_last_session()
    window.show()
    code = app.exec()
    sessions.remember_window()
    sessions.save_last_session()
    controller.shutdown()
    return int(code)
