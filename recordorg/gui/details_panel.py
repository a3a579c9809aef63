"""The details of the selected record(s): edit title, category, date, person, tags, notes."""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from recordorg.cli_output import human_size
from recordorg.core.browse import describe_date_source
from recordorg.core.editing import RecordChange
from recordorg.core.records import Record
from recordorg.gui.icons import icon, kind_icon
from recordorg.gui.record_model import friendly_date, kind_label
from recordorg.gui.tag_editor import TagEditor
from recordorg.gui.theme import secondary_text

NO_DATE = QDate(1900, 1, 1)


def _muted(label: QLabel) -> QLabel:
    palette = label.palette()
    palette.setColor(label.foregroundRole(), secondary_text(palette))
    label.setPalette(palette)
    return label


def _field_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("fieldLabel")
    return _muted(label)


def _summary(record: Record) -> str:
    if record.kind == "dicom":
        return (f"{kind_label(record)} · {record.series_count} series · "
                f"{record.instance_count} images · {human_size(record.size)}")
    if record.kind == "pdf":
        pages = f"{record.page_count} page{'s' if record.page_count != 1 else ''}"
        return f"PDF document · {pages} · {human_size(record.size)}"
    if record.kind == "image":
        return f"Photo or scan · {human_size(record.size)}"
    return f"File · {human_size(record.size)}"


