"""The Lessons menu: each lesson sets the state in one go, starts the run and explains itself."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from app.state.app_state import AppState
from app.state.lessons import LESSONS, Lesson, get_lesson
from app.window.controller import Controller
from app.window.main_window import MainWindow

LESSON_IDS = frozenset(lesson.id for lesson in LESSONS)


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
            window.lessons_menu.addAction(action)
        window.lessons_menu.addSeparator()
        window.lessons_menu.addAction(window.real_model_action)
        window.lesson_panel.clear()

    def start(self, lesson_id: str) -> None:
        lesson = get_lesson(lesson_id)
        self.current = lesson
        self.controller.change_state(lesson.apply)
        self.window.lesson_panel.set_lesson(lesson.title(self.language), lesson.explanation(self.language))
        self.window.show_lesson_dock()

    def leave(self) -> None:
        """Back to free exploration: the lesson's extra runs go; its settings stay to be changed."""
        self.current = None
        self.controller.change_state(_drop_custom_runs)
        self.window.lesson_panel.clear()

    def on_lessons_menu_triggered(self, action: QAction) -> None:
        lesson_id = action.data()
        if lesson_id in LESSON_IDS:  # not the menu's Real model entry
            self.start(str(lesson_id))

    def on_replay_requested(self) -> None:
        if self.current is not None:
            self.start(self.current.id)

    def on_leave_requested(self) -> None:
        self.leave()


def _drop_custom_runs(state: AppState) -> None:
    if state.run.custom_runs:
        for run in state.run.custom_runs:
            state.optimizers[run.kind].enabled = True
        state.run.custom_runs = ()
    state.playback.playing = False
