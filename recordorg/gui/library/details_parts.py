"""Pieces of the details panel: muted labels, a record's summary line, its file facts,
and the editor for several selected records at once."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from recordorg.core.catalogue.editing import RecordChange
from recordorg.core.catalogue.records import Record
from recordorg.core.wording import human_size
from recordorg.formats.name_claims import other_file_words
from recordorg.gui.icons import icon
from recordorg.gui.library.record_model import friendly_date, kind_label
from recordorg.gui.library.tag_editor import TagEditor
from recordorg.gui.theme import category_colour, secondary_text
from recordorg.gui.viewers.dicom_windows import patient_words


def muted(label: QLabel) -> QLabel:
    palette = label.palette()
    palette.setColor(label.foregroundRole(), secondary_text(palette))
    label.setPalette(palette)
    return label


def field_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("fieldLabel")
    return muted(label)


def heading_font(widget: QWidget) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * 1.2)
    font.setWeight(QFont.Weight.DemiBold)
    return font


def summary_line(record: Record) -> str:
    """'PDF document · 3 pages · 245 KB' and the like."""
    if record.kind == "dicom":
        reports = (
            f" · {record.report_count} report{'s' if record.report_count != 1 else ''}"
            if record.report_count
            else ""
        )
        return (
            f"{kind_label(record)} · {record.series_count} series · "
            f"{record.image_count} images{reports} · {human_size(record.size)}"
        )
    if record.kind == "pdf":
        pages = f"{record.page_count} page{'s' if record.page_count != 1 else ''}"
        return f"PDF document · {pages} · {human_size(record.size)}"
    if record.kind == "image":
        return f"Photo or scan · {human_size(record.size)}"
    return f"{other_file_words(record.mime)[1]} · {human_size(record.size)}"


def fill_categories(
    combo: QComboBox, categories: list[tuple[str, str]], placeholder: str | None = None
) -> None:
    combo.clear()
    if placeholder:
        combo.addItem(placeholder, None)
    for slug, name in categories:
        combo.addItem(icon("dot", category_colour(slug)), name, slug)


def fill_people(combo: QComboBox, people: list[str]) -> None:
    text = combo.currentText()
    combo.clear()
    combo.addItems(people)
    combo.setEditText(text)


class FileSection(QWidget):
    """Where the record's file came from, with Open and Save a Copy."""

    open_clicked = Signal()
    save_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.info = muted(QLabel())
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.info)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(icon("open-external"), "Open")
        self.open_button.setAccessibleName("Open the record")
        self.open_button.clicked.connect(self.open_clicked)
        self.save_button = QPushButton(icon("save"), "Save a Copy…")
        self.save_button.setAccessibleName("Save a copy of the original file")
        self.save_button.clicked.connect(self.save_clicked)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        box.addLayout(buttons)

    def show_record(self, record: Record) -> None:
        rows = [
            ("Study label" if record.kind == "dicom" else "File", record.original_name or "—"),
            ("Imported", friendly_date(record.imported_at[:10])),
        ]
        if record.kind == "dicom":
            meta = record.meta
            named = patient_words(
                *(meta.get(k) or "" for k in ("patient_name", "patient_id")),
                *(meta.get(k) or "" for k in ("patient_birth_date", "patient_sex")),
            )
            rows += [("Patient", " · ".join(named))] if named else []
            if meta.get("institution"):
                rows.append(("Institution", meta["institution"]))
        if record.original_path:
            rows.append(("From", record.original_path))
        rows += [("Warning", w) for w in [record.meta.get("other_patient")] if w]
        self.info.setText(
            "<br>".join(
                f"<b>{html.escape(k)}</b>&nbsp;&nbsp;{html.escape(str(v))}" for k, v in rows
            )
        )
        self.save_button.setEnabled(record.kind != "dicom")


class MultiRecordEditor(QWidget):
    """What several selected records can be given together: category, person, tags."""

    change_requested = Signal(object)  # RecordChange
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(18, 16, 18, 18)
        box.setSpacing(6)
        self.title = QLabel()
        self.title.setFont(heading_font(self.title))
        box.addWidget(self.title)
        hint = muted(QLabel("Changes here apply to every selected record."))
        hint.setWordWrap(True)
        box.addWidget(hint)
        box.addSpacing(10)
        box.addWidget(field_label("Category"))
        self.category = QComboBox()
        self.category.setAccessibleName("Set the category of the selected records")
        self.category.activated.connect(self._category_chosen)
        box.addWidget(self.category)
        box.addSpacing(4)
        box.addWidget(field_label("Person"))
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.setAccessibleName("Move the selected records to a person")
        self.person.lineEdit().setPlaceholderText("Move to a person…")
        self.person.activated.connect(lambda _i: self._person_done())
        self.person.lineEdit().returnPressed.connect(self._person_done)
        box.addWidget(self.person)
        box.addSpacing(4)
        box.addWidget(field_label("Tags"))
        self.tags = TagEditor()
        self.tags.tag_added.connect(
            lambda name: self.change_requested.emit(RecordChange(add_tags=[name]))
        )
        self.tags.tag_removed.connect(
            lambda name: self.change_requested.emit(RecordChange(remove_tags=[name]))
        )
        box.addWidget(self.tags)
        box.addSpacing(16)
        delete = QPushButton(icon("trash"), "Delete…")
        delete.setAccessibleName("Delete the selected records")
        delete.clicked.connect(self.delete_requested)
        row = QHBoxLayout()
        row.addWidget(delete)
        row.addStretch(1)
        box.addLayout(row)
        box.addStretch(1)
        self._loading = False

    def set_choices(
        self, categories: list[tuple[str, str]], people: list[str], tags: list[str]
    ) -> None:
        fill_categories(self.category, categories, "Set category…")
        fill_people(self.person, people)
        self.tags.set_known_tags(tags)

    def show_records(self, records: list[Record]) -> None:
        self._loading = True
        self.title.setText(f"{len(records)} records selected")
        self.category.setCurrentIndex(0)
        self.person.setEditText("")
        common = set(records[0].tags)
        for record in records[1:]:
            common &= set(record.tags)
        self.tags.set_tags(sorted(common))
        self._loading = False

    def _category_chosen(self, index: int) -> None:
        slug = self.category.itemData(index)
        if slug:
            self.change_requested.emit(RecordChange(category=slug))
            self.category.setCurrentIndex(0)

    def _person_done(self) -> None:
        name = " ".join(self.person.currentText().split())
        if name and not self._loading:
            self.change_requested.emit(RecordChange(person=name))
            self.person.setEditText("")
