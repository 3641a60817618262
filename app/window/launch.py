"""Start the window: the QApplication, the state, the main window and the controller."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt
from PySide6.QtWidgets import QApplication

from app.cli.dashboard_options import dashboards
from app.dashboards.targets import VisdomTarget
from app.runs.session_domain import checked_problem
from app.runtime.heap import collect_on_gui_thread, keep_long_lived
from app.runtime.translations import available_languages, install_language, save_language, saved_language
from app.state.app_state import AppState
from app.state.session import load_session
from app.window.controller import Controller
from app.window.course_controller import CourseController
from app.window.dashboard_controller import DashboardController
from app.window.export_controller import ExportController
from app.window.lesson_controller import LessonController
from app.window.main_window import MainWindow
from app.window.problem_inputs import ProblemInputs
from app.window.race_controller import RaceController
from app.window.schedule_controller import ScheduleController
from app.window.session_controller import SessionController
from app.window.step_by_step_controller import StepByStepController
from app.window.wiring import WindowParts, wire_window


def create_application() -> QApplication:
    """The QApplication, with GL context sharing set first (a second GLViewWidget fails without it)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("gdscope")
    app.setOrganizationName("gdscope")
    collect_on_gui_thread(app)  # a Qt object collected on a worker thread can deadlock (heap.py)
    return app


def build_window(
    state: AppState | None = None, language: str = "en", first_runs_on_worker: bool = False
) -> tuple[MainWindow, Controller]:
    """The window and its controllers (export and sessions are children of the window).

    ``first_runs_on_worker``: the app's first window; its first runs load the engine's kernels on the
    worker, so the surface shows first (Controller).
    """
    window = MainWindow()
    controller = Controller(state or AppState(), window, language, first_runs_on_worker)
    exports = ExportController(window, controller)
    controller.add_shutdown_hook(exports.shutdown)
    sessions = SessionController(window, controller)
    dashboards = DashboardController(window, controller)
    course = CourseController(window, controller)
    race = RaceController(window, controller, course)
    steps = StepByStepController(window, controller, course)
    inputs = ProblemInputs(window, controller)
    lessons = LessonController(window, controller, language)
    schedule = ScheduleController(window, controller)
    parts = (exports, sessions, dashboards, course, race, steps, inputs, lessons, schedule)
    wire_window(WindowParts(window, controller, *parts))  # every connection (app/window/wiring.py)
    controller.start()
    return window, controller


class WindowHost(QObject):
    """Owns the one window of a running app; a language change rebuilds it on the same state."""

    def __init__(self, app: QApplication, state: AppState, language: str, starting: bool = False) -> None:
        """``starting``: the app's first window (its first runs go to the worker: build_window)."""
        super().__init__()
        self.app = app
        self.state = state
        self.language = language
        self.settings = QSettings()
        self.window, self.controller = self._build(first_runs_on_worker=starting)

    def _build(self, first_runs_on_worker: bool = False) -> tuple[MainWindow, Controller]:
        install_language(self.app, self.language)
        window, controller = build_window(self.state, self.language, first_runs_on_worker)
        window.set_languages(available_languages(), self.language)
        window.language_chosen.connect(self._on_window_language_chosen)
        window.closing.connect(self._on_window_closing)
        return window, controller

    def start_dashboards(self, visdom: VisdomTarget | None, log_dir: str | None) -> None:
        dashboards = self.window.findChild(DashboardController)
        assert dashboards is not None
        if visdom is not None:
            dashboards.start_visdom(visdom)
        if log_dir is not None:
            dashboards.start_tensorboard(log_dir)

    def sessions(self) -> SessionController:
        found = self.window.findChild(SessionController)
        assert found is not None
        return found

    def switch_language(self, language: str) -> None:
        if language == self.language:
            return
        save_language(self.settings, language)
        self.language = language
        old_window, old_controller = self.window, self.controller
        geometry, layout = old_window.saveGeometry(), old_window.saveState()
        placed, maximized = old_window.geometry(), old_window.isMaximized()
        self.state.playback.playing = False
        old_dashboards = old_window.findChild(DashboardController)
        assert old_dashboards is not None
        streaming = (old_dashboards.visdom, old_dashboards.log_dir)
        old_controller.shutdown()
        _forget_listeners(self.state)  # the old window's handlers must not hear the state any more
        old_window.closing.disconnect(self._on_window_closing)
        old_window.close()
        old_window.deleteLater()
        self.window, self.controller = self._build()
        self.window.restoreGeometry(geometry)
        self.window.restoreState(layout)
        if not maximized:  # restoreGeometry re-adds the window frame's offset on some X servers: the
            self.window.setGeometry(placed)  # new window lies exactly where the old one was
        self.window.show()
        # The keys (Space, arrows, Home) act on the new window at once, as they did on the old one.
        self.window.raise_()
        self.window.activateWindow()
        self.start_dashboards(*streaming)

    def _on_window_language_chosen(self, language: str) -> None:
        self.switch_language(language)

    def _on_window_closing(self) -> None:
        sessions = self.sessions()
        sessions.remember_window()
        sessions.save_last_session()
        self.controller.shutdown()


def _forget_listeners(state: AppState) -> None:
    """Disconnect everything listening to ``state``: only the window being replaced listens to it."""
    groups = [state.run.events, state.view.events, state.playback.events]
    groups += [settings.events for settings in state.optimizers.values()]
    for events in groups:
        events.disconnect()


def launch_window(args: argparse.Namespace) -> int:
    """The app as a user starts it: its language, last geometry and session restored, or the session given."""
    session_file = getattr(args, "session", None)
    boards = dashboards(args)  # a malformed --visdom: exit 2 before any window
    if session_file:
        session = load_session(session_file)  # a bad file: exit 2 with the reason, before any window
        checked_problem(session)  # and so is a session its problem cannot take
    app = create_application()
    host = WindowHost(app, AppState(), saved_language(QSettings()), starting=True)
    sessions = host.sessions()
    sessions.restore_window()
    if session_file:
        host.controller.apply_session(session)
    else:
        sessions.restore_last_session()
    host.window.show()
    host.start_dashboards(boards.visdom, boards.tensorboard)
    keep_long_lived()  # start-up's objects: out of every later full collection's walk
    return int(app.exec())
