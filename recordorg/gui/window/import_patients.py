"""The import summary's lines on whose records these are: the patients the files held,
whom each was filed under, the records naming someone else and the questions to answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from recordorg.gui.icons import icon
from recordorg.jobs.import_report import ImportReport

if TYPE_CHECKING:
    from recordorg.jobs.patients import SeveralPatients

HEADING = "Whose records these are"
# Words of the lines that ask the user something: tell patients apart, import one at a time
QUESTIONS = ("say who", "one patient's files at a time")
STOPPED = "These files hold the images of several patients."


class ImportPatients(QFrame):
    """One line per patient the import met, as the command line's `patients:` lines."""

    def __init__(self, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPatients")
        self.setAccessibleName(HEADING)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(8)
        grid.setColumnStretch(1, 1)
        heading = QLabel(HEADING)
        font = QFont(heading.font())
        font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(font)
        grid.addWidget(heading, 0, 0, 1, 2)
        self.lines: list[QLabel] = []
        for row, line in enumerate(lines, 1):
            question = any(words in line for words in QUESTIONS)
            badge = QLabel()
            badge.setPixmap(
                icon("warning" if question else "person", "#c77d0a" if question else None).pixmap(
                    QSize(16, 16)
                )
            )
            words = QLabel(line)
            words.setWordWrap(True)
            words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(badge, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(words, row, 1)
            self.lines.append(words)


def patient_lines_text(lines: list[str]) -> list[str]:
    """The lines as the copied list (and the command line) writes them."""
    return [f"Patients: {line}" for line in lines]


def stopped_for_patients(error: SeveralPatients) -> ImportReport:
    """The report of an import for one person stopped because the files hold several
    patients' images: nothing imported, and the question the summary's actions answer."""
    names = "; ".join(p.words() for p in error.patients)
    question = (
        f"These files hold the images of {len(error.patients)} different patients: {names}. "
        f"Nothing was imported, so no one else's images are filed under {error.person}. "
        "File each patient under their own person, or cancel and import one patient's "
        "files at a time."
    )
    return ImportReport(stopped=STOPPED, patients=[question])
