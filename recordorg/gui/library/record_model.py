"""The records of a library as a Qt model: ids held, rows fetched lazily in batches."""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from recordorg.core.catalogue.browse import (
    KIND_NAMES,
    longest_titles,
    period_dates,
    sorted_record_ids,
)
from recordorg.core.catalogue.categories import list_categories
from recordorg.core.catalogue.records import Record, RecordFilter, get_records
from recordorg.core.wording import short_date
from recordorg.formats.name_claims import other_file_words
from recordorg.gui.icons import icon, kind_icon
from recordorg.gui.library.thumbnails import ThumbnailCache
from recordorg.gui.theme import category_colour

friendly_date = short_date  # the window's lists show dates as everywhere else

RecordRole = Qt.ItemDataRole.UserRole + 1
RecordIdRole = Qt.ItemDataRole.UserRole + 2
ThumbnailRole = Qt.ItemDataRole.UserRole + 3

COLUMNS = [
    ("date", "Date"),
    ("title", "Title"),
    ("category", "Category"),
    ("person", "Person"),
    ("kind", "Kind"),
]
KIND_SHORT = {"pdf": "Document", "image": "Photo", "dicom": "Imaging study", "other": "File"}

ModelIndex = QModelIndex | QPersistentModelIndex


def kind_label(record: Record) -> str:
    if record.kind == "dicom":
        modalities = record.meta.get("modalities") or []
        return f"{'/'.join(modalities)} study".strip() if modalities else "Imaging study"
    if record.kind == "other":  # what its content is: "Text", "Word", "File"
        return other_file_words(record.mime)[0]
    return KIND_SHORT.get(record.kind, KIND_NAMES.get(record.kind, record.kind))


class RecordTableModel(QAbstractTableModel):
    """Holds the ids of the records shown; fetches BATCH rows at a time as views ask."""

    BATCH = 128
    CACHE_ROWS = 4096
    reloaded = Signal()

    def __init__(
        self, conn: sqlite3.Connection, thumbnails: ThumbnailCache | None = None, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._conn = conn
        self._ids: list[int] = []
        self._rows: dict[int, int] = {}
        self._records: OrderedDict[int, Record] = OrderedDict()
        self._filter = RecordFilter()
        self._sort = ("date", True)
        self.thumbnails = thumbnails
        if thumbnails is not None:
            thumbnails.ready.connect(self._thumbnail_ready)

    # -- what is shown -------------------------------------------------------------------
    @property
    def record_filter(self) -> RecordFilter:
        return self._filter

    def set_filter(self, flt: RecordFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Read the ids again (after an import, a delete or a new filter)."""
        self.beginResetModel()
        self._ids = sorted_record_ids(
            self._conn, self._filter, sort=self._sort[0], descending=self._sort[1]
        )
        self._rows = {record_id: row for row, record_id in enumerate(self._ids)}
        self._records.clear()
        self.endResetModel()
        self.reloaded.emit()

    def refresh(self, record_ids: list[int]) -> None:
        """Fetch these records again (after an edit) and tell the views."""
        for record_id in record_ids:
            self._records.pop(record_id, None)
            row = self._rows.get(record_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def ids(self) -> list[int]:
        return list(self._ids)

    def category_names(self) -> list[str]:
        """The names of the categories the library's records are in: the Category column's
        words, read without fetching a row."""
        return [c["name"] for c in list_categories(self._conn) if c["records"]]

    def longest_titles(self) -> list[str]:
        return longest_titles(self._conn)

    def period_dates(self) -> list[str]:
        return period_dates(self._conn)

    def row_of(self, record_id: int) -> int | None:
        return self._rows.get(record_id)

    def record_id(self, row: int) -> int:
        return self._ids[row]

    def record_at(self, row: int) -> Record | None:
        if not 0 <= row < len(self._ids):
            return None
        record_id = self._ids[row]
        record = self._records.get(record_id)
        if record is None:
            self._fetch_around(row)
            record = self._records.get(record_id)
        return record

    def _fetch_around(self, row: int) -> None:
        start = row - row % self.BATCH
        wanted = [i for i in self._ids[start : start + self.BATCH] if i not in self._records]
        for record_id, record in get_records(self._conn, wanted).items():
            self._records[record_id] = record
        while len(self._records) > self.CACHE_ROWS:
            self._records.popitem(last=False)

    # -- Qt's model interface ---------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section][1]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == RecordIdRole:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.DecorationRole,
            RecordRole,
            ThumbnailRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        record = self.record_at(index.row())
        if record is None:
            return None
        if role == RecordRole:
            return record
        if role == ThumbnailRole:
            return self.thumbnails.get(record.id) if self.thumbnails is not None else None
        column = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DecorationRole:
            if column == "category":
                return icon("dot", category_colour(record.category))
            return kind_icon(record.kind) if column == "title" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "date" and not record.clinical_date:
                return "No clinical date yet"
            return {"title": record.title, "category": record.category_name}.get(column)
        if role == Qt.ItemDataRole.AccessibleTextRole and column != "title":
            return None
        return self._text(record, column)

    @staticmethod
    def _text(record: Record, column: str) -> str:
        if column == "date":
            return record.date_shown or "—"
        if column == "title":
            return record.title or record.original_name or "Untitled"
        if column == "category":
            return record.category_name
        if column == "person":
            return record.person or ""
        return kind_label(record)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column][0]
        self._sort = (key, order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        old = list(self._ids)
        self._ids = sorted_record_ids(self._conn, self._filter, sort=key, descending=self._sort[1])
        self._rows = {record_id: row for row, record_id in enumerate(self._ids)}
        moved_from, moved_to = [], []
        for persistent in self.persistentIndexList():
            if persistent.row() < len(old):
                new_row = self._rows.get(old[persistent.row()])
                moved_from.append(persistent)
                moved_to.append(
                    QModelIndex() if new_row is None else self.index(new_row, persistent.column())
                )
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()

    def sort_state(self) -> tuple[str, bool]:
        return self._sort

    def _thumbnail_ready(self, record_id: int) -> None:
        row = self._rows.get(record_id)
        if row is not None:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [ThumbnailRole])
