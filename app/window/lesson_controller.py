"""The Lessons menu: each lesson sets the state in one go, starts the run and explains itself."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from app.window.controller import Controller
from app.state.lessons import LESSONS, Lesson, get_lesson
from app.window.main_window import MainWindow
from app.state.app_state import AppState


class LessonController(QObject):
    def __init__(self, window: MainWindow, controller: Controller, language: str = "en") -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.language = language
        self.current: Lesson | None = None
        for number, lesson in enumerate(LESSONS, start=1):
            action = QAction(f"&{number}. {lesson.title(language)}", window.lessons_menu)
            action.setData(lesson.id)
            action.triggered.connect(self._on_lesson_triggered)
            window.lessons_menu.addAction(action)
        window.lessons_menu.addSeparator()
        window.lessons_menu.addAction(window.real_model_action)
        window.lesson_panel.replay_requested.connect(self._on_replay_requested)
        window.lesson_panel.leave_requested.connect(self._on_leave_requested)
        window.lesson_panel.clear()

    def start(self, lesson_id: str) -> None:
        lesson = get_lesson(lesson_id)
        self.current = lesson
        self.controller.change_state(lesson.apply)
        self.window.lesson_panel.set_lesson(lesson.title(self.language), lesson.explanation(self.language))
        self.window.docks["lesson"].show()
        self.window.docks["lesson"].raise_()

    def leave(self) -> None:
        """Back to free exploration: the lesson's extra runs go; its settings stay to be changed."""
        self.current = None
        self.controller.change_state(_drop_custom_runs)
        self.window.lesson_panel.clear()

    def _on_lesson_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.start(str(action.data()))

    def _on_replay_requested(self) -> None:
        if self.current is not None:
            self.start(self.current.id)

    def _on_leave_requested(self) -> None:
        self.leave()


def _drop_custom_runs(state: AppState) -> None:
    if state.run.custom_runs:
        for run in state.run.custom_runs:
            state.optimizers[run.kind].enabled = True
        state.run.custom_runs = ()
    state.playback.playing = False
