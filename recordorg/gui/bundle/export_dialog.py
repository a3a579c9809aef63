"""The export dialog: whose records, which and in what order, the options, and a preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from recordorg.bundle.plan import ORDERS, BundleOptions, BundlePlan, plan_bundle, sort_records
from recordorg.core.case.review import load_case
from recordorg.core.catalogue.categories import list_categories
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.people import list_people
from recordorg.core.catalogue.records import RecordFilter, list_records
from recordorg.core.errors import UserError
from recordorg.core.wording import first_day, human_size
from recordorg.gui.bundle.export_options import ExportOptions

ANY = "(any)"


class ExportDialog(QDialog):
    """Choose what a bundle holds; `plan()` and `target()` give the result after accept()."""

    def __init__(
        self, library: Library, selected: list[int] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.conn = library.connection()
        self.selected = list(selected or [])
        self.setWindowTitle("Export a Case-Review Bundle")
        self.setObjectName("exportDialog")
        self.resize(980, 720)
        outer = QHBoxLayout(self)
        outer.addWidget(self._choice(), 3)
        right = QVBoxLayout()
        self.side = ExportOptions()
        self.side.changed.connect(self._validate)
        right.addWidget(_scrolling(self.side), 1)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        right.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        right.addWidget(self.buttons)
        outer.addLayout(right, 2)
        self._proposed_question = ""
        self._propose_question()
        self.refresh()
        self._validate()

    # -- the left side: which records, in what order ------------------------------------------
    def _choice(self) -> QWidget:
        box = QGroupBox("Records")
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.person = QComboBox()
        self.person.setAccessibleName("Person")
        for row in list_people(self.conn):
            self.person.addItem(f"{row['name']} ({row['records']})", row["name"])
        form.addRow("Person:", self.person)
        self.source = QComboBox()
        self.source.addItem("All of this person's records, or those the filter finds", "all")
        if self.selected:
            self.source.addItem(
                f"The {len(self.selected)} record{'s' if len(self.selected) > 1 else ''} selected "
                "in the library",
                "selected",
            )
            if len(self.selected) > 1:  # one selected record is where the user was, not a choice
                self.source.setCurrentIndex(1)
        form.addRow("Take:", self.source)
        self.category = QComboBox()
        self.category.addItem(ANY, None)
        for row in list_categories(self.conn):
            self.category.addItem(row["name"], row["slug"])
        form.addRow("Category:", self.category)
        dates = QHBoxLayout()
        self.use_from, self.date_from = (
            QCheckBox("from"),
            QDateEdit(QDate.currentDate().addYears(-2)),
        )
        self.use_to, self.date_to = QCheckBox("to"), QDateEdit(QDate.currentDate())
        for widget in (self.use_from, self.date_from, self.use_to, self.date_to):
            dates.addWidget(widget)
        self.date_from.setAccessibleName("Records dated from")
        self.date_to.setAccessibleName("Records dated to")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        dates.addStretch(1)
        form.addRow("Dates:", dates)
        self.text = QLineEdit()
        self.text.setPlaceholderText("only records whose text matches")
        form.addRow("Text:", self.text)
        self.order = QComboBox()
        for key, words in ORDERS.items():
            self.order.addItem(words[0].upper() + words[1:], key)
        form.addRow("Order:", self.order)
        layout.addLayout(form)
        self.records = QListWidget()
        self.records.setObjectName("exportRecords")
        self.records.setAccessibleName("Records in the bundle")
        self.records.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        layout.addWidget(self.records, 1)
        buttons = QHBoxLayout()
        for text, step in (("Move Up", -1), ("Move Down", 1)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=step: self._move(s))
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("exportSummary")
        buttons.addWidget(self.summary)
        layout.addLayout(buttons)
        for widget in (self.person, self.source, self.category, self.order):
            widget.currentIndexChanged.connect(self.refresh)
        self.person.currentIndexChanged.connect(self._propose_question)
        for check in (self.use_from, self.use_to):
            check.toggled.connect(self.refresh)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.refresh)
        self.text.editingFinished.connect(self.refresh)
        self.records.itemChanged.connect(lambda _item: self._update_summary())
        self.records.model().rowsMoved.connect(self._moved_by_hand)
        return box

    def refresh(self) -> None:
        """Fill the list from the person, filters and order; every record checked."""
        flt = RecordFilter(person=self.person.currentData())
        if self.source.currentData() == "selected":
            flt.ids = self.selected
        flt.category = self.category.currentData()
        flt.date_from = (
            self.date_from.date().toString("yyyy-MM-dd") if self.use_from.isChecked() else None
        )
        flt.date_to = (
            self.date_to.date().toString("yyyy-MM-dd") if self.use_to.isChecked() else None
        )
        flt.text = self.text.text().strip() or None
        order = self.order.currentData()
        found = sort_records(
            list_records(self.conn, flt), order, self.selected if order == "given" else None
        )
        self.records.blockSignals(True)
        self.records.clear()
        for record in found:
            item = QListWidgetItem(
                f"{record.clinical_date or 'no date':<10}   "
                f"{record.category_name}  —  {record.title}"
            )
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, record.size)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.records.addItem(item)
        self.records.blockSignals(False)
        self._show_own_dates(found)
        self._update_summary()

    def _show_own_dates(self, found: list) -> None:
        """An unticked date box shows the listed records' own first or last date."""
        days = sorted(
            d for r in found if r.clinical_date and (d := first_day(r.clinical_date[:10]))
        )
        if not days:
            return
        for use, edit, day in (
            (self.use_from, self.date_from, days[0]),
            (self.use_to, self.date_to, days[-1]),
        ):
            if not use.isChecked():
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)

    def _propose_question(self) -> None:
        """The person's question for the reviewer, unless the user wrote one of their own."""
        box = self.side.question
        if box.toPlainText().strip() not in ("", self._proposed_question):
            return
        try:
            question = load_case(self.conn, self.person.currentData()).question
        except UserError:
            question = ""
        self._proposed_question = question
        box.setPlainText(question)

    def _move(self, step: int) -> None:
        row = self.records.currentRow()
        if row < 0 or not 0 <= row + step < self.records.count():
            return
        item = self.records.takeItem(row)
        self.records.insertItem(row + step, item)
        self.records.setCurrentRow(row + step)
        self._moved_by_hand()

    def _moved_by_hand(self, *_args: object) -> None:
        self.order.blockSignals(True)
        self.order.setCurrentIndex(self.order.findData("given"))
        self.order.blockSignals(False)

    def chosen_ids(self) -> list[int]:
        """The checked records, in the list's order."""
        items = (self.records.item(n) for n in range(self.records.count()))
        return [
            i.data(Qt.ItemDataRole.UserRole)
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        ]

    def _update_summary(self) -> None:
        items = [self.records.item(n) for n in range(self.records.count())]
        chosen = [i for i in items if i.checkState() == Qt.CheckState.Checked]
        size = sum(int(i.data(Qt.ItemDataRole.UserRole + 1) or 0) for i in chosen)
        self.summary.setText(f"{len(chosen)} of {len(items)} records, {human_size(size)}")
        self._validate()

    # -- the result ---------------------------------------------------------------------------
    def _validate(self) -> None:
        if not hasattr(self, "export_button"):
            return
        problem = "Choose at least one record." if not self.chosen_ids() else self.side.problem()
        self.problem.setText(problem)
        self.export_button.setEnabled(not problem)

    def options(self) -> BundleOptions:
        return self.side.options()

    def plan(self) -> BundlePlan:
        """The bundle as chosen: the checked records in the list's order."""
        return plan_bundle(
            self.library, ids=self.chosen_ids(), order="given", options=self.options()
        )

    def target(self) -> Path:
        return self.side.target()


def _scrolling(widget: QWidget) -> QScrollArea:
    """The widget in a frameless area that scrolls when the dialog is too short for it (large
    text, a small screen), so wrapped words are never cut."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields, which it scrolls to
    area.viewport().setAutoFillBackground(False)
    scroll_bar = area.verticalScrollBar().sizeHint().width()
    area.setMinimumWidth(widget.minimumSizeHint().width() + scroll_bar)  # as wide as before
    return area
