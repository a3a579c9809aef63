"""A person's place in the records or the search results, kept while the list is read again
under them (records arriving during an import): the records selected, the current one, and
the current record (else the one at the top of the view) left where it was on the screen."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint
from PySide6.QtWidgets import QAbstractItemView, QListView

from recordorg.gui.library.record_model import RecordTableModel
from recordorg.gui.library.search_results import SearchResultsModel

Rows = RecordTableModel | SearchResultsModel  # the records or the search results

# Points near the top of the view where the first record shown is looked for (the grid's
# cards leave gaps between them)
TOP_PROBES = [QPoint(x, y) for y in (2, 12, 40) for x in (12, 80, 160)]


@contextmanager
def place_kept(view: QAbstractItemView, model: Rows) -> Iterator[None]:
    """Around a reload of `model`: the same records selected and the view not moved (at the
    very top it stays at the top, so records arriving there are seen)."""
    column = view.modelColumn() if isinstance(view, QListView) else 0
    selection = view.selectionModel()
    rows = sorted({index.row() for index in selection.selectedIndexes()})
    chosen = [model.record_id(row) for row in rows]
    current = selection.currentIndex()
    current_id = model.record_id(current.row()) if current.isValid() else None
    bar = view.verticalScrollBar()
    anchor = (_shown(view, model, current) or _top_record(view, model)) if bar.value() else None
    across = view.horizontalScrollBar().value()
    yield
    view.doItemsLayout()  # laid out now, so the scroll range is the new list's
    kept = QItemSelection()
    for record_id in chosen:
        row = model.row_of(record_id)
        if row is not None:
            kept.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    flags = QItemSelectionModel.SelectionFlag
    selection.select(kept, flags.ClearAndSelect | flags.Rows)
    row = model.row_of(current_id) if current_id is not None else None
    if row is not None:
        selection.setCurrentIndex(model.index(row, column), flags.NoUpdate)
    if anchor is not None and (row := model.row_of(anchor[0])) is not None:
        bar.setValue(bar.value() + view.visualRect(model.index(row, column)).top() - anchor[1])
    view.horizontalScrollBar().setValue(across)


def _shown(view: QAbstractItemView, model: Rows, current: QModelIndex) -> tuple[int, int] | None:
    """The current record and how far down the view it starts, when it is in sight: the
    record a person is looking at stays exactly where it is, whatever arrives above it."""
    if not current.isValid():
        return None
    place = view.visualRect(current)
    if not place.isValid() or not view.viewport().rect().intersects(place):
        return None
    return model.record_id(current.row()), place.top()


def _top_record(view: QAbstractItemView, model: Rows) -> tuple[int, int] | None:
    """The record shown at the top of the view, and how far down the view it starts."""
    for point in TOP_PROBES:
        index: QModelIndex = view.indexAt(point)
        if index.isValid():
            return model.record_id(index.row()), view.visualRect(index).top()
    return None
