"""Suggestions in the details panel: the date, category and title read from a record's text."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget

from recordorg.core.catalogue.editing import RecordChange
from recordorg.core.catalogue.records import Record
from recordorg.core.catalogue.settings import AUTO_CATEGORY, get_setting
from recordorg.core.errors import NotFound, UserError
from recordorg.core.understanding.record_understanding import Understanding, analyse_record
from recordorg.gui.errors import show_error
from recordorg.gui.library.details_parts import field_label
from recordorg.gui.library.undo import edit_records
from recordorg.gui.understanding.suggestion_cards import CategoryCard, DateCard, TitleCard

if TYPE_CHECKING:
    from recordorg.gui.library.view import LibraryView
    from recordorg.gui.window.host import WindowHost

log = logging.getLogger(__name__)

USED_MESSAGES = {
    "clinical_date": "Date confirmed: reading the record again will not change it.",
    "category": "Category set; recordorg learns from the categories you choose.",
    "title": "Title set.",
}
MESSAGE_MS = 6000


class SuggestionsPanel(QWidget):
    """The cards for one record; each hides when the record already says the same."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionsPanel")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8)
        self.heading = field_label("Suggestions")
        self.heading.setToolTip(
            "What recordorg read in the record's text. Nothing changes "
            "until you use a suggestion; Undo takes it back."
        )
        box.addWidget(self.heading)
        self.date_card = DateCard()
        self.category_card = CategoryCard()
        self.title_card = TitleCard()
        for card in self.cards():
            box.addWidget(card)
        self.understanding: Understanding | None = None

    def cards(self) -> tuple[DateCard, CategoryCard, TitleCard]:
        return self.date_card, self.category_card, self.title_card

    def show_understanding(
        self, record: Record, u: Understanding, threshold: float, category_known: bool = True
    ) -> bool:
        """Show what differs from the record (or could be confirmed); False if nothing."""
        self.understanding = u
        shown = [
            self.date_card.show_for(record, u),
            category_known and self.category_card.show_for(record, u, threshold),
            self.title_card.show_for(record, u),
        ]
        for card, visible in zip(self.cards(), shown, strict=True):
            card.setVisible(visible)
        self.setVisible(any(shown))
        return any(shown)

    def clear(self) -> None:
        self.understanding = None
        self.hide()


class RecordSuggestions(QObject):
    """Keeps the suggestions of the library tab's details panel up to date, and uses them
    as undoable edits (like any other edit in the panel)."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        self.view: LibraryView | None = None
        self.panel: SuggestionsPanel | None = None
        self.record: Record | None = None
        window.library_opened.connect(lambda _library: self.attach(window.library_view))

    def attach(self, view: LibraryView | None) -> None:
        """Put a panel into this library view's details (a new view per library)."""
        self.view, self.panel, self.record = view, None, None
        if view is None:
            return
        self.panel = SuggestionsPanel()
        view.details.add_suggestion_widget(self.panel)
        for card in self.panel.cards():
            card.use.connect(self.use)
        view.details.record_shown.connect(self.show_record)
        records = view.details.records
        self.show_record(records[0] if len(records) == 1 else None)

    def refresh(self) -> None:
        """Read the record shown again (after the library's settings changed)."""
        self.show_record(self.record)

    def show_record(self, record: Record | None) -> None:
        self.record = record
        if self.panel is None or self.view is None:
            return
        shown = False
        if record is not None:
            shown = self._show(record)
        if not shown:
            self.panel.clear()
        self.view.details.suggestions.setVisible(self._box_has_something())
        self._relayout()

    def _relayout(self) -> None:
        """Size the details page for the new cards now, not at the next turn of the event
        loop (the page would be drawn once with its wrapped texts squeezed)."""
        scroll = self.panel.parentWidget()
        while scroll is not None and not isinstance(scroll, QScrollArea):
            scroll = scroll.parentWidget()
        if scroll is not None and scroll.widget() is not None and scroll.widget().layout():
            scroll.widget().layout().activate()
            QApplication.sendEvent(scroll, QEvent(QEvent.Type.LayoutRequest))

    def _show(self, record: Record) -> bool:
        conn = self.view.conn
        try:
            u = analyse_record(conn, record.id, apply=False)
            threshold = float(get_setting(conn, AUTO_CATEGORY.key))
            known = (
                conn.execute(
                    "SELECT 1 FROM categories WHERE slug = ?", (u.category.category,)
                ).fetchone()
                is not None
            )
        except NotFound:
            return False
        except Exception:  # a suggestion must never break the details panel; logged by id
            log.exception("could not read suggestions for record %s", record.id)
            return False
        return self.panel.show_understanding(record, u, threshold, known)

    def _box_has_something(self) -> bool:
        layout = self.view.details.suggestions_layout
        widgets = (layout.itemAt(i).widget() for i in range(layout.count()))
        return any(w is not None and not w.isHidden() for w in widgets)

    def use(self, change: RecordChange, undo_text: str) -> bool:
        """Apply a suggestion to the record shown, undoably; a date used is confirmed."""
        view, record = self.view, self.record
        if view is None or record is None:
            return False
        try:
            edit_records(
                view.undo_stack, view.conn, [record.id], change, undo_text, view.after_edit
            )
        except UserError as error:
            show_error(view, error)
            return False
        what = next(k for k in USED_MESSAGES if getattr(change, k) is not None)
        undo = self.window.menus.undo_action.shortcut().toString()
        self.window.statusBar().showMessage(f"{USED_MESSAGES[what]} Undo with {undo}.", MESSAGE_MS)
        return True
