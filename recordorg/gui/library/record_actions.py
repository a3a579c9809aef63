"""Things done to records from menus: delete (after asking), save a copy, open elsewhere."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from recordorg.core.catalogue import editing
from recordorg.core.catalogue.categories import list_categories
from recordorg.core.catalogue.editing import RecordChange
from recordorg.core.catalogue.library import Library, remove_stored
from recordorg.core.catalogue.people import list_people
from recordorg.core.catalogue.records import Record
from recordorg.core.file_names import path_within_limit, portable_name
from recordorg.gui.errors import show_error
from recordorg.gui.icons import icon

_OPENED = Path(tempfile.gettempdir()) / "recordorg-opened"


def confirm_delete(parent: QWidget | None, records: list[Record]) -> bool:
    """Ask before deleting; Cancel is the default button."""
    if len(records) == 1:
        text = f"Delete “{records[0].title or records[0].original_name}”?"
    else:
        text = f"Delete these {len(records)} records?"
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Delete records",
        text,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setInformativeText(
        "They are removed from this library together with the copies of their files that "
        "the library keeps. Files elsewhere on your computer are not touched. "
        "This cannot be undone."
    )
    delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is delete


def delete_records(library: Library, record_ids: list[int]) -> None:
    """Remove records and the stored files no other record uses (raises LibraryBusy)."""
    conn = library.connection()
    with library.writer_lock():
        unused = editing.delete_records(conn, record_ids)
        for sha in unused:
            remove_stored(library.original_path(sha))
        for record_id in record_ids:
            library.thumbnail_path(record_id).unlink(missing_ok=True)


def save_copy(parent: QWidget | None, library: Library, record: Record) -> Path | None:
    """Save the original file where the user chooses, under its original name."""
    if not record.sha256:
        return None
    name = record.original_name or f"record-{record.id}"
    return save_file_copy(parent, library.original_path(record.sha256), name)


def save_file_copy(parent: QWidget | None, source: Path, name: str) -> Path | None:
    """Copy a file where the user chooses (from a library or an opened bundle)."""
    suggested = str(Path.home() / portable_name(name))
    target, _filter = QFileDialog.getSaveFileName(parent, "Save a Copy", suggested)
    if not target:
        return None
    try:
        shutil.copyfile(source, target)
    except OSError as error:
        show_error(parent, error)
        return None
    return Path(target)


def open_elsewhere(library: Library, record: Record) -> bool:
    """Open a copy of the original (never the stored file itself) in the system's app."""
    if not record.sha256:
        return False
    name = record.original_name or f"record-{record.id}"
    return open_file_copy(library.original_path(record.sha256), str(record.id), name)


def open_file_copy(source: Path, key: str, name: str) -> bool:
    """Open a copy of a file in the system's application for it; the copy is made once."""
    folder = _OPENED / key
    folder.mkdir(parents=True, exist_ok=True)
    copy = path_within_limit(folder, name)
    if not copy.exists():
        shutil.copyfile(source, copy)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))


class RecordCommands(Protocol):
    """What the records' menu asks of the view it opens over (the library view)."""

    conn: sqlite3.Connection

    def selected_ids(self) -> list[int]: ...
    def open_selected(self) -> None: ...
    def rename_selected(self) -> None: ...
    def apply_change(self, record_ids: list[int], change: RecordChange) -> bool: ...
    def save_copy(self, record_id: int) -> None: ...
    def delete_selected(self) -> None: ...


def context_menu(view: RecordCommands, parent: QWidget) -> QMenu:
    """Open, rename, set category, move to person, save a copy, delete."""
    ids = view.selected_ids()
    conn = view.conn
    menu = QMenu(parent)
    menu.addAction(icon("open-external"), "Open", view.open_selected)
    rename = menu.addAction(icon("pencil"), "Rename", view.rename_selected)
    rename.setEnabled(len(ids) == 1)
    categories = menu.addMenu(icon("category"), "Set Category")
    for c in list_categories(conn):
        action = QAction(c["name"], categories)
        action.triggered.connect(
            lambda _c=False, slug=c["slug"]: view.apply_change(ids, RecordChange(category=slug))
        )
        categories.addAction(action)
    people = menu.addMenu(icon("person"), "Move to Person")
    for p in list_people(conn):
        action = QAction(p["name"], people)
        action.triggered.connect(
            lambda _c=False, name=p["name"]: view.apply_change(ids, RecordChange(person=name))
        )
        people.addAction(action)
    if len(ids) == 1:
        menu.addAction(icon("save"), "Save a Copy…", lambda: view.save_copy(ids[0]))
    menu.addSeparator()
    menu.addAction(icon("trash"), "Delete…", view.delete_selected)
    return menu
