"""The import summary's lines on whose records these are: the patients the files held,
whom each was filed under, the records naming someone else and the questions to answer."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from recordorg.gui.icons import icon

HEADING = "Whose records these are"
SAY_WHO = "say who"  # the words of a line that asks the user to tell patients apart


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
            question = SAY_WHO in line
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
