"""The lines a job's progress is told in: a bar, how many of how many, the file in hand, and
the time left once it can be said (shared by the progress dialog and the import's view)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar

from recordorg.core.progress import Progress, RemainingTime, time_left
from recordorg.gui.theme import secondary_text

CountWords = Callable[[Progress, str], str]  # the step, its file's name as it fits
STOPPING = "Stopping after the current file…"


def files_counted(step: Progress, _name: str) -> str:
    return f"{step.done:,} of {step.total:,} files"


def secondary(label: QLabel) -> QLabel:
    """The label in the softer colour of counts and explanations."""
    palette = label.palette()
    palette.setColor(label.foregroundRole(), secondary_text(palette))
    label.setPalette(palette)
    return label


class ProgressLines:
    """The widgets of a progress view, kept up to date by show(step); the view lays them out."""

    def __init__(
        self,
        count_words: CountWords = files_counted,
        name_width: int = 400,
        stopping: str = STOPPING,
    ) -> None:
        self.count_words = count_words
        self.name_width = name_width
        self.stopping_words = stopping
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.bar.setRange(0, 0)
        self.bar.setAccessibleName("Progress")
        self.count = QLabel("Starting…")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.current = secondary(QLabel(" "))
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.time_left = secondary(QLabel(""))
        self.time_left.setAccessibleName("Time left")
        self.remaining = RemainingTime()
        self.stopping = False

    def show(self, step: Progress) -> None:
        name = self.current.fontMetrics().elidedText(
            step.current, Qt.TextElideMode.ElideMiddle, self.name_width
        )
        if step.total:
            self.bar.setRange(0, step.total)
            self.bar.setValue(step.done)
        else:
            self.bar.setRange(0, 0)
        if step.message or step.total:
            self.count.setText(step.message or self.count_words(step, name))
        if step.current:
            self.current.setText(name)
        seconds = self.remaining.seconds_left(step)
        if self.stopping:
            self.time_left.setText(self.stopping_words)
        else:
            self.time_left.setText(time_left(seconds) if seconds is not None else "")

    def set_stopping(self) -> None:
        self.stopping = True
        self.time_left.setText(self.stopping_words)
