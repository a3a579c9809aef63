"""Edit ▸ Library Settings…: the dialog, then reading the records (or the scans) again
when what they depend on changed."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.settings import OCR_LANGUAGES
from recordorg.gui.errors import show_error
from recordorg.gui.icons import icon
from recordorg.gui.jobs import Job
from recordorg.gui.understanding.library_settings import LibrarySettingsDialog
from recordorg.gui.understanding.scan_reader import ScanReader
from recordorg.gui.understanding.suggestions_panel import RecordSuggestions
from recordorg.gui.window.host import WindowHost

SECONDS_A_PAGE = 2.5  # reading one scanned page, about (benchmarks/bench_ocr.py)


class LibrarySettingsAction(QObject):
    """Edit ▸ Library Settings…; after a change, the suggestions shown are read again, and
    so are every record (new order of day and month, or filing confidence) or the scans
    read before (new languages), in the background."""

    def __init__(
        self, window: WindowHost, suggestions: RecordSuggestions, scans: ScanReader
    ) -> None:
        super().__init__(window)
        self.window = window
        self.suggestions = suggestions
        self.scans = scans
        self.dialog: LibrarySettingsDialog | None = None
        self.read_again_job: Job | None = None
        self.action = QAction(icon("library"), "Library &Settings…", window)
        self.action.setShortcut(QKeySequence("Ctrl+,"))
        self.action.setMenuRole(QAction.MenuRole.NoRole)
        self.action.setStatusTip("How this library reads dates, sets categories and reads scans")
        self.action.triggered.connect(self.show_dialog)
        window.add_edit_action(self.action)

    def show_dialog(self) -> LibrarySettingsDialog | None:
        library = self.window.library
        if library is None:
            return None
        dialog = LibrarySettingsDialog(library.connection(), self.window)
        dialog.accepted.connect(self.suggestions.refresh)
        dialog.accepted.connect(lambda: self.read_again_if_needed(dialog.changed))
        dialog.accepted.connect(lambda: self.offer_scans_again(dialog.changed))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def read_again_if_needed(self, changed: set[str]) -> Job | None:
        """After the order of day and month or the filing confidence changed, every record
        is read again in the background (what a person set is kept), and the lists
        refreshed."""
        from recordorg.jobs.understand import READ_AGAIN_AFTER, read_again

        library = self.window.library
        if library is None or not changed & set(READ_AGAIN_AFTER):
            return None
        root = library.root

        def make(cancel):
            own = Library(root)  # its own connection, made on this thread
            try:
                return (yield from read_again(own.connection(), cancel=cancel))
            finally:
                own.close()

        job = Job(self.window, "Reading the records again", make)
        job.finished.connect(self._read_again_done)
        job.failed.connect(lambda error, trace: show_error(self.window, error, details=trace))
        self.read_again_job = job
        return job.start()

    def _read_again_done(self, report) -> None:
        if self.window.library_view is not None:
            self.window.library_view.reload_all()
        self.suggestions.refresh()
        records = f"{report.records:,} record{'s' if report.records != 1 else ''}"
        self.window.status.setText(
            f"Read {records} again with the new settings: {report.dates_changed:,} "
            f"date{'s' if report.dates_changed != 1 else ''} and "
            f"{report.categories_changed:,} "
            f"categor{'y' if report.categories_changed == 1 else 'ies'} changed "
            "(what you set yourself is kept)."
        )

    def offer_scans_again(self, changed: set[str]) -> Job | None:
        """New languages for reading scans: offer to read the scans read before again."""
        from recordorg.jobs.ocr import pages_to_read

        library = self.window.library
        if library is None or OCR_LANGUAGES.key not in changed:
            return None
        conn = library.connection()
        read_before = len(pages_to_read(conn, None, again=True)) - len(pages_to_read(conn, None))
        if not read_before:
            return None
        minutes = max(1, round(read_before * SECONDS_A_PAGE / 60))
        answer = QMessageBox.question(
            self.window,
            "Read the scans again?",
            f"{read_before:,} scanned page{'s were' if read_before != 1 else ' was'} read "
            f"with the languages chosen before. Read {'them' if read_before != 1 else 'it'} "
            "again with the new ones? It takes about "
            f"{minutes} minute{'s' if minutes != 1 else ''}, and you can go on working "
            "meanwhile.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self.scans.read(None, again=True)
