"""The two File-menu dialogs of the dashboards: a Visdom server (URL, port, environment) and a log folder."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.dashboards.targets import VisdomTarget, visdom_target


class VisdomDialog(QDialog):
    """Asks where to stream; ``target()`` is the checked answer (OK stays refused while it is malformed)."""

    def __init__(self, target: VisdomTarget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stream to Visdom"))
        self.server_edit = QLineEdit(target.server)
        self.server_edit.setToolTip(
            self.tr("The Visdom server, e.g. http://localhost (start one: python -m visdom.server)")
        )
        self.port_box = QSpinBox()
        self.port_box.setRange(1, 65535)
        self.port_box.setValue(target.port)
        self.env_edit = QLineEdit(target.env)
        self.env_edit.setToolTip(self.tr("The Visdom environment the windows go to"))
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #e03131")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Server"), self.server_edit)
        form.addRow(self.tr("Port"), self.port_box)
        form.addRow(self.tr("Environment"), self.env_edit)
        form.addRow(self.error_label)
        form.addRow(self.buttons)

    def target(self) -> VisdomTarget:
        """The target the fields describe (ValueError with the reason when they are malformed)."""
        return visdom_target(self.server_edit.text(), self.port_box.value(), self.env_edit.text().strip())

    def _on_buttons_accepted(self) -> None:
        try:
            self.target()
        except ValueError as error:
            self.error_label.setText(str(error))
            return
        self.accept()


def ask_log_folder(parent: QWidget, start: str) -> str:
    """A folder for TensorBoard's event files, or "" when cancelled."""
    title = QCoreApplication.translate("Dashboards", "Log to TensorBoard: choose a log folder")
    return QFileDialog.getExistingDirectory(parent, title, start)
