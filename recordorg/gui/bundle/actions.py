"""File ▸ Export Bundle… and File ▸ Open Bundle…: the bundle dialogs in the main window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

from recordorg.bundle.archive import PassphraseNeeded, SafeZip, is_zip
from recordorg.core.catalogue.library import Library
from recordorg.core.errors import UserError
from recordorg.gui.errors import show_error
from recordorg.gui.icons import icon
from recordorg.gui.jobs import Job

if TYPE_CHECKING:
    from recordorg.bundle.reader import OpenedBundle
    from recordorg.gui.bundle.view import BundleView
    from recordorg.gui.window.main_window import MainWindow

BUNDLE_FILES = "Case-review bundles (*.zip MANIFEST.JSON INDEX.HTM README.TXT);;All files (*)"


def install_bundles(window: MainWindow) -> tuple[QAction, QAction]:
    """Add Export Bundle… and Open Bundle… to the File menu."""
    export = QAction(icon("export"), "&Export Bundle…", window)
    export.setShortcut(QKeySequence("Ctrl+E"))
    export.setEnabled(False)
    export.triggered.connect(lambda: start_export(window))
    opening = QAction(icon("bundle"), "Open &Bundle…", window)
    opening.triggered.connect(lambda: choose_bundle(window))
    window.add_file_action(export)
    window.add_file_action(opening)
    window.library_opened.connect(lambda library: export.setEnabled(library is not None))
    window.export_bundle_action, window.open_bundle_action = export, opening
    window.bundle_job = None
    return export, opening


def start_export(window: MainWindow) -> Job | None:
    """Ask what to export (the dialog), then export in the background."""
    from recordorg.gui.bundle.export_dialog import ExportDialog

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
    return run_export(window, plan, dialog.target())


def run_export(window: MainWindow, plan, target: Path) -> Job:
    from recordorg.jobs.export import export_bundle

    root = window.library.root

    def make_export(cancel):
        library = Library(root)
        try:
            return (yield from export_bundle(library, plan, target, cancel=cancel))
        finally:
            library.close()

    return _start(
        window, "Exporting the bundle", make_export, lambda report: _exported(window, report)
    )


def _start(window: MainWindow, title: str, make_job, on_done) -> Job:
    """Run a bundle job in the background: its result to `on_done`, errors shown plainly."""
    job = Job(window, title, make_job)
    job.finished.connect(on_done)
    job.failed.connect(
        lambda error, trace: show_error(
            window, error, details=trace if not isinstance(error, UserError) else None
        )
    )
    window.bundle_job = job
    return job.start()


def _exported(window: MainWindow, report) -> None:
    if report.cancelled:
        window.status.setText("Export stopped; nothing was written.")
        return
    text = f"Exported {report.records} records ({report.files} files) to {report.target}."
    notes = list(report.warnings) + list(report.dicomdir_notes)
    if report.deidentified:
        notes.insert(0, f"The person is named {report.case_code} in the bundle.")
    box = QMessageBox(QMessageBox.Icon.Information, "Bundle exported", text, parent=window)
    box.setObjectName("exportDone")
    if notes:
        box.setInformativeText("\n\n".join(notes[:6]))
    open_button = box.addButton("Open It", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    if box.clickedButton() is open_button:
        open_bundle(window, Path(report.target))


def choose_bundle(window: MainWindow) -> None:
    chosen, _ = QFileDialog.getOpenFileName(
        window, "Open a Case-Review Bundle (its zip, or any file in its folder)", "", BUNDLE_FILES
    )
    if chosen:
        path = Path(chosen)
        open_bundle(window, path if is_zip(path) else path.parent)


def ask_passphrase(window: MainWindow, path: Path) -> tuple[bool, str | None]:
    """(go on?, passphrase) for a zip: asked for only when it is encrypted."""
    if not is_zip(path):
        return True, None
    try:
        SafeZip(path).close()
        return True, None
    except PassphraseNeeded:
        text, ok = QInputDialog.getText(
            window,
            "Encrypted bundle",
            f"{path.name} is encrypted. Its passphrase:",
            QLineEdit.EchoMode.Password,
        )
        return ok, text if ok else None


def open_bundle(window: MainWindow, path: Path) -> Job | None:
    """Verify a bundle in the background, then show it read-only in a tab."""
    from recordorg.bundle.reader import open_bundle_job

    try:
        go_on, passphrase = ask_passphrase(window, path)
    except UserError as error:
        show_error(window, error)
        return None
    if not go_on:
        return None

    def make_open(cancel):
        return (yield from open_bundle_job(path, passphrase, unpack=True, cancel=cancel))

    return _start(
        window, "Checking the bundle", make_open, lambda opened: show_bundle(window, opened)
    )


def show_bundle(window: MainWindow, opened: OpenedBundle) -> BundleView:
    from recordorg.gui.bundle.view import BundleView

    view = BundleView(opened)
    view.destroyed.connect(lambda *_: opened.close())
    subject = str(opened.about.get("subject", "bundle"))
    index = window.tabs.addTab(view, icon("bundle"), f"Bundle: {subject}"[:30])
    window.tabs.setTabToolTip(index, str(opened.path))
    window.tabs.setCurrentIndex(index)
    return view
