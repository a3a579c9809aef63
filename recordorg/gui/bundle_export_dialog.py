"""The export dialog: whose records, which and in what order, the options, and a preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from recordorg.bundle.archive import passphrase_strength
from recordorg.bundle.deidentify import WARNING
from recordorg.bundle.plan import ORDERS, BundleOptions, BundlePlan, plan_bundle, sort_records
from recordorg.cli_output import human_size
from recordorg.core.categories import list_categories
from recordorg.core.library import Library
from recordorg.core.people import list_people
from recordorg.core.records import RecordFilter, list_records

ANY = "(any)"


class ExportDialog(QDialog):
    """Choose what a bundle holds; `plan()` and `target()` give the result after accept()."""

    def __init__(self, library: Library, selected: list[int] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.conn = library.connection()
        self.selected = list(selected or [])
        self.setWindowTitle("Export a Case-Review Bundle")
        self.setObjectName("exportDialog")
        self.resize(980, 720)
        outer = QHBoxLayout(self)
        outer.addWidget(self._choice(), 3)
        outer.addWidget(self._options(), 2)
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
            self.source.addItem(f"The {len(self.selected)} records selected in the library",
                                "selected")
            self.source.setCurrentIndex(1)
        form.addRow("Take:", self.source)
        self.category = QComboBox()
        self.category.addItem(ANY, None)
        for row in list_categories(self.conn):
            self.category.addItem(row["name"], row["slug"])
        form.addRow("Category:", self.category)
        dates = QHBoxLayout()
        self.use_from, self.date_from = QCheckBox("from"), QDateEdit(QDate.currentDate()
                                                                     .addYears(-2))
        self.use_to, self.date_to = QCheckBox("to"), QDateEdit(QDate.currentDate())
        for widget in (self.use_from, self.date_from, self.use_to, self.date_to):
            dates.addWidget(widget)
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
        flt.date_from = self.date_from.date().toString("yyyy-MM-dd") \
            if self.use_from.isChecked() else None
        flt.date_to = self.date_to.date().toString("yyyy-MM-dd") \
            if self.use_to.isChecked() else None
        flt.text = self.text.text().strip() or None
        order = self.order.currentData()
        found = sort_records(list_records(self.conn, flt), order,
                             self.selected if order == "given" else None)
        self.records.blockSignals(True)
        self.records.clear()
        for record in found:
            item = QListWidgetItem(f"{record.clinical_date or 'no date':<10}   "
                                   f"{record.category_name}  —  {record.title}")
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, record.size)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.records.addItem(item)
        self.records.blockSignals(False)
        self._update_summary()

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
        return [i.data(Qt.ItemDataRole.UserRole) for i in items
                if i.checkState() == Qt.CheckState.Checked]

    def _update_summary(self) -> None:
        items = [self.records.item(n) for n in range(self.records.count())]
        chosen = [i for i in items if i.checkState() == Qt.CheckState.Checked]
        size = sum(int(i.data(Qt.ItemDataRole.UserRole + 1) or 0) for i in chosen)
        self.summary.setText(f"{len(chosen)} of {len(items)} records, {human_size(size)}")
        self._validate()

    # -- the right side: options and where to save ---------------------------------------------
    def _options(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        review = QGroupBox("For the reviewer")
        form = QFormLayout(review)
        self.question = QPlainTextEdit()
        self.question.setPlaceholderText("What should the reviewer answer?")
        self.question.setMaximumHeight(90)
        form.addRow("Question:", self.question)
        self.contact = QLineEdit()
        self.contact.setPlaceholderText("name, phone or email")
        form.addRow("Contact:", self.contact)
        self.made_by = QLineEdit()
        form.addRow("Made by:", self.made_by)
        layout.addWidget(review)

        privacy = QGroupBox("Privacy")
        rows = QVBoxLayout(privacy)
        self.deidentify = QCheckBox("De-identify: remove names and identifiers")
        rows.addWidget(self.deidentify)
        self.remove_dates = QRadioButton("Remove dates")
        self.shift_dates = QRadioButton("Shift every date by")
        self.remove_dates.setChecked(True)
        self.shift_days = QSpinBox()
        self.shift_days.setRange(-36_500, 36_500)
        self.shift_days.setValue(-90)
        self.shift_days.setSuffix(" days")
        shift = QHBoxLayout()
        shift.addWidget(self.shift_dates)
        shift.addWidget(self.shift_days)
        shift.addStretch(1)
        group = QButtonGroup(self)
        group.addButton(self.remove_dates)
        group.addButton(self.shift_dates)
        rows.addWidget(self.remove_dates)
        rows.addLayout(shift)
        self.privacy_warning = QLabel(WARNING)
        self.privacy_warning.setWordWrap(True)
        self.privacy_warning.setObjectName("privacyWarning")
        rows.addWidget(self.privacy_warning)
        layout.addWidget(privacy)

        save = QGroupBox("Save as")
        form = QFormLayout(save)
        self.as_zip = QCheckBox("One zip file (else a folder)")
        form.addRow(self.as_zip)
        self.encrypt = QCheckBox("Encrypt with a passphrase (AES-256)")
        form.addRow(self.encrypt)
        self.passphrase, self.repeat = QLineEdit(), QLineEdit()
        for edit in (self.passphrase, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._validate)
        form.addRow("Passphrase:", self.passphrase)
        form.addRow("Again:", self.repeat)
        self.strength = QLabel()
        self.strength.setWordWrap(True)
        self.strength.setObjectName("passphraseStrength")
        form.addRow(self.strength)
        where = QHBoxLayout()
        self.target_edit = QLineEdit()
        self.target_edit.setAccessibleName("Where to save the bundle")
        self.target_edit.textChanged.connect(self._validate)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        where.addWidget(self.target_edit, 1)
        where.addWidget(browse)
        form.addRow("Save to:", where)
        layout.addWidget(save)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for check in (self.deidentify, self.as_zip, self.encrypt, self.shift_dates):
            check.toggled.connect(self._validate)
        return box

    def _browse(self) -> None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = "Case review.zip" if self.as_zip.isChecked() else "Case review"
        if self.as_zip.isChecked():
            chosen, _ = QFileDialog.getSaveFileName(self, "Save the Bundle As",
                                                    str(Path(start) / name), "Zip (*.zip)")
        else:
            parent = QFileDialog.getExistingDirectory(self, "Choose Where to Make the Folder",
                                                      start)
            chosen = str(Path(parent) / name) if parent else ""
        if chosen:
            self.target_edit.setText(chosen)

    def _validate(self) -> None:
        if not hasattr(self, "export_button"):
            return
        deid = self.deidentify.isChecked()
        for widget in (self.remove_dates, self.shift_dates, self.privacy_warning):
            widget.setEnabled(deid)
        self.shift_days.setEnabled(deid and self.shift_dates.isChecked())
        self.encrypt.setEnabled(self.as_zip.isChecked())
        encrypt = self.encrypt.isChecked() and self.as_zip.isChecked()
        for widget in (self.passphrase, self.repeat, self.strength):
            widget.setEnabled(encrypt)
        problem = ""
        if encrypt:
            strength = passphrase_strength(self.passphrase.text())
            self.strength.setText(f"Strength: {strength.word}. {strength.hint}")
            if not strength.acceptable:
                problem = "Choose a stronger passphrase."
            elif self.passphrase.text() != self.repeat.text():
                problem = "The two passphrases differ."
        else:
            self.strength.setText("")
        target = self.target_edit.text().strip()
        if not self.chosen_ids():
            problem = "Choose at least one record."
        elif not target:
            problem = problem or "Choose where to save the bundle."
        elif self.as_zip.isChecked() != target.lower().endswith(".zip"):
            problem = problem or ("A zip file's name ends in .zip." if self.as_zip.isChecked()
                                  else "Untick “One zip file” to make a folder, or name "
                                       "it .zip.")
        self.problem.setText(problem)
        self.export_button.setEnabled(not problem)

    # -- the result ---------------------------------------------------------------------------
    def options(self) -> BundleOptions:
        deid = self.deidentify.isChecked()
        encrypt = self.encrypt.isChecked() and self.as_zip.isChecked()
        return BundleOptions(
            deidentify=deid,
            date_shift_days=self.shift_days.value() if deid and self.shift_dates.isChecked()
            else None,
            remove_dates=deid and self.remove_dates.isChecked(),
            question=self.question.toPlainText(), contact=self.contact.text(),
            made_by=self.made_by.text(),
            passphrase=self.passphrase.text() if encrypt else None,
        )

    def plan(self) -> BundlePlan:
        """The bundle as chosen: the checked records in the list's order."""
        return plan_bundle(self.library, ids=self.chosen_ids(), order="given",
                           options=self.options())

    def target(self) -> Path:
        return Path(self.target_edit.text().strip()).expanduser()
