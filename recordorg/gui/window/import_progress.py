"""How far an import has come, shown in the window under the records (not a dialog over
them): which file of how many, the time left once it can be said, and Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from recordorg.core.progress import Progress
from recordorg.gui.widgets.progress_lines import ProgressLines

KEPT_ON_CANCEL = "Stop after the files being read; the records already imported are kept."
STOPPING = "Stopping after the files being read; what is imported is kept…"


def reading(step: Progress, name: str) -> str:
    """ "Reading 37 of 412 · IMG00037": the files read so far and the last one."""
    count = f"Reading {step.done:,} of {step.total:,}"
    return f"{count} · {name}" if name else count


def import_title(paths: list[Path]) -> str:
    """What is imported, named: "Importing from CDROM" (a folder or disc), "Importing
    scan.pdf", "Importing 3 files", "Importing 2 folders and 1 file"."""
    folders = sum(1 for path in paths if path.is_dir())
    if len(paths) == 1:
        return f"Importing {'from ' if folders else ''}{paths[0].name or paths[0]}"
    files = len(paths) - folders
    parts = [
        f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((folders, "folder"), (files, "file"))
    ]
    return "Importing " + " and ".join(part for part in parts if not part.startswith("0 "))


class ImportProgress(QFrame):
    """One import's progress along the bottom of the window; the window stays in use."""

    cancel_requested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importProgress")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Import progress")
        self.heading = QLabel(title)
        font = QFont(self.heading.font())
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        self.lines = ProgressLines(reading, name_width=320, stopping=STOPPING)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the import")
        self.cancel_button.setToolTip(KEPT_ON_CANCEL)
        self.cancel_button.clicked.connect(self.cancel_requested)
        words = QHBoxLayout()
        words.setSpacing(14)
        words.addWidget(self.heading)
        words.addWidget(self.lines.count, 1)
        words.addWidget(self.lines.time_left)
        words.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 10)
        layout.setSpacing(6)
        layout.addLayout(words)
        layout.addWidget(self.lines.bar)
        self.hide()

    @property
    def count(self) -> QLabel:
        return self.lines.count

    @property
    def time_left(self) -> QLabel:
        return self.lines.time_left

    def show_progress(self, step: Progress) -> None:
        self.lines.show(step)

    def set_stopping(self) -> None:
        self.cancel_button.setEnabled(False)
        self.lines.set_stopping()

    def done_and_close(self) -> None:
        self.hide()
        self.deleteLater()
