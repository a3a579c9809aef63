"""Reading scans in the background after an import, with its progress in the status bar."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMessageBox

from recordorg.core.catalogue.library import Library
from recordorg.gui import settings
from recordorg.gui.jobs import Job
from recordorg.gui.window.host import WindowHost

START_DELAY_MS = 2000  # let the import summary show and the disk settle before reading
TOLD_KEY = "ocr/told_missing"
DONE_SHOWN_MS = 10_000  # how long "Read 3 pages of scans." stays in the status bar
WEB_ADDRESS = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)]")


def with_links(message: str) -> str:
    """The message as rich text in which web addresses (the installer's page) can be clicked."""
    linked = WEB_ADDRESS.sub(lambda m: f'<a href="{m[0]}">{m[0]}</a>', html.escape(message))
    return f"<p>{linked}</p>"  # a paragraph, so it is always shown as rich text


class ScanReader(QObject):
    """Starts the OCR job after each import (and from File ▸ Read Scans), never blocking."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        self.job: Job | None = None
        self.pending: list[int] | None = None
        self.label = QLabel()
        self.label.setObjectName("ocrStatus")
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(START_DELAY_MS)
        self.timer.timeout.connect(self._start_pending)
        self.fade = QTimer(self)
        self.fade.setSingleShot(True)
        self.fade.setInterval(DONE_SHOWN_MS)
        self.fade.timeout.connect(self.label.clear)
        self.action = QAction("Read Scans (OCR)", window)
        self.action.setStatusTip("Read the text of scans and photos that have none yet")
        self.action.triggered.connect(lambda: self.read(None))
        window.add_file_action(self.action)
        window.import_finished.connect(self._after_import)
        window.library_opened.connect(lambda _library: self.stop())
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.stop()  # before the window waits for its jobs to end
        return False

    def _after_import(self, report) -> None:
        if report.records:
            self.pending = sorted(set(self.pending or []) | set(report.records))
            self.timer.start()

    def _start_pending(self) -> None:
        ids, self.pending = self.pending, None
        if ids:
            self.read(ids)

    def read(self, record_ids: list[int] | None, *, again: bool = False) -> Job | None:
        """Read the pages without text of these records (None: of every record); with
        `again`, also the pages read before (after the languages changed)."""
        from recordorg.jobs.ocr import ocr_available, pages_to_read, read_scans

        library = self.window.library
        if library is None or self.job is not None:
            return None
        if not pages_to_read(library.connection(), record_ids, again=again):
            if record_ids is None:
                self.label.setText("Every scan has been read.")
            return None
        available, message = ocr_available()
        if not available:
            self._tell_missing(message)
            return None
        root = library.root

        def make(cancel):
            own = Library(root)  # its own connection, made on this thread
            try:
                return (yield from read_scans(own, record_ids, cancel=cancel, again=again))
            finally:
                own.close()

        self.job = Job(self.window, "Reading scans", make, show_dialog=False)
        self.job.progress.connect(self._progress)
        self.job.finished.connect(self._done)
        self.job.failed.connect(self._failed)
        self.action.setEnabled(False)
        return self.job.start()

    def stop(self) -> None:
        self.timer.stop()
        self.pending = None
        if self.job is not None:
            self.job.cancel()

    def _progress(self, step) -> None:
        self.fade.stop()
        if step.total:
            self.label.setText(f"Reading scans… {step.done:,} of {step.total:,} pages")

    def _ended(self) -> None:
        self.job = None
        self.action.setEnabled(True)
        if self.window.library_view is not None:
            self.window.library_view.reload_all()

    def _done(self, report) -> None:
        self._ended()
        text = f"Read {report.pages:,} page{'s' if report.pages != 1 else ''} of scans"
        if report.failed:
            text += f"; {len(report.failed)} could not be read"
        self.label.setText(text + ("." if not report.cancelled else " (stopped)."))
        self.fade.start()  # the news, not a state: it goes after a while

    def _failed(self, error: BaseException, trace: str) -> None:
        from recordorg.gui.errors import show_error

        self._ended()
        self.label.setText("")
        show_error(self.window, error, details=trace)

    def _tell_missing(self, message: str) -> None:
        """Say once (ever) with a message box, and then only in the status bar."""
        self.label.setText("Scans are not read: Tesseract OCR is not installed.")
        self.label.setToolTip(message)
        if settings.value(TOLD_KEY, False) in (True, "true"):
            return
        settings.set_value(TOLD_KEY, True)
        QMessageBox.information(self.window, "Scans cannot be read yet", with_links(message))
