"""Bringing files in: the import menus, drag and drop, the job and its summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.people import list_people
from recordorg.core.errors import UserError
from recordorg.gui import settings
from recordorg.gui.errors import show_error
from recordorg.gui.jobs import Job
from recordorg.gui.window.host import WindowHost
from recordorg.gui.window.import_arrivals import ArrivingRecords
from recordorg.gui.window.import_patients import stopped_for_patients
from recordorg.gui.window.import_progress import ImportProgress, import_title

RECORD_FILES = (
    "Records (*.pdf *.jpg *.jpeg *.png *.heic *.heif *.tif *.tiff *.webp *.dcm "
    "DICOMDIR);;All files (*)"
)


def dropped_paths(data: QMimeData) -> list[Path]:
    """The local files and folders dropped (nothing if any of them is not local)."""
    urls = data.urls() if data.hasUrls() else []
    if not urls or not all(u.isLocalFile() for u in urls):
        return []
    return [Path(u.toLocalFile()) for u in urls]


class Imports(QObject):
    """Imports into the open library, one at a time, in the background."""

    running = Signal(bool)  # an import started (True) or ended (False)

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        self.job: Job | None = None
        self.last_summary: QDialog | None = None
        self._request: tuple[list[Path], dict[Path, str | None]] | None = None  # the last run
        self._stopped_request: tuple[list[Path], dict[Path, str | None]] | None = None
        self.arrivals = ArrivingRecords(window)  # new records shown while the import runs

    # -- choosing what to import ------------------------------------------------------------
    def _start_folder(self) -> str:
        return settings.start_folder("import/folder")

    def choose_files(self) -> None:
        if self.window.library is None:
            return
        files, _chosen = QFileDialog.getOpenFileNames(
            self.window, "Import Files", self._start_folder(), RECORD_FILES
        )
        if files:
            settings.set_value("import/folder", str(Path(files[0]).parent))
            self.start([Path(f) for f in files])

    def choose_folder(self) -> None:
        if self.window.library is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self.window, "Import a Folder", self._start_folder()
        )
        if folder:
            settings.set_value("import/folder", str(Path(folder).parent))
            self.start([Path(folder)])

    def choose_disc(self) -> None:
        if self.window.library is None:
            return
        start = next(
            (
                p
                for p in (Path("/media"), Path(f"/run/media/{Path.home().name}"), Path("/Volumes"))
                if p.is_dir()
            ),
            Path(self._start_folder()),
        )
        folder = QFileDialog.getExistingDirectory(
            self.window,
            "Import a CD or DVD (choose the disc, or the folder with its DICOMDIR)",
            str(start),
        )
        if folder:
            self.start([Path(folder)])

    # -- the import -------------------------------------------------------------------------
    def start(self, paths: list[Path]) -> Job | None:
        """Import in the background; a summary follows. Returns the running job."""
        library = self.window.library
        if library is None or self.busy("start another import"):
            return None
        passphrases = self._passphrases_for(paths)
        if passphrases is None:
            return None  # the person chose not to type a passphrase
        return self._run(paths, self._person_for_import(), passphrases)

    def file_by_patient(self) -> Job | None:
        """The import that stopped for several patients, again with no person named: each
        patient is filed under their own person (as the command line does without
        --person). Nothing was imported the first time, so each file comes in once."""
        request, self._stopped_request = self._stopped_request, None
        if request is None or self.window.library is None or self.busy("import again"):
            return None
        paths, passphrases = request
        return self._run(paths, None, passphrases)

    def _run(
        self, paths: list[Path], person: str | None, passphrases: dict[Path, str | None]
    ) -> Job:
        from recordorg.jobs.bundle_import import import_paths_and_bundles as import_paths

        root = self.window.library.root  # bundles among the paths are imported as bundles
        self._request = (paths, passphrases)

        def make_import(cancel):
            own = Library(root)  # its own connection, made on this thread
            try:
                report = yield from import_paths(
                    own, paths, person=person, cancel=cancel, passphrases=passphrases
                )
            finally:
                own.close()
            return report

        title = import_title(paths)
        self.job = Job(self.window, title, make_import, view=lambda: self._progress_view(title))
        self.job.finished.connect(self._done)
        self.job.failed.connect(self._failed)
        self.running.emit(True)
        self.arrivals.start()
        return self.job.start()

    def _progress_view(self, title: str) -> ImportProgress:
        """The import's progress under the records, so the window stays in use."""
        view = ImportProgress(title, self.window.job_area)
        self.window.job_area.layout().addWidget(view)
        return view

    def _passphrases_for(self, paths: list[Path]) -> dict[Path, str | None] | None:
        """The passphrase of each encrypted zip bundle among the paths, asked for as Open
        Bundle asks; None if the person cancels or a zip is refused."""
        from recordorg.bundle.source import looks_like_bundle
        from recordorg.gui.bundle.actions import ask_passphrase

        passphrases: dict[Path, str | None] = {}
        for path in (p for p in paths if looks_like_bundle(p)):
            try:
                go_on, passphrases[path] = ask_passphrase(self.window, path)
            except UserError as error:
                show_error(self.window, error)
                return None
            if not go_on:
                return None
        return passphrases

    def _person_for_import(self) -> str | None:
        """Whose records these are: the person narrowed to, or the library's only person."""
        view, library = self.window.library_view, self.window.library
        if view is not None and view.sidebar.active.get("person"):
            return view.sidebar.active["person"]
        people = list_people(library.connection()) if library else []
        return people[0]["name"] if len(people) == 1 else None

    def _ended(self) -> None:
        self.job = None
        self.arrivals.stop()
        if self.window.library_view is not None:
            self.window.library_view.reload_all()
        self.running.emit(False)

    def _done(self, report, file_by_patient=None) -> None:
        from recordorg.gui.window.import_summary import ImportSummaryDialog

        self._ended()
        view = self.window.library_view
        if view is not None and report.records:
            view.select_ids(report.records)

        def summarise() -> None:  # on the next turn, so the new records paint first
            self.last_summary = ImportSummaryDialog(report, self.window, file_by_patient)
            self.last_summary.open()
            self.window.import_finished.emit(report)

        QTimer.singleShot(0, summarise)

    def _failed(self, error: BaseException, trace: str) -> None:
        from recordorg.jobs.patients import SeveralPatients

        if isinstance(error, SeveralPatients):  # the summary asks, and offers the way on
            self._stopped_request = self._request
            self._done(stopped_for_patients(error), self.file_by_patient)
            return
        self._ended()
        show_error(self.window, error, details=trace)

    def busy(self, what: str) -> bool:
        """True (after saying so) while an import runs: it must end before `what`."""
        if self.job is None:
            return False
        QMessageBox.information(
            self.window,
            "An import is running",
            f"Wait for the import to finish (or cancel it) to {what}.",
        )
        return True
