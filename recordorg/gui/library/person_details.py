"""Person Details: who a person is as their records name them (name, date of birth, sex,
hospitals' patient IDs), set by the user or learned from their records; records naming
someone else are flagged."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recordorg.core.catalogue.patient_identity import (
    identifiers_on_records,
    identity_of,
    patients_in,
    person_records,
    set_identity,
    stored_identity,
)
from recordorg.core.catalogue.patient_match import display_name
from recordorg.core.catalogue.people import person_id
from recordorg.core.errors import UserError
from recordorg.core.understanding.record_understanding import reread_birthday_dated
from recordorg.core.understanding.typed_dates import library_reader
from recordorg.gui.errors import show_error
from recordorg.gui.icons import icon
from recordorg.gui.library.details_parts import field_label, heading_font, muted
from recordorg.gui.widgets.date_field import DateField

SEXES = [("", "Not known"), ("F", "Female"), ("M", "Male"), ("O", "Other")]
IdRole = Qt.ItemDataRole.UserRole


def _times(count: int) -> str:
    return f"{count} record{'s' if count != 1 else ''}"


class PersonDetailsDialog(QDialog):
    """Shows and sets a person's identity through the command line's own `set_identity`."""

    def __init__(self, conn: sqlite3.Connection, person: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.conn, self.person = conn, person
        self.pid = person_id(conn, person)
        self.setWindowTitle(f"Person Details: {person}")
        self.setMinimumWidth(520)
        self.identity = identity_of(conn, self.pid)
        self.stored = stored_identity(conn, self.pid)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 16)
        layout.setSpacing(10)
        title = QLabel(f"Who {person} is")
        title.setFont(heading_font(title))
        layout.addWidget(title)
        intro = muted(
            QLabel(
                "Each record's patient (its name, date of birth and IDs) is compared with "
                "these; a record that names someone else is flagged."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.origin = QLabel(self._origin_words())
        self.origin.setWordWrap(True)
        layout.addWidget(self.origin)
        layout.addLayout(self._fields())
        layout.addWidget(field_label("Hospital and patient IDs"))
        layout.addLayout(self._ids())
        self.seen = self._seen_on_records()
        if self.seen is not None:
            layout.addWidget(field_label("Their records name"))
            layout.addWidget(self.seen)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c0392b")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    # -- the fields -------------------------------------------------------------------------
    def _origin_words(self) -> str:
        if self.stored is None and self.identity is not None:
            return "Not set yet: records are compared with the name in the library."
        if self.stored is None:
            return "Not known yet: say who they are, so records naming someone else are found."
        if self.stored.learned:
            return "Learned from their imported records: correct what is wrong."
        return "Set by you."

    def _fields(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        patient = self.identity.patient if self.identity else None
        self.name = QLineEdit(display_name(patient.name) if patient else "")  # not DOE^JOHN
        self.name.setAccessibleName("Name as on records")
        self.name.setPlaceholderText("e.g. Maria Example, or EXAMPLE^MARIA")
        form.addRow("Name as on records", self.name)
        self.born = DateField(QDate())
        self.born.setAccessibleName("Date of birth")
        self.born.reader = library_reader(self.conn)  # as the details panel reads dates
        self.born.set_iso(patient.birth_date if patient else "")
        self.born.problem.connect(self._say)
        form.addRow("Date of birth", self.born)
        self.sex = QComboBox()
        self.sex.setAccessibleName("Sex")
        for code, words in SEXES:
            self.sex.addItem(words, code)
        self.sex.setCurrentIndex(max(0, self.sex.findData(patient.sex if patient else "")))
        form.addRow("Sex", self.sex)
        return form

    def _ids(self) -> QVBoxLayout:
        box = QVBoxLayout()
        self.ids = QListWidget()
        self.ids.setAccessibleName("Hospital and patient IDs")
        self.ids.setMaximumHeight(110)
        seen = identifiers_on_records(self.conn, self.pid)
        for value in self.identity.identifiers if self.identity else []:
            self._add_id_item(value, seen.get(value, 0))
        box.addWidget(self.ids)
        row = QHBoxLayout()
        self.new_id = QLineEdit()
        self.new_id.setAccessibleName("A patient ID to add")
        self.new_id.setPlaceholderText("An ID from a hospital letter or disc")
        add = QPushButton(icon("plus"), "Add")
        add.clicked.connect(self.add_id)
        self.remove = QPushButton(icon("trash"), "Remove")
        self.remove.setToolTip("Remove the chosen ID: it is not theirs")
        self.remove.clicked.connect(self.remove_id)
        row.addWidget(self.new_id, 1)
        row.addWidget(add)
        row.addWidget(self.remove)
        box.addLayout(row)
        return box

    def _add_id_item(self, value: str, records: int) -> None:
        where = f"on {_times(records)}" if records else "added by you"
        item = QListWidgetItem(f"{value}  ·  {where}")
        item.setData(IdRole, value)
        self.ids.addItem(item)

    def _seen_on_records(self) -> QLabel | None:
        """The patients the person's records name, learned from them, with their counts."""
        records = person_records(self.conn, self.pid)
        groups = [(p, ids) for p, ids in patients_in(self.conn, records, self.pid) if ids]
        if not groups:
            return None
        label = QLabel("\n".join(f"{p.words()}: {_times(len(ids))}" for p, ids in groups))
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # -- changing ---------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        """Enter in the ID field adds the ID (and does not save yet)."""
        if self.new_id.hasFocus() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_id()
            return
        super().keyPressEvent(event)

    def id_values(self) -> list[str]:
        return [self.ids.item(i).data(IdRole) for i in range(self.ids.count())]

    def add_id(self) -> None:
        value = self.new_id.text().strip()
        if value and value.casefold() not in {v.casefold() for v in self.id_values()}:
            self._add_id_item(value, 0)
        self.new_id.clear()

    def remove_id(self) -> None:
        row = self.ids.currentRow()
        if row >= 0:
            self.ids.takeItem(row)

    def _say(self, words: str) -> None:
        self.problem.setText(words)
        self.problem.setVisible(bool(words))

    def save(self) -> None:
        """Save through `set_identity`, as `recordorg people identity` does."""
        self.add_id()  # an ID typed but not added yet counts
        born = self.born.iso()
        if self.born.text().strip() and not born or born and len(born) != 10:
            self._say("Type the whole date of birth: day, month and year (e.g. 12/04/1961).")
            return
        old = self.identity.identifiers if self.stored else []
        kept = {v.casefold() for v in self.id_values()}
        try:
            set_identity(
                self.conn,
                self.person,
                name=self.name.text(),
                birth_date=born,
                sex=self.sex.currentData(),
                identifiers=[v for v in self.id_values() if v not in old],
                forget=[v for v in old if v.casefold() not in kept],
            )
        except UserError as error:
            show_error(self, error)
            return
        reread_birthday_dated(self.conn, person_records(self.conn, self.pid))
        self.accept()
