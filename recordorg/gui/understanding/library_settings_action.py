"""Putting the record suggestions and Library Settings into the main window (issue 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from recordorg.gui.icons import icon
from recordorg.gui.understanding.library_settings import LibrarySettingsDialog
from recordorg.gui.understanding.suggestions_panel import RecordSuggestions

if TYPE_CHECKING:
    from recordorg.gui.jobs import Job
    from recordorg.gui.window.main_window import MainWindow


def install_understanding(window: MainWindow) -> RecordSuggestions:
    """Suggestions in the details of the selected record, and Edit ▸ Library Settings…"""
    suggestions = RecordSuggestions(window)
    action = QAction(icon("library"), "Library &Settings…", window)
    action.setShortcut(QKeySequence("Ctrl+,"))
    action.setMenuRole(QAction.MenuRole.NoRole)
    action.setStatusTip("How this library reads dates, sets categories and reads scans")
    action.setEnabled(window.library is not None)

    def show_settings() -> LibrarySettingsDialog | None:
        if window.library is None:
            return None
        dialog = LibrarySettingsDialog(window.library.connection(), window)
        dialog.accepted.connect(suggestions.refresh)
        dialog.accepted.connect(lambda: _read_again_if_needed(window, dialog.changed))
        dialog.accepted.connect(lambda: _offer_ocr_again(window, dialog.changed))
        dialog.finished.connect(dialog.deleteLater)
        window.library_settings_dialog = dialog
        dialog.open()
        return dialog

    action.triggered.connect(show_settings)
    window.edit_menu.addSeparator()
    window.edit_menu.addAction(action)
    window.library_actions.append(action)
    window.library_settings_action = action
    window.show_library_settings = show_settings
    window.suggestions = suggestions
    return suggestions


def _read_again_if_needed(window: MainWindow, changed: set[str]) -> Job | None:
    """After the order of day and month or the filing confidence changed, every record is
    read again in the background (what a person set is kept), and the lists refreshed."""
    from recordorg.core.catalogue.library import Library
    from recordorg.gui.jobs import Job
    from recordorg.jobs.understand import READ_AGAIN_AFTER, read_again

    if window.library is None or not changed & set(READ_AGAIN_AFTER):
        return None
    root = window.library.root

    def make(cancel):
        own = Library(root)  # its own connection, made on this thread
        try:
            return (yield from read_again(own.connection(), cancel=cancel))
        finally:
            own.close()

    def done(report) -> None:
        if window.library_view is not None:
            window.library_view.reload_all()
        window.suggestions.refresh()
        records = f"{report.records:,} record{'s' if report.records != 1 else ''}"
        window.status.setText(
            f"Read {records} again with the new settings: {report.dates_changed:,} "
            f"date{'s' if report.dates_changed != 1 else ''} and "
            f"{report.categories_changed:,} "
            f"categor{'y' if report.categories_changed == 1 else 'ies'} changed "
            "(what you set yourself is kept)."
        )

    job = Job(window, "Reading the records again", make)
    job.finished.connect(done)
    job.failed.connect(lambda error, trace: _failed(window, error, trace))
    window.read_again_job = job
    return job.start()


def _failed(window: MainWindow, error: BaseException, trace: str) -> None:
    from recordorg.gui.errors import show_error

    show_error(window, error, details=trace)


SECONDS_A_PAGE = 2.5  # reading one scanned page, about (benchmarks/bench_ocr.py)


def _offer_ocr_again(window: MainWindow, changed: set[str]) -> Job | None:
    """New languages for reading scans: offer to read the scans read before again."""
    from PySide6.QtWidgets import QMessageBox

    from recordorg.core.catalogue.settings import OCR_LANGUAGES
    from recordorg.jobs.ocr import pages_to_read

    if window.library is None or OCR_LANGUAGES.key not in changed:
        return None
    conn = window.library.connection()
    read_before = len(pages_to_read(conn, None, again=True)) - len(pages_to_read(conn, None))
    if not read_before:
        return None
    minutes = max(1, round(read_before * SECONDS_A_PAGE / 60))
    answer = QMessageBox.question(
        window,
        "Read the scans again?",
        f"{read_before:,} scanned page{'s were' if read_before != 1 else ' was'} read with "
        f"the languages chosen before. Read {'them' if read_before != 1 else 'it'} again "
        "with the new ones? It takes about "
        f"{minutes} minute{'s' if minutes != 1 else ''}, and you can go on working meanwhile.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    return window.scan_reader.read(None, again=True)
