"""What the learner feeds the problem: a typed f(x, y), a data set or CSV file, the split, the
reduction, shuffling and a separate learning rate for the second parameter.

A bad input (a malformed expression, an unreadable CSV) gets its message beside the control and
changes nothing else: the previous surface and runs stay.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog

from algorithms.datasets import DatasetError, load_csv
from algorithms.expressions import ExpressionError, parse_expression
from algorithms.problems import DATA_PROBLEMS
from app.state.limits import MAX_SAMPLES
from app.state.session_schema import EXPRESSION_ID
from app.window.controller import Controller
from app.window.main_window import MainWindow


class ProblemInputs(QObject):
    def __init__(self, window: MainWindow, controller: Controller) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.state = controller.state

    def on_results_changed(self, results: object) -> None:
        names = self.controller.problem.param_names
        self.window.controls_panel.set_param_names(*names)
        self.window.data_controls.setEnabled(self.controller.problem.kind in DATA_PROBLEMS)

    def submit_expression(self, text: str) -> bool:
        """Draw the typed surface, or show why not (the current surface stays)."""
        try:
            parse_expression(text)
        except ExpressionError as error:
            self.window.expression_bar.set_error(str(error), error.position)
            return False
        self.window.expression_bar.clear_error()
        run = self.state.run
        already_typed = run.problem_id == EXPRESSION_ID
        with run.events.blocked():
            run.start = None
            run.expression = text
        if already_typed:
            self.controller.reload_problem()
        else:
            run.problem_id = EXPRESSION_ID
        return True

    def load_csv_file(self, path: str) -> bool:
        task = "classification" if self.state.run.problem_id == "logistic-regression" else "regression"
        try:
            load_csv(path, task, MAX_SAMPLES)  # checked first: a bad file changes nothing
        except DatasetError as error:
            self.window.data_controls.set_message(str(error))
            return False
        self.window.data_controls.set_message("")
        self.state.run.data_file = path
        return True

    def on_expression_submitted(self, text: str) -> None:
        self.submit_expression(text)

    def on_dataset_chosen(self, key: str) -> None:
        with self.state.run.events.blocked():
            self.state.run.data_file = ""
        self.state.run.dataset = key

    def on_load_csv_requested(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, QCoreApplication.translate("MainWindow", "Load data (x,y)"), "", "CSV (*.csv)"
        )
        if path:
            self.load_csv_file(path)

    def on_reduction_changed(self, reduction: str) -> None:
        self.state.run.reduction = reduction

    def on_split_changed(self, fractions: tuple[float, float, float]) -> None:
        self.state.run.split = tuple(fractions)  # type: ignore[assignment]

    def on_shuffle_changed(self, shuffle: bool) -> None:
        self.state.run.shuffle = shuffle

    def on_lr_y_changed(self, lr_y: object) -> None:
        self.state.run.lr_y = None if lr_y is None else float(lr_y)  # type: ignore[arg-type]
