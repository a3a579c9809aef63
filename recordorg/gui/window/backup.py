"""File ▸ Back Up…: the open library backed up in the background, the date of the last
backup in the menu item, and a quiet reminder after imports that came in since."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from recordorg.core.catalogue.backups import backup_due, last_backup
from recordorg.core.catalogue.library import Library
from recordorg.core.errors import UserError
from recordorg.core.wording import short_date
from recordorg.gui import settings
from recordorg.gui.errors import show_error
from recordorg.gui.jobs import Job
from recordorg.gui.window.host import WindowHost

REMINDER_MS = 20_000  # how long the reminder stays in the status bar
EXPLANATION = (
    "Only records new since the last backup are copied; every copy is read back and checked. "
    "You can go on working meanwhile."
)


def local_day(iso: str) -> str:
    """The day (on this computer's clock) of a time stored in UTC, as lists show dates."""
    return short_date(datetime.fromisoformat(iso).astimezone().date().isoformat())


class BackupActions(QObject):
    """Backs the open library up to a folder or drive the person chooses."""

    def __init__(self, window: WindowHost, action: QAction) -> None:
        super().__init__(window)
        self.window = window
        self.action = action
        self.job: Job | None = None
        action.triggered.connect(self.choose)
        window.library_opened.connect(lambda _library: self.show_last_backup())
        window.import_finished.connect(self.remind)

    def choose(self) -> None:
        if self.window.library is None:
            return
        start = settings.start_folder("backup/folder")
        folder = QFileDialog.getExistingDirectory(
            self.window, "Back Up the Library to a Folder or Drive", start
        )
        if folder:
            settings.set_value("backup/folder", folder)
            self.start(Path(folder))

    def start(self, destination: Path) -> Job | None:
        """Back up in the background; the status bar says how it went."""
        from recordorg.jobs.backup import back_up

        if self.window.library is None or (self.job is not None and self.job.running):
            return None
        root = self.window.library.root

        def make_backup(cancel):
            own = Library(root)  # its own connection, made on the job's thread
            try:
                return (yield from back_up(own, destination, cancel=cancel))
            finally:
                own.close()

        self.job = Job(self.window, "Backing up the library", make_backup, explanation=EXPLANATION)
        self.job.finished.connect(self._done)
        self.job.failed.connect(self._failed)
        self.action.setEnabled(False)
        self.window.status.setText("Backing up…")
        return self.job.start()

    def _done(self, report) -> None:
        self.action.setEnabled(self.window.library is not None)
        if report.cancelled:
            self.window.status.setText("Backup stopped; the backup there is as it was.")
            return
        done = (
            f"Backed up {report.records:,} records to {report.destination} "
            f"({report.copied:,} new files copied, every file checked)."
        )
        self.window.status.setText(" ".join([done, *report.notes]))
        self.show_last_backup()

    def _failed(self, error: BaseException, trace: str) -> None:
        self.action.setEnabled(self.window.library is not None)
        self.window.status.setText("The backup did not finish.")
        show_error(self.window, error, details=None if isinstance(error, UserError) else trace)

    def show_last_backup(self) -> None:
        """Say in the menu item when the library was last backed up."""
        library = self.window.library
        last = last_backup(library.connection()) if library is not None else None
        when = f"last {local_day(last)}" if last else "never backed up"
        self.action.setText(f"&Back Up… ({when})" if library is not None else "&Back Up…")
        self.action.setStatusTip(
            f"Copy the library to another drive ({when}); only new records are copied."
        )

    def remind(self, report) -> None:
        """After an import of new records, say so gently when they are not backed up yet."""
        library = self.window.library
        if library is None or not report.imported or not backup_due(library.connection()):
            return
        last = last_backup(library.connection())
        since = f"since the last backup ({local_day(last)})" if last else "and none is backed up"
        self.window.statusBar().showMessage(
            f"New records {since}: File ▸ Back Up… keeps a copy on another drive.", REMINDER_MS
        )
