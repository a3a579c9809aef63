"""A dialog to add or edit one case-review entry, its fields laid out from the kind's spec."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from recordorg.core.case.kinds import KINDS, RESPONSES, clean_fields
from recordorg.core.case.overlap import overlap_warnings
from recordorg.core.case.review import CaseEntry
from recordorg.core.errors import UserError
from recordorg.core.wording import long_date, precision_of
from recordorg.gui.case.citation_field import CitationFields
from recordorg.gui.errors import show_error
from recordorg.gui.icons import icon
from recordorg.gui.widgets.date_field import DateField


class EntryDialog(QDialog):
    """Fields of one entry; accepted only when every value is valid. `confirm` is True when
    the person chose Save and Confirm."""

    def __init__(
        self,
        parent: QWidget | None,
        kind: str,
        entry: CaseEntry | None = None,
        *,
        records=(),
        lines: list[CaseEntry] = (),
        reader=None,
    ) -> None:
        super().__init__(parent)
        self.spec = KINDS[kind]
        self.entry = entry
        self.lines = list(lines)
        self.reader = reader
        self.confirm = False
        self.values: dict[str, Any] = {}
        self.drug_names: list[str] | None = None
        self.citation: tuple[int, int | None, str] | None = None
        verb = "Edit" if entry else "Add"
        self.setWindowTitle(f"{verb} {self.spec.label}")
        self.inputs: dict[str, QWidget] = {}
        form = QFormLayout()
        for field in self.spec.fields:
            widget = self._input(field, entry.fields.get(field.name) if entry else None)
            widget.setAccessibleName(field.label)
            self.inputs[field.name] = widget
            form.addRow(field.label + ":", widget)
        self.drugs_input: QLineEdit | None = None
        if kind == "treatment_line":
            self.drugs_input = QLineEdit(", ".join(d.name for d in entry.drugs) if entry else "")
            self.drugs_input.setPlaceholderText("e.g. letrozole, palbociclib")
            self.drugs_input.setObjectName("drugs")
            form.addRow("Drugs:", self.drugs_input)
        self.problem = QLabel(self)
        self.problem.setObjectName("dateProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.overlap = QLabel(self)
        self.overlap.setObjectName("overlapWarning")
        self.overlap.setWordWrap(True)
        self.overlap.hide()
        self.sources = CitationFields(records, self)
        layout = QVBoxLayout(self)
        if entry is not None and not entry.confirmed:
            note = QLabel(
                "Suggested by recordorg from the records and not yet confirmed: "
                "check it against its sources before confirming."
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.overlap)
        layout.addWidget(QLabel(self._sources_heading()))
        layout.addWidget(self.sources)
        layout.addWidget(self._buttons(entry))
        self.show_overlaps()

    def _sources_heading(self) -> str:
        cited = self.entry.citations if self.entry else []
        if not cited:
            return "<b>Source</b> (the record and page this comes from):"
        places = list(dict.fromkeys((c.record_id, c.page) for c in cited))  # a page once
        pages = ", ".join(
            f"#{record}" + (f" p. {page}" if page else "") for record, page in places[:4]
        )
        if len(places) > 4:
            pages += f" and {len(places) - 4} more"
        return f"<b>Another source</b> (already cited: {html.escape(pages)}):"

    def _buttons(self, entry: CaseEntry | None) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        if entry is not None and not entry.confirmed:
            self.confirm_button = QPushButton("Save and Confirm")
            buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.confirm_button.clicked.connect(self._save_and_confirm)
        buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self._save)
        buttons.rejected.connect(self.reject)
        return buttons

    def _input(self, field, value: Any) -> QWidget:
        if field.type == "bool":
            box = QCheckBox()
            box.setChecked(bool(value))
            box.toggled.connect(self.show_overlaps)
            return box
        if field.type == "choice":
            combo = QComboBox()
            for choice in field.choices:
                words = RESPONSES.get(choice, "")
                combo.addItem(f"{choice} - {words}" if words else choice or "(not known)", choice)
            combo.setCurrentIndex(max(0, combo.findData(value or "")))
            return combo
        if field.type == "date":
            return self._date_input(value)
        line = QLineEdit("" if value is None else str(value))
        hints = {
            "int": "a number",
            "float": "a number",
            "record": "record number",
        }
        line.setPlaceholderText(hints.get(field.type, ""))
        return line

    def _date_input(self, value: Any) -> DateField:
        field = DateField(QDate(), self)
        if self.reader is not None:
            field.reader = self.reader  # the library's order of day and month
        field.set_iso(str(value) if value else "")
        field.problem.connect(self._show_problem)
        field.editingFinished.connect(self.show_overlaps)
        return field

    def _show_problem(self, words: str) -> None:
        self.problem.setText(words)
        self.problem.setVisible(bool(words))

    def show_overlaps(self) -> None:
        """Warn, without refusing, of other treatment lines still ongoing that this one
        overlaps."""
        if self.spec.kind != "treatment_line":
            return
        try:
            fields = clean_fields(self.spec.kind, self.raw_values())
        except UserError:
            return
        warnings = overlap_warnings(fields, self.lines, self.entry.id if self.entry else None)
        self.overlap.setText("\n".join(f"⚠ {words}" for words in warnings))
        self.overlap.setVisible(bool(warnings))

    def raw_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, DateField):
                values[name] = typed_value(widget)
            elif isinstance(widget, QCheckBox):
                values[name] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                values[name] = widget.currentData()
            else:
                values[name] = widget.text()
        return values

    def _save_and_confirm(self) -> None:
        self.confirm = True
        self._save()

    def _save(self) -> None:
        try:
            self.values = clean_fields(self.spec.kind, self.raw_values())
        except UserError as error:
            self.confirm = False
            show_error(self, error)
            return
        if self.drugs_input is not None:
            self.drug_names = [d.strip() for d in self.drugs_input.text().split(",") if d.strip()]
        self.citation = self.sources.citation()
        self.accept()


def typed_value(field: DateField) -> str:
    """What a date field holds, read even when Enter was not pressed; the text as typed when
    it is not a date (so that saving says why)."""
    text = " ".join(field.text().split())
    if not text:
        return ""
    if field.iso() and text == long_date(field.iso(), precision_of(field.iso())):
        return field.iso()
    return field.reader(text) or text


def entry_details_html(entry: CaseEntry, status: str) -> str:
    """An entry's fields as escaped rich text for a details label."""
    spec = KINDS[entry.kind]
    lines = [f"<b>{html.escape(spec.label)}</b> - {html.escape(status)}"]
    for field in spec.fields:
        value = entry.fields.get(field.name)
        if value not in (None, "", False):
            shown = long_date(value, precision_of(value)) if field.type == "date" else value
            lines.append(f"{html.escape(field.label)}: {html.escape(str(shown))}")
    if entry.drugs:
        lines.append(
            "Drugs: "
            + html.escape(
                ", ".join(
                    f"{d.name} ({d.drug_class})" if d.drug_class else d.name for d in entry.drugs
                )
            )
        )
    return "<br>".join(lines)


def add_menu_button(parent: QWidget, add: Callable[[str], None]) -> QToolButton:
    """An "Add" button whose menu offers every kind of entry."""
    button = QToolButton(parent)
    button.setText("Add")
    button.setIcon(icon("plus"))
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    for spec in KINDS.values():
        if spec.kind != "question":
            action = QAction(spec.label + "…", menu)
            action.triggered.connect(lambda _=False, k=spec.kind: add(k))
            menu.addAction(action)
    button.setMenu(menu)
    return button
