"""The main window's imports: menus, drag and drop, the job and its summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.people import list_people
from recordorg.core.errors import UserError
from recordorg.gui import settings
from recordorg.gui.errors import show_error
from recordorg.gui.jobs import Job


class ImportMixin:
    """Part of MainWindow: bringing files in."""

    # -- importing --------------------------------------------------------------------------
    def _start_folder(self) -> str:
        return str(
            settings.value("import/folder", "")
            or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or Path.home()
        )

    def import_files(self) -> None:
        if self.library is None:
            return
        files, _chosen = QFileDialog.getOpenFileNames(
            self,
            "Import Files",
            self._start_folder(),
            "Records (*.pdf *.jpg *.jpeg *.png *.heic *.heif *.tif *.tiff *.webp *.dcm "
            "DICOMDIR);;All files (*)",
        )
        if files:
            settings.set_value("import/folder", str(Path(files[0]).parent))
            self.import_paths([Path(f) for f in files])

    def import_folder(self) -> None:
        if self.library is None:
            return
        folder = QFileDialog.getExistingDirectory(self, "Import a Folder", self._start_folder())
        if folder:
            settings.set_value("import/folder", str(Path(folder).parent))
            self.import_paths([Path(folder)])

    def import_disc(self) -> None:
        if self.library is None:
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
            self,
            "Import a CD or DVD (choose the disc, or the folder with its DICOMDIR)",
            str(start),
        )
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> Job | None:
        """Import in the background; a summary follows. Returns the running job."""
        if self.library is None or self._busy("start another import"):
            return None
        from recordorg.jobs.bundle_import import import_paths_and_bundles as import_paths

        root = self.library.root  # (bundles among the paths are imported as bundles: issue 6)
        person = self._person_for_import()
        passphrases = self._passphrases_for(paths)
        if passphrases is None:
            return None  # the person chose not to type a passphrase

        def make_import(cancel):
            library = Library(root)  # its own connection, made on this thread
            try:
                report = yield from import_paths(
                    library, paths, person=person, cancel=cancel, passphrases=passphrases
                )
            finally:
                library.close()
            return report

        count = len(paths)
        title = f"Importing {count} item{'s' if count != 1 else ''}"
        self.import_job = Job(self, title, make_import)
        self.import_job.finished.connect(self._import_done)
        self.import_job.failed.connect(self._import_failed)
        self.import_job.progress.connect(
            lambda step: self.status.setText(
                f"Importing… {step.done:,} of {step.total:,}"
                if step.total
                else step.message or "Importing…"
            )
        )
        for action in self.import_actions:
            action.setEnabled(False)
        self.import_button.setEnabled(False)
        return self.import_job.start()

    def _passphrases_for(self, paths: list[Path]) -> dict[Path, str | None] | None:
        """The passphrase of each encrypted zip bundle among the paths, asked for as Open
        Bundle asks; None if the person cancels or a zip is refused."""
        from recordorg.bundle.source import looks_like_bundle
        from recordorg.gui.bundle.actions import ask_passphrase

        passphrases: dict[Path, str | None] = {}
        for path in (p for p in paths if looks_like_bundle(p)):
            try:
                go_on, passphrases[path] = ask_passphrase(self, path)
            except UserError as error:
                show_error(self, error)
                return None
            if not go_on:
                return None
        return passphrases

    def _person_for_import(self) -> str | None:
        """Whose records these are: the person narrowed to, or the library's only person."""
        view = self.library_view
        if view is not None and view.sidebar.active.get("person"):
            return view.sidebar.active["person"]
        people = list_people(self.library.connection()) if self.library else []
        return people[0]["name"] if len(people) == 1 else None

    def _import_ended(self) -> None:
        self.import_job = None
        for action in self.import_actions:
            action.setEnabled(self.library is not None)
        self.import_button.setEnabled(self.library is not None)
        if self.library_view is not None:
            self.library_view.reload_all()
        self._update_status()

    def _import_done(self, report) -> None:
        from recordorg.gui.window.import_summary import ImportSummaryDialog

        self._import_ended()
        if self.library_view is not None and report.records:
            self.library_view.select_ids(report.records)

        def summarise() -> None:  # on the next turn, so the new records paint first
            self.last_summary = ImportSummaryDialog(report, self)
            self.last_summary.open()
            self.import_finished.emit(report)

        QTimer.singleShot(0, summarise)

    def _import_failed(self, error: BaseException, trace: str) -> None:
        self._import_ended()
        show_error(self, error, details=trace)

    def _busy(self, what: str) -> bool:
        if self.import_job is None:
            return False
        QMessageBox.information(
            self, "An import is running", f"Wait for the import to finish (or cancel it) to {what}."
        )
        return True

    # -- drag and drop ----------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if urls and all(u.isLocalFile() for u in urls) and self.library is not None:
            event.acceptProposedAction()
            self.drop_overlay.cover()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        self.drop_overlay.hide()

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_overlay.hide()
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)
