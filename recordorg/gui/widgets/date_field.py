"""A date field that takes what people type (20/04/2024, 20 April 2024, 2024-04-20, Mar 2023)
in the library's order of day and month, with a calendar, and says when it cannot read one."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from recordorg.core.understanding.typed_dates import EXAMPLES, Reader, read_typed
from recordorg.core.wording import first_day, long_date, precision_of


class DateField(QWidget):
    """A typed date with a calendar button; `iso()` is the date to the precision typed ("" when
    none), `date()` its first day (``empty`` when none).

    `editingFinished` fires on Enter, on leaving the field and on a day picked; `problem`
    carries the words to show when what was typed is not a date (and "" once it is)."""

    editingFinished = Signal()
    problem = Signal(str)

    def __init__(self, empty: QDate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty = empty
        self.reader: Reader = read_typed
        self._iso = ""
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Unknown")
        self.edit.setToolTip(f"Type a date {EXAMPLES}, or pick one from the calendar")
        self.edit.editingFinished.connect(self._typed)
        self.calendar = QCalendarWidget()
        self.calendar.clicked.connect(self._picked)
        button = QToolButton(self)
        button.setText("▾")
        button.setAccessibleName("Pick a date from the calendar")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(lambda: self.calendar.setSelectedDate(self._calendar_day()))
        button.setMenu(menu)
        self.menu = menu
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(button)
        self.setFocusProxy(self.edit)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def calendarWidget(self) -> QCalendarWidget:
        return self.calendar

    def iso(self) -> str:
        return self._iso

    def date(self) -> QDate:
        day = first_day(self._iso) if self._iso else None
        return QDate(day.year, day.month, day.day) if day else self.empty

    def setDate(self, day: QDate) -> None:
        empty = not day.isValid() or day == self.empty
        self.set_iso("" if empty else day.toString("yyyy-MM-dd"))

    def set_iso(self, iso: str | None) -> None:
        """Show a date as ISO (full, "2023-03" or "2023"), or none."""
        self._iso = iso or ""
        self.edit.setText(long_date(self._iso, precision_of(self._iso)) if self._iso else "")
        self.edit.setCursorPosition(0)
        self.problem.emit("")

    def text(self) -> str:
        return self.edit.text()

    def _calendar_day(self) -> QDate:
        return self.date() if self._iso else QDate.currentDate()

    def _picked(self, day: QDate) -> None:
        self.menu.hide()
        self.setDate(day)
        self.editingFinished.emit()

    def _typed(self) -> None:
        text = " ".join(self.edit.text().split())
        if not text:
            if self._iso:
                self.set_iso("")
                self.editingFinished.emit()
            return
        if self._iso and text == long_date(self._iso, precision_of(self._iso)):
            return
        iso = self.reader(text)
        if not iso or first_day(iso) is None:
            self.problem.emit(f"“{text}” is not a date this can read: type it {EXAMPLES}.")
            return
        self.set_iso(iso)
        self.editingFinished.emit()
