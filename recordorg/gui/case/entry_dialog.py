"""A dialog to add or edit one case-review entry, its fields laid out from the kind's spec."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
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
from recordorg.core.case.review import CaseEntry
from recordorg.core.errors import UserError
from recordorg.gui.errors import show_error
from recordorg.gui.icons import icon


class EntryDialog(QDialog):
    """Fields of one entry; accepted only when every value is valid. `confirm` is True when
    the person chose Save and Confirm."""

    def __init__(self, parent: QWidget | None, kind: str, entry: CaseEntry | None = None) -> None:
        super().__init__(parent)
        self.spec = KINDS[kind]
        self.entry = entry
        self.confirm = False
        self.values: dict[str, Any] = {}
        self.drug_names: list[str] | None = None
        verb = "Edit" if entry else "Add"
        self.setWindowTitle(f"{verb} {self.spec.label}")
        self.inputs: dict[str, QWidget] = {}
        form = QFormLayout()
        for field in self.spec.fields:
            widget = self._input(field, entry.fields.get(field.name) if entry else None)
            self.inputs[field.name] = widget
            form.addRow(field.label + ":", widget)
        self.drugs_input: QLineEdit | None = None
        if kind == "treatment_line":
            self.drugs_input = QLineEdit(", ".join(d.name for d in entry.drugs) if entry else "")
            self.drugs_input.setPlaceholderText("e.g. letrozole, palbociclib")
            self.drugs_input.setObjectName("drugs")
            form.addRow("Drugs:", self.drugs_input)
        layout = QVBoxLayout(self)
        if entry is not None and not entry.confirmed:
            note = QLabel(
                "Suggested by recordorg from the records and not yet confirmed: "
                "check it against its sources before confirming."
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        if entry is not None and not entry.confirmed:
            self.confirm_button = QPushButton("Save and Confirm")
            buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.confirm_button.clicked.connect(self._save_and_confirm)
        buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _input(self, field, value: Any) -> QWidget:
        if field.type == "bool":
            box = QCheckBox()
            box.setChecked(bool(value))
            return box
        if field.type == "choice":
            combo = QComboBox()
            for choice in field.choices:
                words = RESPONSES.get(choice, "")
                combo.addItem(f"{choice} - {words}" if words else choice or "(not known)", choice)
            combo.setCurrentIndex(max(0, combo.findData(value or "")))
            return combo
        line = QLineEdit("" if value is None else str(value))
        hints = {
            "date": "YYYY-MM-DD",
            "int": "a number",
            "float": "a number",
            "record": "record number",
        }
        line.setPlaceholderText(hints.get(field.type, ""))
        return line

    def raw_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QCheckBox):
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
        self.accept()


def entry_details_html(entry: CaseEntry, status: str) -> str:
    """An entry's fields as escaped rich text for a details label."""
    spec = KINDS[entry.kind]
    lines = [f"<b>{html.escape(spec.label)}</b> - {html.escape(status)}"]
    for field in spec.fields:
        value = entry.fields.get(field.name)
        if value not in (None, "", False):
            lines.append(f"{html.escape(field.label)}: {html.escape(str(value))}")
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