class DetailsPanel(QWidget):
    """Shows one record to edit, or what several selected records can have in common.

    Others extend it: `suggestions_layout` is where suggestion widgets go (the box shows
    once it holds one), and `record_shown` tells them which record is on display.
    """

    change_requested = Signal(list, object)  # record ids, RecordChange
    open_requested = Signal(int)
    save_copy_requested = Signal(int)
    delete_requested = Signal()
    record_shown = Signal(object)  # Record or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPanel")
        self.setMinimumWidth(280)
        self.records: list[Record] = []
        self._loading = False
        self._notes_dirty = False
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.stack.addWidget(self._empty_page())
        self.stack.addWidget(self._single_page())
        self.stack.addWidget(self._multi_page())

    # -- pages ----------------------------------------------------------------------------
    def _empty_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addStretch(1)
        hint = _muted(QLabel("Select a record to see and edit its details."))
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(hint)
        box.addStretch(2)
        return page

    def _single_page(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        page.setObjectName("detailsPage")
        scroll.setWidget(page)
        box = QVBoxLayout(page)
        box.setContentsMargins(18, 16, 18, 18)
        box.setSpacing(6)
        head = QHBoxLayout()
        self.kind_icon = QLabel()
        self.kind_icon.setFixedSize(22, 22)
        self.summary = _muted(QLabel())
        self.summary.setWordWrap(True)
        head.addWidget(self.kind_icon)
        head.addWidget(self.summary, 1)
        box.addLayout(head)
        self.title = QLineEdit()
        self.title.setObjectName("detailsTitle")
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("Title")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.title.editingFinished.connect(self._title_done)
        box.addWidget(self.title)
        self.warning = QLabel()
        self.warning.setObjectName("detailsWarning")
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.warning)
        box.addSpacing(6)

        box.addWidget(_field_label("Category"))
        self.category = QComboBox()
        self.category.setAccessibleName("Category")
        self.category.activated.connect(self._category_chosen)
        box.addWidget(self.category)
        box.addSpacing(4)

        box.addWidget(_field_label("Clinical date"))
        date_row = QHBoxLayout()
        self.date = QDateEdit()
        self.date.setAccessibleName("Clinical date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.setMinimumDate(NO_DATE)
        self.date.setSpecialValueText("Unknown")
        self.date.editingFinished.connect(self._date_done)
        self.date.calendarWidget().clicked.connect(lambda _d: self._date_done())
        self.clear_date = QToolButton()
        self.clear_date.setIcon(icon("close"))
        self.clear_date.setAutoRaise(True)
        self.clear_date.setToolTip("Clear the date")
        self.clear_date.setAccessibleName("Clear the clinical date")
        self.clear_date.clicked.connect(self._clear_date)
        date_row.addWidget(self.date, 1)
        date_row.addWidget(self.clear_date)
        box.addLayout(date_row)
        source_row = QHBoxLayout()
        source_row.setSpacing(6)
        self.date_source_icon = QLabel()
        self.date_source_icon.setFixedSize(14, 14)
        self.date_source = _muted(QLabel())
        self.date_source.setObjectName("dateSource")
        self.date_source.setWordWrap(True)
        source_row.addWidget(self.date_source_icon, 0, Qt.AlignmentFlag.AlignTop)
        source_row.addWidget(self.date_source, 1)
        box.addLayout(source_row)
        box.addSpacing(4)

        box.addWidget(_field_label("Person"))
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setAccessibleName("Person")
        self.person.lineEdit().setPlaceholderText("Nobody yet")
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.activated.connect(lambda _i: self._person_done())
        self.person.lineEdit().editingFinished.connect(self._person_done)
        box.addWidget(self.person)
        box.addSpacing(4)

        box.addWidget(_field_label("Tags"))
        self.tags = TagEditor()
        self.tags.tag_added.connect(lambda name: self._emit(RecordChange(add_tags=[name])))
        self.tags.tag_removed.connect(lambda name: self._emit(RecordChange(remove_tags=[name])))
        box.addWidget(self.tags)
        box.addSpacing(4)

        box.addWidget(_field_label("Notes"))
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("Questions for the doctor, what was decided…")
        self.notes.setFixedHeight(96)
        self.notes.textChanged.connect(self._notes_changed)
        self.notes.installEventFilter(self)
        box.addWidget(self.notes)

        self.suggestions = QFrame()
        self.suggestions.setObjectName("suggestions")
        self.suggestions_layout = QVBoxLayout(self.suggestions)
        self.suggestions_layout.setContentsMargins(0, 8, 0, 0)
        self.suggestions.hide()
        box.addWidget(self.suggestions)

        box.addSpacing(10)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("separator")
        box.addWidget(line)
        box.addSpacing(4)
        self.file_info = _muted(QLabel())
        self.file_info.setWordWrap(True)
        self.file_info.setTextFormat(Qt.TextFormat.RichText)
        self.file_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.file_info)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(icon("open-external"), "Open")
        self.open_button.setAccessibleName("Open the record")
        self.open_button.clicked.connect(lambda: self._emit_id(self.open_requested))
        self.save_button = QPushButton(icon("save"), "Save a Copy…")
        self.save_button.setAccessibleName("Save a copy of the original file")
        self.save_button.clicked.connect(lambda: self._emit_id(self.save_copy_requested))
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        box.addStretch(1)
        return scroll

    def _multi_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(18, 16, 18, 18)
        box.setSpacing(6)
        self.multi_title = QLabel()
        font = QFont(self.multi_title.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setWeight(QFont.Weight.DemiBold)
        self.multi_title.setFont(font)
        box.addWidget(self.multi_title)
        box.addWidget(_muted(QLabel("Changes here apply to every selected record.")))
        box.addSpacing(10)
        box.addWidget(_field_label("Category"))
        self.multi_category = QComboBox()
        self.multi_category.setAccessibleName("Set the category of the selected records")
        self.multi_category.activated.connect(self._multi_category_chosen)
        box.addWidget(self.multi_category)
        box.addSpacing(4)
        box.addWidget(_field_label("Person"))
        self.multi_person = QComboBox()
        self.multi_person.setEditable(True)
        self.multi_person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.multi_person.setAccessibleName("Move the selected records to a person")
        self.multi_person.lineEdit().setPlaceholderText("Move to a person…")
        self.multi_person.activated.connect(lambda _i: self._multi_person_done())
        self.multi_person.lineEdit().returnPressed.connect(self._multi_person_done)
        box.addWidget(self.multi_person)
        box.addSpacing(4)
        box.addWidget(_field_label("Tags"))
        self.multi_tags = TagEditor()
        self.multi_tags.tag_added.connect(
            lambda name: self._emit(RecordChange(add_tags=[name])))
        self.multi_tags.tag_removed.connect(
            lambda name: self._emit(RecordChange(remove_tags=[name])))
        box.addWidget(self.multi_tags)
        box.addSpacing(16)
        delete = QPushButton(icon("trash"), "Delete…")
        delete.setAccessibleName("Delete the selected records")
        delete.clicked.connect(self.delete_requested)
        row = QHBoxLayout()
        row.addWidget(delete)
        row.addStretch(1)
        box.addLayout(row)
        box.addStretch(1)
        return page

    # -- filling --------------------------------------------------------------------------
    def set_choices(self, categories: list[tuple[str, str]], people: list[str],
                    tags: list[str]) -> None:
        """The categories (slug, name), people and tags the fields offer."""
        self._loading = True
        for combo, placeholder in ((self.category, None),
                                   (self.multi_category, "Set category…")):
            combo.clear()
            if placeholder:
                combo.addItem(placeholder, None)
            for slug, name in categories:
                combo.addItem(icon("dot", _colour(slug)), name, slug)
        for combo in (self.person, self.multi_person):
            text = combo.currentText()
            combo.clear()
            combo.addItems(people)
            combo.setEditText(text)
        self.tags.set_known_tags(tags)
        self.multi_tags.set_known_tags(tags)
        self._loading = False

    def set_records(self, records: list[Record]) -> None:
        self.commit_pending()
        self.records = records
        self._loading = True
        try:
            if not records:
                self.stack.setCurrentIndex(0)
            elif len(records) == 1:
                self._show_one(records[0])
                self.stack.setCurrentIndex(1)
            else:
                self._show_many(records)
                self.stack.setCurrentIndex(2)
        finally:
            self._loading = False
        self.record_shown.emit(records[0] if len(records) == 1 else None)

    def _show_one(self, record: Record) -> None:
        self.kind_icon.setPixmap(kind_icon(record.kind).pixmap(QSize(22, 22)))
        self.summary.setText(_summary(record))
        self.title.setText(record.title)
        self.title.setCursorPosition(0)
        self.warning.setText(record.warnings)
        self.warning.setVisible(bool(record.warnings))
        self.category.setCurrentIndex(max(0, self.category.findData(record.category)))
        self.date.setDate(QDate.fromString(record.clinical_date[:10], "yyyy-MM-dd")
                          if record.clinical_date else NO_DATE)
        self.clear_date.setEnabled(bool(record.clinical_date))
        source = describe_date_source(record.date_source, record.date_confirmed)
        self.date_source.setText(source[0].upper() + source[1:])
        self.date_source_icon.setPixmap(
            icon("check" if record.date_source == "user" else "info").pixmap(QSize(14, 14)))
        self.person.setEditText(record.person or "")
        self.tags.set_tags(record.tags)
        self.notes.setPlainText(record.notes)
        self._notes_dirty = False
        imported = friendly_date(record.imported_at[:10])
        rows = [("File", record.original_name or "—"), ("Imported", imported)]
        if record.kind == "dicom" and record.meta.get("institution"):
            rows.append(("Institution", record.meta["institution"]))
        if record.original_path:
            rows.append(("From", record.original_path))
        self.file_info.setText("<br>".join(
            f"<b>{_esc(k)}</b>&nbsp;&nbsp;{_esc(v)}" for k, v in rows))
        self.save_button.setEnabled(record.kind != "dicom")

    def _show_many(self, records: list[Record]) -> None:
        self.multi_title.setText(f"{len(records)} records selected")
        self.multi_category.setCurrentIndex(0)
        self.multi_person.setEditText("")
        common = set(records[0].tags)
        for record in records[1:]:
            common &= set(record.tags)
        self.multi_tags.set_tags(sorted(common))

    # -- editing --------------------------------------------------------------------------
    def ids(self) -> list[int]:
        return [r.id for r in self.records]

    def _emit(self, change: RecordChange) -> None:
        if not self._loading and self.records:
            self.change_requested.emit(self.ids(), change)

    def _emit_id(self, signal: Signal) -> None:
        if len(self.records) == 1:
            signal.emit(self.records[0].id)

    def _title_done(self) -> None:
        if len(self.records) != 1 or self._loading:
            return
        text = " ".join(self.title.text().split())
        if not text:
            self.title.setText(self.records[0].title)
        elif text != self.records[0].title:
            self._emit(RecordChange(title=text))

    def _category_chosen(self, index: int) -> None:
        slug = self.category.itemData(index)
        if len(self.records) == 1 and slug and slug != self.records[0].category:
            self._emit(RecordChange(category=slug))

    def _multi_category_chosen(self, index: int) -> None:
        slug = self.multi_category.itemData(index)
        if slug:
            self._emit(RecordChange(category=slug))
            self.multi_category.setCurrentIndex(0)

    def _date_done(self) -> None:
        if len(self.records) != 1 or self._loading:
            return
        chosen = self.date.date()
        value = "" if chosen == NO_DATE else chosen.toString("yyyy-MM-dd")
        if value != (self.records[0].clinical_date or "")[:10]:
            self._emit(RecordChange(clinical_date=value))

    def _clear_date(self) -> None:
        if len(self.records) == 1 and self.records[0].clinical_date:
            self._emit(RecordChange(clinical_date=""))

    def _person_done(self) -> None:
        if len(self.records) != 1 or self._loading:
            return
        name = " ".join(self.person.currentText().split())
        if name != (self.records[0].person or ""):
            self._emit(RecordChange(person=name))

    def _multi_person_done(self) -> None:
        name = " ".join(self.multi_person.currentText().split())
        if name and not self._loading:
            self._emit(RecordChange(person=name))
            self.multi_person.setEditText("")

    def _notes_changed(self) -> None:
        if not self._loading:
            self._notes_dirty = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.notes and event.type() == QEvent.Type.FocusOut:
            self.commit_pending()
        return super().eventFilter(watched, event)

    def commit_pending(self) -> None:
        """Save notes being typed (before another record is shown, or on leaving)."""
        if self._notes_dirty and len(self.records) == 1:
            self._notes_dirty = False
            text = self.notes.toPlainText()
            if text != self.records[0].notes:
                self.change_requested.emit(self.ids(), RecordChange(notes=text))

    def focus_title(self) -> None:
        """F2: rename the record shown."""
        if len(self.records) == 1:
            self.title.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.title.selectAll()

    def add_suggestion_widget(self, widget: QWidget) -> None:
        """Add a widget to the suggestions box (shown once it holds something)."""
        self.suggestions_layout.addWidget(widget)
        self.suggestions.show()


def _esc(text: str) -> str:
    import html

    return html.escape(str(text))


def _colour(slug: str):  # noqa: ANN202
    from recordorg.gui.theme import category_colour

    return category_colour(slug)
