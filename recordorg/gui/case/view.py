"""The case review panel: entries by section, suggestions to confirm, edit or reject, their
sources one click away, and what is still missing for a review."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recordorg.core.case import review as cases
from recordorg.core.case.checklist import review_checklist
from recordorg.core.case.kinds import KINDS
from recordorg.core.case.source_groups import grouped_sources
from recordorg.core.catalogue.people import list_people
from recordorg.core.errors import UserError
from recordorg.core.wording import short_date
from recordorg.gui.case.checklist import ChecklistList, suggest_job
from recordorg.gui.case.entry_actions import EntryActions
from recordorg.gui.case.entry_dialog import add_menu_button, entry_details_html
from recordorg.gui.errors import show_error
from recordorg.gui.icons import icon
from recordorg.gui.jobs import Job
from recordorg.gui.widgets.lazy_refresh import RefreshWhenShown
from recordorg.gui.widgets.question_edit import QuestionEdit

ENTRY_ROLE = Qt.ItemDataRole.UserRole
SUGGESTED = QColor("#a15c00")
STATUS_TEXT = {
    "confirmed": "Confirmed",
    "suggested": "Suggested - not confirmed",
    "rejected": "Rejected",
}


DATE_WIDTH = 150  # the Date column at least, with no period in the list
STATUS_PAD = 24  # a cell's margins around the Status column's words


class CaseView(EntryActions, RefreshWhenShown, QWidget):
    """Shows and changes one person's case review; asks the window to open sources."""

    record_requested = Signal(int, int)  # record id, page (0: the whole record)
    person_changed = Signal(object)  # str | None
    case_changed = Signal()

    def __init__(self, parent: QWidget | None = None, undo_stack=None) -> None:
        super().__init__(parent)
        self.setObjectName("caseView")
        self.undo_stack = undo_stack
        self.library = None
        self._stale = False
        self.case: cases.CaseReview | None = None
        self.suggest_job: Job | None = None
        self.person_box = QComboBox(self)
        self.person_box.setAccessibleName("Whose case")
        self.person_box.currentIndexChanged.connect(self._person_chosen)
        self.suggest_button = QPushButton(icon("review"), "Suggest from Records", self)
        self.suggest_button.setToolTip(
            "Read the records for biomarkers, treatments and scans; "
            "each suggestion waits for you to confirm it"
        )
        self.suggest_button.clicked.connect(self.run_suggestions)
        self.add_button = add_menu_button(self, self.add_entry)
        self.show_rejected = QCheckBox("Show rejected", self)
        self.show_rejected.toggled.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(QLabel("Case of:"))
        top.addWidget(self.person_box)
        top.addStretch(1)
        for widget in (self.show_rejected, self.add_button, self.suggest_button):
            top.addWidget(widget)
        self.question = QuestionEdit(self)
        self.question.setPlaceholderText(
            "What should the reviewer answer? It comes first in the bundle."
        )
        self.question.setAccessibleName("Question for the reviewer")
        self.question.editingFinished.connect(self.save_question)
        self.question_label = QLabel("&Question for the reviewer:", self)
        self.question_label.setBuddy(self.question)
        font = self.question_label.font()
        font.setBold(True)
        self.question_label.setFont(font)

        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Case review entries")
        self.tree.setHeaderLabels(["Entry", "Date", "Status"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # summaries get the rest
        self.tree.setColumnWidth(1, DATE_WIDTH)
        self.tree.setColumnWidth(2, self._status_width())
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        delete = QAction("Delete Entries", self.tree)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        self.tree.addAction(delete)
        self.tree.itemSelectionChanged.connect(self._entry_selected)
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit_selected())
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sources = QListWidget(self)
        self.sources.setAccessibleName("Sources of the chosen entries")
        self.sources.setWordWrap(True)
        self.sources.itemActivated.connect(lambda *_: self.open_selected_source())
        self.sources.itemDoubleClicked.connect(lambda *_: self.open_selected_source())
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, text, slot in (
            ("confirm", "Confirm", self.confirm_selected),
            ("edit", "Edit…", self.edit_selected),
            ("reject", "Reject", self.reject_selected),
            ("delete", "Delete", self.delete_selected),
            ("open", "Open Source", self.open_selected_source),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            self.buttons[name] = button
            row.addWidget(button)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.details)
        side_layout.addWidget(QLabel("Sources (double-click to open):"))
        side_layout.addWidget(self.sources, 2)
        side_layout.addLayout(row)
        side_layout.addWidget(QLabel("Ready for review?"))
        self.checklist = ChecklistList(self)
        self.checklist.record_requested.connect(self.record_requested)
        side_layout.addWidget(self.checklist, 3)
        splitter = QSplitter(self)
        splitter.addWidget(self.tree)
        splitter.addWidget(side)
        splitter.setSizes([640, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.question_label)
        layout.addWidget(self.question)
        layout.addWidget(splitter, 1)
        self._entry_selected()

    # -- library and person ---------------------------------------------------------------
    def set_library(self, library) -> None:
        self.library = library
        self.person_box.blockSignals(True)
        self.person_box.clear()
        people = list_people(library.connection())
        for person in people:
            self.person_box.addItem(person["name"], person["name"])
        if not people:
            self.person_box.addItem("Records without a person", None)
        self.person_box.setEnabled(len(people) > 1)
        self.person_box.blockSignals(False)
        self.mark_stale()

    @property
    def person(self) -> str | None:
        return self.person_box.currentData()

    def _person_chosen(self) -> None:
        self.refresh()
        self.person_changed.emit(self.person)

    # -- showing --------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.library is None:
            return
        self._stale = False
        conn = self.library.connection()
        chosen = self.selected_entry_ids()
        try:
            self.case = cases.load_case(
                conn, self.person, include_rejected=self.show_rejected.isChecked()
            )
            checklist = review_checklist(conn, self.person)
        except UserError as error:
            show_error(self, error)
            return
        self.tree.blockSignals(True)
        self.tree.clear()
        for kind, spec in KINDS.items():
            entries = self.case.of_kind(kind)
            if kind == "question":
                continue
            section = QTreeWidgetItem(self.tree, [f"{spec.plural} ({len(entries)})"])
            font = section.font(0)
            font.setBold(True)
            section.setFont(0, font)
            section.setFlags(Qt.ItemFlag.ItemIsEnabled)
            section.setFirstColumnSpanned(True)  # a kind's heading across the columns: whole
            for entry in entries:
                self._entry_item(section, entry)
            section.setExpanded(True)
        self.tree.resizeColumnToContents(1)  # a period ("3 Aug 2024 to 7 Aug 2024") whole
        self.tree.setColumnWidth(1, max(DATE_WIDTH, self.tree.columnWidth(1)))
        self.tree.setColumnWidth(2, self._status_width())
        self.question.setText(self.case.question)
        self.checklist.show_checklist(checklist)
        self.select_entries(chosen)
        self.tree.blockSignals(False)
        self._entry_selected()

    def _status_width(self) -> int:
        """The Status column as wide as its longest words ("Suggested - not confirmed", in
        italics as suggestions are shown), whichever entries the list has now."""
        font = QFont(self.tree.font())
        font.setItalic(True)
        widest = max(map(QFontMetrics(font).horizontalAdvance, STATUS_TEXT.values()))
        return widest + STATUS_PAD

    def _entry_item(self, section: QTreeWidgetItem, entry: cases.CaseEntry) -> None:
        when = short_date(entry.start)
        if entry.start and (entry.end or entry.get("ongoing")):
            when += " to " + ("ongoing" if entry.get("ongoing") else short_date(entry.end))
        item = QTreeWidgetItem(section, [entry.summary, when, STATUS_TEXT[entry.status]])
        item.setData(0, ENTRY_ROLE, entry.id)
        item.setToolTip(0, entry.marked_summary)
        if not entry.confirmed:
            for column in range(3):
                font = QFont(item.font(column))
                font.setItalic(True)
                font.setStrikeOut(entry.status == "rejected")
                item.setFont(column, font)
                item.setForeground(
                    column,
                    SUGGESTED
                    if entry.status == "suggested"
                    else self.palette().placeholderText().color(),
                )

    def _entry_items(self) -> list[QTreeWidgetItem]:
        items = []
        for index in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(index)
            items.extend(section.child(n) for n in range(section.childCount()))
        return items

    def select_entry(self, entry_id: int) -> bool:
        return self.select_entries([entry_id]) == 1

    def select_entries(self, entry_ids: list[int]) -> int:
        """Select these entries (the first becomes current); how many were found."""
        wanted = set(entry_ids)
        found = [i for i in self._entry_items() if i.data(0, ENTRY_ROLE) in wanted]
        self.tree.clearSelection()
        if found:
            self.tree.setCurrentItem(found[0])
        for item in found:
            item.setSelected(True)
        return len(found)

    def selected_entry_ids(self) -> list[int]:
        """The selected entries, in the order the tree shows them."""
        selected = set(map(id, self.tree.selectedItems()))
        return [i.data(0, ENTRY_ROLE) for i in self._entry_items() if id(i) in selected]

    def selected_entry_id(self) -> int | None:
        ids = self.selected_entry_ids()
        return ids[0] if len(ids) == 1 else None

    def selected_entries(self) -> list[cases.CaseEntry]:
        ids = set(self.selected_entry_ids())
        return [e for e in (self.case.entries if self.case else []) if e.id in ids]

    def selected_entry(self) -> cases.CaseEntry | None:
        entries = self.selected_entries()
        return entries[0] if len(entries) == 1 else None

    def _entry_selected(self) -> None:
        entries = self.selected_entries()
        entry = entries[0] if len(entries) == 1 else None
        self.sources.clear()
        statuses = {e.status for e in entries}
        enabled = {
            "confirm": bool(statuses - {"confirmed"}),
            "reject": bool(statuses - {"rejected"}),
            "delete": bool(entries),
            "edit": entry is not None,
            "open": entry is not None,
        }
        for name, button in self.buttons.items():
            button.setEnabled(enabled[name])
        if len(entries) > 1:
            self.details.setText(
                f"<b>{len(entries)} entries selected</b>: confirm, reject or delete them together."
            )
            return
        if entry is None:
            self.details.setText(
                "Choose an entry to see where it comes from (Ctrl- or Shift-click to choose "
                "several)."
            )
            return
        self.details.setText(entry_details_html(entry, STATUS_TEXT[entry.status]))
        titles = {c.record_id: c.record_title for c in entry.citations}
        for group in grouped_sources(entry.citations):
            page = f", page {group.page}" if group.page else ""
            said = group.summary()
            quote = (f"\n“{said}”" if group.count == 1 else f"\n{said}") if said else ""
            title = titles[group.record_id]
            row = QListWidgetItem(f"Record {group.record_id}: {title}{page}{quote}")
            row.setData(ENTRY_ROLE, (group.record_id, group.page or 0))
            self.sources.addItem(row)
        if self.sources.count():
            self.sources.setCurrentRow(0)
        self.buttons["open"].setEnabled(self.sources.count() > 0)

    # -- changing -------------------------------------------------------------------------
    def _change(self, action, *args) -> None:
        try:
            action(self.library.connection(), *args)
        except UserError as error:
            show_error(self, error)
            return
        self.refresh()
        self.case_changed.emit()

    def save_question(self) -> None:
        if self.case is not None and self.question.text().strip() != self.case.question:
            self._change(lambda conn: cases.set_question(conn, self.question.text(), self.person))

    def open_selected_source(self) -> None:
        item = self.sources.currentItem()
        if item is not None:
            record_id, page = item.data(ENTRY_ROLE)
            self.record_requested.emit(record_id, page)

    def run_suggestions(self) -> None:
        """Read the records on the job pool; the new suggestions appear when it is done."""
        if self.library is None or (self.suggest_job and self.suggest_job.running):
            return
        root, person = self.library.root, self.person
        self.suggest_button.setEnabled(False)
        self.suggest_job = Job(
            self,
            "Reading the records for suggestions",
            lambda cancel: suggest_job(root, person),
            cancellable=False,
        )
        self.suggest_job.finished.connect(self._suggested)
        self.suggest_job.failed.connect(lambda error, _trace: self._suggest_failed(error))
        self.suggest_job.start()

    def _suggested(self, report) -> None:
        self.suggest_button.setEnabled(True)
        self.suggest_button.setToolTip(f"Last run: {len(report.added)} new suggestion(s).")
        self.refresh()
        self.case_changed.emit()

    def _suggest_failed(self, error: BaseException) -> None:
        self.suggest_button.setEnabled(True)
        show_error(self, error)
