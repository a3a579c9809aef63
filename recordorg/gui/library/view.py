"""The library tab: sidebar, records as grid, table or search results, and the details."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from recordorg.core.catalogue.browse import all_tag_names, sidebar_counts
from recordorg.core.catalogue.categories import list_categories
from recordorg.core.catalogue.editing import RecordChange
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.people import list_people
from recordorg.core.catalogue.records import Record, get_records
from recordorg.core.errors import UserError
from recordorg.core.understanding.typed_dates import library_reader
from recordorg.gui.errors import show_error
from recordorg.gui.library import record_actions
from recordorg.gui.library.details_panel import DetailsPanel
from recordorg.gui.library.keep_place import place_kept
from recordorg.gui.library.people_menu import PeopleMenu
from recordorg.gui.library.record_model import RecordIdRole, RecordTableModel
from recordorg.gui.library.record_views import RecordGridView, RecordTableView
from recordorg.gui.library.records_header import RecordsHeader
from recordorg.gui.library.search_results import SearchResultsModel, SearchResultsView, find_results
from recordorg.gui.library.sidebar import Sidebar
from recordorg.gui.library.thumbnails import ThumbnailCache
from recordorg.gui.library.undo import describe_change, edit_records
from recordorg.gui.widgets.empty_state import EmptyLibraryPage, no_match_page

GRID, TABLE, SEARCH, EMPTY, NO_MATCH = range(5)
DETAILS_AT_MOST = 2000  # records loaded for the details panel of a big selection


class LibraryView(QWidget):
    open_requested = Signal(int, object, str)  # record id, page (or None), words to find
    import_requested = Signal(str)  # "files", "folder" or "disc"
    demo_requested = Signal()
    selection_changed = Signal()
    records_changed = Signal(list)
    records_deleted = Signal(list)
    view_mode_changed = Signal(str)
    search_cleared = Signal()  # the window clears its search field

    def __init__(
        self, library: Library, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.conn = library.connection()
        self.undo_stack = undo_stack
        self.view_mode = "grid"
        self.search_text = ""
        self.details_hidden_by_user = False
        self._quiet = False  # records being read again under the selection
        self._people: list[str] = []  # the people the details panel offers
        self.thumbnails = ThumbnailCache(library.thumbnail_path, parent=self)
        self.model = RecordTableModel(self.conn, self.thumbnails, self)
        self.search_model = SearchResultsModel(self)
        self.search_model.thumbnails = self.thumbnails
        self.thumbnails.ready.connect(self.search_model.refresh_thumbnail)
        self.sidebar = Sidebar()
        self.sidebar.filter_changed.connect(self._filter_changed)
        self.people_menu = PeopleMenu(self)
        self.grid = RecordGridView()
        self.table = RecordTableView()
        self.results = SearchResultsView()
        self.grid.setModel(self.model)
        self.grid.setModelColumn(1)
        self.table.setModel(self.model)
        self.results.setModel(self.search_model)
        for view in (self.grid, self.table, self.results):
            view.open_requested.connect(self._open_index)
            view.customContextMenuRequested.connect(self._context_menu)
            view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.details = DetailsPanel()
        self.details.change_requested.connect(self.apply_change)
        self.details.open_requested.connect(lambda rid: self.open_requested.emit(rid, None, ""))
        self.details.save_copy_requested.connect(self.save_copy)
        self.details.delete_requested.connect(self.delete_selected)

        centre = QWidget()
        centre.setObjectName("recordsArea")
        centre_box = QVBoxLayout(centre)
        centre_box.setContentsMargins(0, 0, 0, 0)
        centre_box.setSpacing(0)
        self.header = RecordsHeader()
        self.header.mode_chosen.connect(self.set_view_mode)
        self.header.clear_requested.connect(self.clear_filters)
        self.heading, self.count_label = self.header.heading, self.header.count_label
        self.clear_button = self.header.clear_button
        self.header.show_mode(self.view_mode)
        centre_box.addWidget(self.header)
        self.pages = QStackedWidget()
        self.empty_page = EmptyLibraryPage(self.import_requested.emit, self.demo_requested.emit)
        self.no_match_page = no_match_page(self.clear_filters)
        for widget in (self.grid, self.table, self.results, self.empty_page, self.no_match_page):
            self.pages.addWidget(widget)
        centre_box.addWidget(self.pages, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("librarySplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.details)
        self.splitter.setCollapsible(1, False)
        self.splitter.setHandleWidth(1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 820, 330])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.run_search)
        self.reload_all()
        self.splitter.setSizes([self.sidebar.wanted_width(), 820, 330])

    # -- layout pieces --------------------------------------------------------------------
    # -- loading --------------------------------------------------------------------------
    def reload_all(self) -> None:
        """Counts, choices and records read afresh (after an import or a delete)."""
        keep = self.selected_ids()
        self.sidebar.set_counts(sidebar_counts(self.conn))
        self._refresh_choices()
        self.model.set_filter(self.sidebar.record_filter())
        if self.search_text.strip():
            self.run_search()
        self._update_page()
        self.select_ids(keep)

    def show_arrivals(self) -> None:
        """Records that came in meanwhile (an import running) shown where they belong, in
        the search results too, the counts with them and a new person among the choices;
        the person keeps their place and the details stay as they are."""
        keep = self.selected_ids()
        self.sidebar.set_counts(sidebar_counts(self.conn))
        people = [p["name"] for p in list_people(self.conn)]
        if people != self._people:
            self._people = people
            self.details.set_people(people)
        text = self.search_text.strip()
        self._quiet = True  # the selection is put back: not a new one
        try:
            with place_kept(self.grid if self.view_mode == "grid" else self.table, self.model):
                self.model.reload()
                if not text:
                    self._update_page()
            if text:
                with place_kept(self.results, self.search_model):
                    found = find_results(self.conn, text, self.sidebar.record_filter())
                    self.search_model.set_results(text, found)
                    self._update_page()
        finally:
            self._quiet = False
        if self.selected_ids() != keep:
            self._selection_changed()
        else:
            self.selection_changed.emit()  # the window's count of records, selection the same

    def set_importing(self, importing: bool) -> None:
        """An import runs (or ended): an empty library says its records are on their way."""
        self.empty_page.set_importing(importing)

    def _refresh_choices(self) -> None:
        categories = [(c["slug"], c["name"]) for c in list_categories(self.conn)]
        self._people = [p["name"] for p in list_people(self.conn)]
        self.details.set_choices(categories, self._people, all_tag_names(self.conn))
        self.details.date.reader = library_reader(self.conn)  # the library's day-month order

    def _filter_changed(self) -> None:
        self.model.set_filter(self.sidebar.record_filter())
        if self.search_text.strip():
            self.run_search()
        self._update_page()
        self._selection_changed()

    def clear_filters(self) -> None:
        self.search_text = ""
        self.search_cleared.emit()
        self.sidebar.clear()

    def _update_page(self) -> None:
        described = self.sidebar.describe()
        if self.search_text.strip():
            count = self.search_model.rowCount()
            self.heading.setText(f"Results for “{self.search_text.strip()}”")
            self.count_label.setText(
                f"{count:,} record{'s' if count != 1 else ''}"
                + (f" · {described}" if described else "")
            )
            page = SEARCH if count else NO_MATCH
        else:
            count = self.model.rowCount()
            self.heading.setText(described or "All records")
            self.count_label.setText(f"{count:,} record{'s' if count != 1 else ''}")
            total = self.sidebar.tree.topLevelItem(0)
            empty_library = total is not None and total.text(1) == "0"
            if empty_library:
                page = EMPTY
            elif count == 0:
                page = NO_MATCH
            else:
                page = GRID if self.view_mode == "grid" else TABLE
        self.clear_button.setVisible(bool(described or self.search_text.strip()))
        self.pages.setCurrentIndex(page)
        if page == EMPTY:
            self.details.hide()
        elif not self.details_hidden_by_user:
            self.details.show()

    # -- view mode and search --------------------------------------------------------------
    def set_view_mode(self, mode: str) -> None:
        if mode not in ("grid", "table"):
            return
        keep = self.selected_ids()
        self.view_mode = mode
        self.header.show_mode(mode)
        self._update_page()
        self.select_ids(keep)
        self.view_mode_changed.emit(mode)

    def set_search_text(self, text: str) -> None:
        self.search_text = text
        if text.strip():
            self._search_timer.start()
        else:
            self._search_timer.stop()
            self.search_model.set_results("", [])
            self._update_page()
            self._selection_changed()

    def shut(self) -> None:
        """Before its library closes: a search typed a moment ago is not run on it."""
        self._search_timer.stop()

    def run_search(self) -> None:
        text = self.search_text.strip()
        results = find_results(self.conn, text, self.sidebar.record_filter()) if text else []
        self.search_model.set_results(text, results)
        self._update_page()
        if results:
            self.results.setCurrentIndex(self.search_model.index(0))
        self._selection_changed()

    # -- selection --------------------------------------------------------------------------
    def current_view(self) -> QAbstractItemView:
        return {GRID: self.grid, TABLE: self.table, SEARCH: self.results}.get(
            self.pages.currentIndex(), self.grid if self.view_mode == "grid" else self.table
        )

    def selected_ids(self) -> list[int]:
        view = self.current_view()
        selection = view.selectionModel()
        if selection is None:
            return []
        rows = sorted(
            {row for span in selection.selection() for row in range(span.top(), span.bottom() + 1)}
        )
        model = view.model()
        return [model.index(row, 0).data(RecordIdRole) for row in rows]

    def select_ids(self, record_ids: list[int]) -> None:
        view = self.current_view()
        model = view.model()
        selection = QItemSelection()
        first = None
        for record_id in record_ids:
            row = self._row_in(view, record_id)
            if row is None:
                continue
            left = model.index(row, 0)
            right = model.index(row, model.columnCount() - 1)
            selection.select(left, right)
            first = first or left
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        view.selectionModel().select(selection, flags)
        if first is not None:
            view.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            view.scrollTo(first)
        self._selection_changed()

    def _row_in(self, view: QAbstractItemView, record_id: int) -> int | None:
        if view is self.results:
            for row, result in enumerate(self.search_model.results):
                if result.record.id == record_id:
                    return row
            return None
        return self.model.row_of(record_id)

    def selected_records(self) -> list[Record]:
        ids = self.selected_ids()[:DETAILS_AT_MOST]
        found = get_records(self.conn, ids)
        return [found[i] for i in ids if i in found]

    def _selection_changed(self, *_args: object) -> None:
        if self._quiet:
            return
        self.details.set_records(self.selected_records())
        self.selection_changed.emit()

    # -- editing ----------------------------------------------------------------------------
    def apply_change(self, record_ids: list[int], change: RecordChange) -> bool:
        try:
            edit_records(
                self.undo_stack,
                self.conn,
                record_ids,
                change,
                describe_change(change, len(record_ids)),
                self.after_edit,
            )
        except UserError as error:
            show_error(self, error)
            self.details.set_records(self.selected_records())
            return False
        return True

    def after_edit(self, record_ids: list[int]) -> None:
        """Show edited (or undone) records as they now are."""
        self.model.refresh(record_ids)
        self.sidebar.set_counts(sidebar_counts(self.conn))
        self._refresh_choices()
        if self.search_text.strip():
            keep = self.selected_ids()
            self.run_search()
            self.select_ids(keep)
        self.details.set_records(self.selected_records())
        self.records_changed.emit(record_ids)

    def delete_selected(self) -> None:
        records = self.selected_records()
        if not records or not record_actions.confirm_delete(self, records):
            return
        ids = [r.id for r in records]
        try:
            record_actions.delete_records(self.library, ids)
        except UserError as error:
            show_error(self, error)
            return
        for record_id in ids:
            self.thumbnails.forget(record_id)
        self.records_deleted.emit(ids)
        self.reload_all()

    def rename_selected(self) -> None:
        self.details.focus_title()

    def save_copy(self, record_id: int) -> None:
        found = get_records(self.conn, [record_id])
        if record_id in found:
            record_actions.save_copy(self, self.library, found[record_id])

    def open_elsewhere(self, record_id: int) -> None:
        found = get_records(self.conn, [record_id])
        if record_id in found:
            record_actions.open_elsewhere(self.library, found[record_id])

    # -- opening and menus ----------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        record_id = index.data(RecordIdRole)
        if record_id is None:
            return
        page, find = None, ""
        if self.sender() is self.results:
            result = self.search_model.results[index.row()]
            page = result.page
            find = self.search_text.replace('"', "").strip()
        self.open_requested.emit(record_id, page, find)

    def open_selected(self) -> None:
        view = self.current_view()
        index = view.currentIndex()
        if index.isValid():
            record_id = index.data(RecordIdRole)
            page = None
            if view is self.results:
                page = self.search_model.results[index.row()].page
            self.open_requested.emit(
                record_id, page, self.search_text.strip() if view is self.results else ""
            )

    def _context_menu(self, position) -> None:
        view = self.sender()
        if self.selected_ids():
            menu = record_actions.context_menu(self, parent=self)
            menu.exec(view.viewport().mapToGlobal(position))
