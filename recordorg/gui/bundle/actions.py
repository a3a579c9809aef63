"""File ▸ Export Bundle… and File ▸ Open Bundle…: the bundle dialogs in the main window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from recordorg.bundle.archive import PassphraseNeeded, SafeZip, is_zip
from recordorg.core.catalogue.library import Library
from recordorg.core.errors import UserError
from recordorg.gui.errors import show_error
from recordorg.gui.icons import icon
from recordorg.gui.jobs import Job
from recordorg.gui.window.host import WindowHost

if TYPE_CHECKING:
    from recordorg.bundle.reader import OpenedBundle
    from recordorg.gui.bundle.view import BundleView

BUNDLE_FILES = (
    "Case-review bundles (*.zip MANIFEST.JSN MANIFEST.JSON INDEX.HTM README.TXT);;All files (*)"
)


class BundleActions(QObject):
    """Export a bundle of the open library, and open a bundle read-only in a tab."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        self.job: Job | None = None
        self.export_action = QAction(icon("export"), "&Export Bundle…", window)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setEnabled(False)
        self.export_action.triggered.connect(self.start_export)
        self.open_action = QAction(icon("bundle"), "Open &Bundle…", window)
        self.open_action.triggered.connect(self.choose)
        window.add_file_action(self.export_action)
        window.add_file_action(self.open_action)
        window.library_opened.connect(
            lambda library: self.export_action.setEnabled(library is not None)
        )

    def start_export(self) -> Job | None:
        """Ask what to export (the dialog), then export in the background."""
        from recordorg.gui.bundle.export_dialog import ExportDialog

        window = self.window
        if window.library is None:
            return None
        dialog = ExportDialog(window.library, window.selected_record_ids(), window)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return None
        try:
            plan = dialog.plan()
        except UserError as error:
            show_error(window, error)
            return None
        return self.run_export(plan, dialog.target())

    def run_export(self, plan, target: Path) -> Job:
        from recordorg.jobs.export import export_bundle

        root = self.window.library.root

        def make_export(cancel):
            library = Library(root)
            try:
                return (yield from export_bundle(library, plan, target, cancel=cancel))
            finally:
                library.close()

        return self._start("Exporting the bundle", make_export, self._exported)

    def _start(self, title: str, make_job, on_done) -> Job:
        """Run a bundle job in the background: its result to `on_done`, errors shown plainly."""
        window = self.window
        job = Job(window, title, make_job)
        job.finished.connect(on_done)
        job.failed.connect(
            lambda error, trace: show_error(
                window, error, details=trace if not isinstance(error, UserError) else None
            )
        )
        self.job = job
        return job.start()

    def _exported(self, report) -> None:
        if report.cancelled:
            self.window.status.setText("Export stopped; nothing was written.")
            return
        text = f"Exported {report.records} records ({report.files} files) to {report.target}."
        notes = list(report.warnings) + list(report.dicomdir_notes)
        if report.deidentified:
            notes.insert(0, f"The person is named {report.case_code} in the bundle.")
        box = QMessageBox(QMessageBox.Icon.Information, "Bundle exported", text, parent=self.window)
        box.setObjectName("exportDone")
        if notes:
            box.setInformativeText("\n\n".join(notes[:6]))
        open_button = box.addButton("Open It", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.exec()
        if box.clickedButton() is open_button:
            self.open(Path(report.target))

    def choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self.window,
            "Open a Case-Review Bundle (its zip, or any file in its folder)",
            "",
            BUNDLE_FILES,
        )
        if chosen:
            path = Path(chosen)
            self.open(path if is_zip(path) else path.parent)

    def open(self, path: Path) -> Job | None:
        """Verify a bundle in the background, then show it read-only in a tab."""
        from recordorg.bundle.reader import open_bundle_job

        try:
            go_on, passphrase = ask_passphrase(self.window, path)
        except UserError as error:
            show_error(self.window, error)
            return None
        if not go_on:
            return None

        def make_open(cancel):
            return (yield from open_bundle_job(path, passphrase, unpack=True, cancel=cancel))

        return self._start("Checking the bundle", make_open, self.show_opened)

    def show_opened(self, opened: OpenedBundle) -> BundleView:
        """Show an opened bundle read-only in a tab of its own."""
        from recordorg.gui.bundle.view import BundleView
        from recordorg.gui.window.tabs import add_closable_tab

        view = BundleView(opened)
        view.destroyed.connect(lambda *_: opened.close())
        subject = str(opened.about.get("subject", "bundle"))
        tabs = self.window.tabs
        index = add_closable_tab(tabs, view, icon("bundle"), f"Bundle: {subject}", str(opened.path))
        tabs.setCurrentIndex(index)
        return view


def ask_passphrase(parent: QWidget, path: Path) -> tuple[bool, str | None]:
    """(go on?, passphrase) for a zip: asked for only when it is encrypted."""
    if not is_zip(path):
        return True, None
    try:
        SafeZip(path).close()
        return True, None
    except PassphraseNeeded:
        text, ok = QInputDialog.getText(
            parent,
            "Encrypted bundle",
            f"{path.name} is encrypted. Its passphrase:",
            QLineEdit.EchoMode.Password,
        )
        return ok, text if ok else None
