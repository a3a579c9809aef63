"""The progress of a long job: a bar, the count, the current file, the time left, Cancel."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recordorg.core.progress import Progress
from recordorg.gui.widgets.progress_lines import ProgressLines


class ProgressDialog(QDialog):
    """Non-blocking: the window behind it stays usable while the job runs."""

    cancel_requested = Signal()

    def __init__(
        self, parent: QWidget | None, title: str, *, cancellable: bool = True, explanation: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(False)
        self.setMinimumWidth(440)
        self._finished = False
        self._cancellable = cancellable
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 16)
        layout.setSpacing(10)
        self.heading = QLabel(title)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        self.lines = ProgressLines()
        self.bar, self.count, self.current = self.lines.bar, self.lines.count, self.lines.current
        buttons = QDialogButtonBox()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the job")
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.clicked.connect(self._cancel)
        layout.addWidget(self.heading)
        if explanation:
            words = QLabel(explanation)
            words.setWordWrap(True)
            layout.addWidget(words)
        for widget in (self.bar, self.count, self.current, self.lines.time_left):
            layout.addWidget(widget)
        layout.addSpacing(6)
        layout.addWidget(buttons)
        buttons.setVisible(cancellable)

    def show_progress(self, step: Progress) -> None:
        self.lines.show(step)

    def set_stopping(self) -> None:
        self.cancel_button.setEnabled(False)
        self.lines.set_stopping()

    def _cancel(self) -> None:
        self.cancel_requested.emit()

    def reject(self) -> None:  # Esc or the close button cancel the job, never hide it
        if self._cancellable:
            self._cancel()

    def done_and_close(self) -> None:
        self._finished = True
        self.hide()
        self.deleteLater()
