"""Undoable edits: each keeps the records' fields before and after, and puts them back."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from recordorg.core.catalogue.editing import RecordChange, apply_change
from recordorg.core.catalogue.snapshots import RecordState, restore, snapshot
from recordorg.core.understanding.record_understanding import reread_birthday_dated


class EditCommand(QUndoCommand):
    """An edit already applied; undo and redo restore the saved states (records' by
    default, or what `restore` puts back, e.g. case-review entries)."""

    def __init__(
        self,
        text: str,
        conn: sqlite3.Connection,
        before: list[RecordState],
        after: list[RecordState],
        changed: Callable[[list[int]], None],
        restore: Callable = restore,
    ) -> None:
        super().__init__(text)
        self._restore = restore
        self._conn = conn
        self._before = before
        self._after = after
        self._changed = changed
        self._first = True

    def redo(self) -> None:
        if self._first:  # the edit was made before the command was pushed
            self._first = False
            return
        self._changed(self._restore(self._conn, self._after))

    def undo(self) -> None:
        self._changed(self._restore(self._conn, self._before))


def edit_records(
    stack: QUndoStack,
    conn: sqlite3.Connection,
    record_ids: list[int],
    change: RecordChange,
    text: str,
    changed: Callable[[list[int]], None],
) -> None:
    """Apply a change (raising UserError if it is refused) and make it undoable."""
    before = snapshot(conn, record_ids)
    apply_change(conn, record_ids, change)
    if change.person:  # a record dated by its new person's birthday is read again
        reread_birthday_dated(conn, record_ids)
    after = snapshot(conn, record_ids)
    if before == after:
        return
    stack.push(EditCommand(text, conn, before, after, changed))
    changed(record_ids)


def describe_change(change: RecordChange, count: int) -> str:
    """Words for the Undo menu item, e.g. 'Undo Set category of 3 records'."""
    what = (
        "Rename"
        if change.title is not None
        else "Set category"
        if change.category is not None
        else "Set date"
        if change.clinical_date is not None
        else "Edit notes"
        if change.notes is not None
        else "Set person"
        if change.person is not None
        else "Add tag"
        if change.add_tags
        else "Remove tag"
        if change.remove_tags
        else "Edit"
    )
    return what if count == 1 else f"{what} of {count} records"
