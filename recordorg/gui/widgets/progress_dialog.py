"""The progress of a long job: a bar, the count, the current file, and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recordorg.core.progress import Progress
from recordorg.gui.theme import secondary_text


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
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.bar.setRange(0, 0)
        self.bar.setAccessibleName("Progress")
        self.count = QLabel("Starting…")
        self.current = QLabel(" ")
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        palette = self.current.palette()
        palette.setColor(self.current.foregroundRole(), secondary_text(palette))
        self.current.setPalette(palette)
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
        for widget in (self.bar, self.count, self.current):
            layout.addWidget(widget)
        layout.addSpacing(6)
        layout.addWidget(buttons)
        buttons.setVisible(cancellable)

    def show_progress(self, step: Progress) -> None:
        if step.total:
            self.bar.setRange(0, step.total)
            self.bar.setValue(step.done)
            self.count.setText(f"{step.done:,} of {step.total:,} files")
        else:
            self.bar.setRange(0, 0)
        if step.message:
            self.count.setText(step.message)
        if step.current:
            metrics = self.current.fontMetrics()
            self.current.setText(
                metrics.elidedText(step.current, Qt.TextElideMode.ElideMiddle, 400)
            )

    def set_stopping(self) -> None:
        self.cancel_button.setEnabled(False)
        self.count.setText("Stopping after the current file…")

    def _cancel(self) -> None:
        self.cancel_requested.emit()

    def reject(self) -> None:  # Esc or the close button cancel the job, never hide it
        if self._cancellable:
            self._cancel()

    def done_and_close(self) -> None:
        self._finished = True
        self.hide()
        self.deleteLater()
