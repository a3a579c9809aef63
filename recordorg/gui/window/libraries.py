"""Which library the window shows: open, switch, remember, and make the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMenu

from recordorg.core.catalogue.library import Library
from recordorg.core.errors import UserError
from recordorg.core.paths import demo_library_path
from recordorg.gui import settings
from recordorg.gui.errors import show_error
from recordorg.gui.icons import icon
from recordorg.gui.jobs import Job
from recordorg.gui.window.host import WindowHost
from recordorg.gui.window.imports import Imports


class Libraries(QObject):
    """Opens libraries (chosen, recent, or the demo) and has the window show them."""

    def __init__(self, window: WindowHost, imports: Imports) -> None:
        super().__init__(window)
        self.window = window
        self.imports = imports
        self.demo_job: Job | None = None

    def open(self, path: Path) -> bool:
        """Open (or create) the library at this folder and show it; False if it cannot."""
        if self.imports.busy("open another library"):
            return False
        try:
            library = Library.open(Path(path))
        except UserError as error:
            show_error(self.window, error)
            return False
        self.window.show_library(library)
        settings.remember_library(library.root)
        return True

    def choose(self) -> None:
        library = self.window.library
        start = str(library.root.parent if library else Path.home())
        folder = QFileDialog.getExistingDirectory(
            self.window, "Open or Create a Library (choose or make an empty folder)", start
        )
        if folder:
            self.open(Path(folder))

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        recent = settings.recent_libraries()
        for path in recent:
            action = menu.addAction(icon("library"), str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open(p))
        if not recent:
            menu.addAction("No recent libraries").setEnabled(False)

    def open_demo(self) -> None:
        """Open the demo library, making it (with a progress dialog) the first time."""
        if self.imports.busy("open the demo library") or self.demo_job is not None:
            return
        path = demo_library_path()
        if _has_records(path):
            self.open(path)
            return
        from recordorg.jobs.demo import ensure_demo_library

        def make_demo(_cancel):
            library = yield from ensure_demo_library(path)
            library.close()
            return path

        waiting = self.window.waiting
        waiting.title.setText("Preparing the demo library…")
        waiting.text.setText("")
        self.window.library_host.setCurrentWidget(waiting)
        self.demo_job = Job(
            self.window,
            "Preparing the demo library",
            make_demo,
            cancellable=False,
            explanation="Making one fictional person's records: reports, "
            "letters, photos of letters and two scans. This happens only once.",
        )
        self.demo_job.finished.connect(self._demo_ready)
        self.demo_job.failed.connect(self._demo_failed)
        self.demo_job.start()

    def _demo_ready(self, path: Path) -> None:
        self.demo_job = None
        self.open(path)

    def _demo_failed(self, error: BaseException, trace: str) -> None:
        self.demo_job = None
        self.window.waiting.title.setText("The demo library could not be made")
        self.window.waiting.text.setText("")
        show_error(self.window, error, details=trace)
        if self.window.library_view is not None:
            self.window.library_host.setCurrentWidget(self.window.library_view)


def _has_records(path: Path) -> bool:
    from recordorg.core.catalogue.database import CATALOGUE_NAME, connect

    catalogue = path / CATALOGUE_NAME
    if not catalogue.exists():
        return False
    try:
        conn = connect(catalogue, read_only=True)
        try:
            return bool(conn.execute("SELECT count(*) FROM records").fetchone()[0])
        finally:
            conn.close()
    except Exception:
        return False
