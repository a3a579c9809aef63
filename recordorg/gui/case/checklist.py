"""The review-readiness checklist as a list: what is there, what is missing, what to look for."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from recordorg.core.case.checklist import Checklist

RECORD_ROLE = Qt.ItemDataRole.UserRole
CHECK_MARKS = {"done": "✔", "partial": "◐", "missing": "✘"}


class ChecklistList(QListWidget):
    """One row per need; double-clicking a row opens the first record that satisfies it."""

    record_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewChecklist")
        self.setAccessibleName("Ready for review? What the case has and lacks")
        self.setWordWrap(True)
        self.itemDoubleClicked.connect(self._open)

    def show_checklist(self, checklist: Checklist) -> None:
        self.clear()
        for item in checklist.items:
            text = f"{CHECK_MARKS[item.status]} {item.title}: {item.detail}"
            if item.look_for and item.status != "done":
                text += f"\n   Look for: {item.look_for}"
            row = QListWidgetItem(text)
            row.setData(RECORD_ROLE, item.record_ids[0] if item.record_ids else None)
            row.setToolTip("Double-click to open the record" if item.record_ids else "")
            self.addItem(row)

    def texts(self) -> list[str]:
        return [self.item(n).text() for n in range(self.count())]

    def _open(self, item: QListWidgetItem) -> None:
        if item.data(RECORD_ROLE) is not None:
            self.record_requested.emit(int(item.data(RECORD_ROLE)), 0)


def suggest_job(root, person):
    """The suggestion run as a job generator, with its own connection on the pool thread."""
    from recordorg.core.case.suggest import suggest
    from recordorg.core.catalogue.library import Library
    from recordorg.core.progress import Progress

    yield Progress(0, 1, "", "Reading the records…")
    library = Library(root)
    try:
        report = suggest(library.connection(), person)
    finally:
        library.close()
    yield Progress(1, 1)
    return report
