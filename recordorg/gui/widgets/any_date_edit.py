"""A date edit whose lowest date stands for "any date" and reads as a word ("Any")."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget


class AnyDateEdit(QDateEdit):
    """A calendar date edit starting at `lowest`, shown as `word`. Tab and Shift+Tab leave it
    while it shows the word (Qt's own date edit keeps the keyboard inside, a trap)."""

    def __init__(self, lowest: QDate, word: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(lowest)
        self.setSpecialValueText(word)
        self.setDate(lowest)

    def focusNextPrevChild(self, next_: bool) -> bool:
        if self.date() == self.minimumDate():
            return QWidget.focusNextPrevChild(self, next_)
        return super().focusNextPrevChild(next_)
