"""The main window's libraries: open, switch, remember, and make the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from recordorg.core.catalogue.library import Library
from recordorg.core.errors import UserError
from recordorg.core.paths import demo_library_path
from recordorg.gui import settings
from recordorg.gui.errors import show_error
from recordorg.gui.icons import icon
from recordorg.gui.jobs import Job
from recordorg.gui.library.view import LibraryView


class LibrariesMixin:
    """Part of MainWindow: which library is open."""

    # -- libraries --------------------------------------------------------------------------
    def open_library(self, path: Path) -> bool:
        if self._busy("open another library"):
            return False
        try:
            library = Library.open(Path(path))
        except UserError as error:
            show_error(self, error)
            return False
        self._set_library(library)
        settings.remember_library(library.root)
        return True

    def _set_library(self, library: Library) -> None:
        self._close_record_tabs()
        self._save_view_state()
        if self.library_view is not None:
            self.library_view.details.commit_pending()
            self.library_host.removeWidget(self.library_view)
            self.library_view.thumbnails.clear()
            self.library_view.deleteLater()
        if self.library is not None:
            self.library.close()
        self.undo_stack.clear()
        self.library = library
        view = LibraryView(library, self.undo_stack)
        view.open_requested.connect(self.open_record)
        view.import_requested.connect(
            lambda kind: {
                "files": self.import_files,
                "folder": self.import_folder,
                "disc": self.import_disc,
            }[kind]()
        )
        view.demo_requested.connect(self.open_demo_library)
        view.selection_changed.connect(self._update_status)
        view.records_deleted.connect(self._close_tabs_of)
        view.records_changed.connect(self._retitle_tabs)
        view.view_mode_changed.connect(self._mode_changed)
        view.search_cleared_requested = lambda: self.search_field.clear()
        self.library_view = view
        self.library_host.addWidget(view)
        self.library_host.setCurrentWidget(view)
        state = settings.value("window/splitter")
        if state is not None:
            view.splitter.restoreState(state)
        view.set_view_mode(str(settings.value("window/mode", "grid")))
        self.sidebar_action.setChecked(True)
        self.details_action.setChecked(True)
        self.search_field.clear()
        name = library.root.name or str(library.root)
        self.setWindowTitle(f"{name} — recordorg")
        self.library_label.setText(str(library.root))
        self._set_library_actions_enabled(True)
        self._update_status()
        self.tabs.setCurrentIndex(0)
        self.library_opened.emit(library)

    def choose_library(self) -> None:
        start = str(self.library.root.parent if self.library else Path.home())
        folder = QFileDialog.getExistingDirectory(
            self, "Open or Create a Library (choose or make an empty folder)", start
        )
        if folder:
            self.open_library(Path(folder))

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = settings.recent_libraries()
        for path in recent:
            action = self.recent_menu.addAction(icon("library"), str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_library(p))
        if not recent:
            self.recent_menu.addAction("No recent libraries").setEnabled(False)

    def open_demo_library(self) -> None:
        """Open the demo library, making it (with a progress dialog) the first time."""
        if self._busy("open the demo library") or self.demo_job is not None:
            return
        path = demo_library_path()
        if _has_records(path):
            self.open_library(path)
            return
        from recordorg.jobs.demo import ensure_demo_library

        def make_demo(_cancel):
            library = yield from ensure_demo_library(path)
            library.close()
            return path

        self.waiting.title.setText("Preparing the demo library…")
        self.waiting.text.setText("")
        self.library_host.setCurrentWidget(self.waiting)
        self.demo_job = Job(
            self,
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
        self.open_library(path)

    def _demo_failed(self, error: BaseException, trace: str) -> None:
        self.demo_job = None
        self.waiting.title.setText("The demo library could not be made")
        self.waiting.text.setText("")
        show_error(self, error, details=trace)
        if self.library_view is not None:
            self.library_host.setCurrentWidget(self.library_view)


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
