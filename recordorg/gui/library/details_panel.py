"""The details of the selected record(s): edit title, category, date, person, tags, notes."""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from recordorg.core.catalogue.editing import RecordChange
from recordorg.core.catalogue.records import Record
from recordorg.core.wording import describe_date_source
from recordorg.gui.icons import icon, kind_icon
from recordorg.gui.library.details_parts import (
    FileSection,
    MultiRecordEditor,
    field_label,
    fill_categories,
    fill_people,
    heading_font,
    muted,
    summary_line,
)
from recordorg.gui.library.tag_editor import TagEditor
from recordorg.gui.widgets.date_field import DateField
from recordorg.gui.widgets.title_edit import TitleEdit

NO_DATE = QDate(1900, 1, 1)


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
        self.multi = MultiRecordEditor()
        self.multi.change_requested.connect(self._emit)
        self.multi.delete_requested.connect(self.delete_requested)
        self.stack.addWidget(self.multi)
        self.multi_category, self.multi_person = self.multi.category, self.multi.person
        self.multi_tags = self.multi.tags

    # -- pages ----------------------------------------------------------------------------
    def _empty_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addStretch(1)
        hint = muted(QLabel("Select a record to see and edit its details."))
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(hint)
        box.addStretch(2)
        return page

    def _single_page(self) -> QWidget:
        """One record: its heading, the fields to edit, suggestions, and its file."""
        scroll = QScrollArea()
        scroll.setAccessibleName("Details of the record")  # a Tab stop: arrows scroll it
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        page.setObjectName("detailsPage")
        scroll.setWidget(page)
        box = QVBoxLayout(page)
        box.setContentsMargins(18, 16, 18, 18)
        box.setSpacing(6)
        self._add_heading(box)
        self._add_category(box)
        self._add_clinical_date(box)
        self._add_person(box)
        self._add_tags_and_notes(box)
        self._add_suggestions_box(box)
        self._add_file_section(box)
        box.addStretch(1)
        return scroll

    def _add_heading(self, box: QVBoxLayout) -> None:
        """The kind and summary line, the title to edit, and any warning."""
        head = QHBoxLayout()
        self.kind_icon = QLabel()
        self.kind_icon.setFixedSize(22, 22)
        self.summary = muted(QLabel())
        self.summary.setWordWrap(True)
        head.addWidget(self.kind_icon)
        head.addWidget(self.summary, 1)
        box.addLayout(head)
        self.title = TitleEdit()  # a long title wraps onto more lines, never cut
        self.title.setObjectName("detailsTitle")
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("Title")
        self.title.setFont(heading_font(self.title))
        self.title.editingFinished.connect(self._title_done)
        box.addWidget(self.title)
        self.warning = QLabel()
        self.warning.setObjectName("detailsWarning")
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.warning)
        box.addSpacing(6)

    def _add_category(self, box: QVBoxLayout) -> None:
        box.addWidget(field_label("Category"))
        self.category = QComboBox()
        self.category.setAccessibleName("Category")
        self.category.activated.connect(self._category_chosen)
        box.addWidget(self.category)
        box.addSpacing(4)

    def _add_clinical_date(self, box: QVBoxLayout) -> None:
        """The clinical date, a button to clear it, and where the date came from."""
        box.addWidget(field_label("Clinical date"))
        date_row = QHBoxLayout()
        self.date = DateField(NO_DATE)
        self.date.setAccessibleName("Clinical date")
        self.date.editingFinished.connect(self._date_done)
        self.date.problem.connect(self._date_problem)
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
        self.date_source = muted(QLabel())
        self.date_source.setObjectName("dateSource")
        self.date_source.setWordWrap(True)
        source_row.addWidget(self.date_source_icon, 0, Qt.AlignmentFlag.AlignTop)
        source_row.addWidget(self.date_source, 1)
        box.addLayout(source_row)
        box.addSpacing(4)

    def _add_person(self, box: QVBoxLayout) -> None:
        box.addWidget(field_label("Person"))
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setAccessibleName("Person")
        self.person.lineEdit().setPlaceholderText("Nobody yet")
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.activated.connect(lambda _i: self._person_done())
        self.person.lineEdit().editingFinished.connect(self._person_done)
        box.addWidget(self.person)
        box.addSpacing(4)

    def _add_tags_and_notes(self, box: QVBoxLayout) -> None:
        box.addWidget(field_label("Tags"))
        self.tags = TagEditor()
        self.tags.tag_added.connect(lambda name: self._emit(RecordChange(add_tags=[name])))
        self.tags.tag_removed.connect(lambda name: self._emit(RecordChange(remove_tags=[name])))
        box.addWidget(self.tags)
        box.addSpacing(4)

        box.addWidget(field_label("Notes"))
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.notes.setPlaceholderText("Questions for the doctor, what was decided…")
        self.notes.setFixedHeight(96)
        self.notes.textChanged.connect(self._notes_changed)
        self.notes.installEventFilter(self)
        box.addWidget(self.notes)

    def _add_suggestions_box(self, box: QVBoxLayout) -> None:
        """Where suggestion widgets go (see `add_suggestion_widget`); hidden while empty."""
        self.suggestions = QFrame()
        self.suggestions.setObjectName("suggestions")
        self.suggestions_layout = QVBoxLayout(self.suggestions)
        self.suggestions_layout.setContentsMargins(0, 8, 0, 0)
        self.suggestions.hide()
        box.addWidget(self.suggestions)

    def _add_file_section(self, box: QVBoxLayout) -> None:
        """Below a line: the file, with buttons to open it or save a copy."""
        box.addSpacing(10)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("separator")
        box.addWidget(line)
        box.addSpacing(4)
        self.file_section = FileSection()
        self.file_section.open_clicked.connect(lambda: self._emit_id(self.open_requested))
        self.file_section.save_clicked.connect(lambda: self._emit_id(self.save_copy_requested))
        box.addWidget(self.file_section)

    # -- filling --------------------------------------------------------------------------
    def set_choices(
        self, categories: list[tuple[str, str]], people: list[str], tags: list[str]
    ) -> None:
        """The categories (slug, name), people and tags the fields offer."""
        self._loading = True
        fill_categories(self.category, categories)
        fill_people(self.person, people)
        self.tags.set_known_tags(tags)
        self.multi.set_choices(categories, people, tags)
        self._loading = False

    def set_people(self, people: list[str]) -> None:
        """The people the fields offer, anew (one came in); what is typed there is kept."""
        self._loading = True
        fill_people(self.person, people)
        fill_people(self.multi.person, people)
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
                self.multi.show_records(records)
                self.stack.setCurrentIndex(2)
        finally:
            self._loading = False
        self.record_shown.emit(records[0] if len(records) == 1 else None)

    def _show_one(self, record: Record) -> None:
        self.kind_icon.setPixmap(kind_icon(record.kind).pixmap(QSize(22, 22)))
        self.summary.setText(summary_line(record))
        self.title.setText(record.title)
        self.title.setCursorPosition(0)
        self.warning.setText(record.warnings)
        self.warning.setVisible(bool(record.warnings))
        self.category.setCurrentIndex(max(0, self.category.findData(record.category)))
        self.date.set_iso(record.date_as_written or "")
        self.clear_date.setEnabled(bool(record.clinical_date))
        self._show_date_source(record)
        self.date_source_icon.setPixmap(
            icon("check" if record.date_source == "user" else "info").pixmap(QSize(14, 14))
        )
        self.person.setEditText(record.person or "")
        self.tags.set_tags(record.tags)
        self.notes.setPlainText(record.notes)
        self._notes_dirty = False
        self.file_section.show_record(record)

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

    def _date_done(self) -> None:
        if len(self.records) != 1 or self._loading:
            return
        value = self.date.iso()
        if value != (self.records[0].date_as_written or ""):
            self._emit(RecordChange(clinical_date=value))

    def _show_date_source(self, record: Record) -> None:
        source = describe_date_source(record.date_source, record.date_confirmed)
        self.date_source.setText(source[0].upper() + source[1:])
        self.date_source.setProperty("problem", False)

    def _date_problem(self, words: str) -> None:
        """What was typed is not a date: say so where the date's source is shown."""
        if not words:
            return
        self.date_source.setText(words)
        self.date_source_icon.setPixmap(icon("info").pixmap(QSize(14, 14)))

    def _clear_date(self) -> None:
        if len(self.records) == 1 and self.records[0].clinical_date:
            self._emit(RecordChange(clinical_date=""))

    def _person_done(self) -> None:
        if len(self.records) != 1 or self._loading:
            return
        name = " ".join(self.person.currentText().split())
        if name != (self.records[0].person or ""):
            self._emit(RecordChange(person=name))

    def _notes_changed(self) -> None:
        if not self._loading:
            self._notes_dirty = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
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
