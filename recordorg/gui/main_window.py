"""The main window: the library tab and record tabs, menus, import, and drag and drop."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QIcon, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QWidget,
)

from recordorg.core.errors import UserError
from recordorg.core.library import Library
from recordorg.core.paths import demo_library_path
from recordorg.core.people import list_people
from recordorg.core.records import get_record
from recordorg.gui import settings
from recordorg.gui.drop_overlay import DropOverlay
from recordorg.gui.empty_state import EmptyState
from recordorg.gui.errors import show_error
from recordorg.gui.icons import app_icon, icon, kind_icon
from recordorg.gui.jobs import Job, job_pool
from recordorg.gui.library_view import LibraryView
from recordorg.gui.main_menus import build_actions, build_menus, build_toolbar

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Extend it with add_view(name, widget) for whole views (case review, timeline) and
    add_file_action(action) for File menu items (export or open a bundle); listen to
    library_opened to learn which library is open."""

    library_opened = Signal(object)  # Library
    import_finished = Signal(object)  # ImportReport

    def __init__(self) -> None:
        super().__init__()
        self.setWindowIcon(app_icon())
        self.setWindowTitle("recordorg")
        self.setObjectName("mainWindow")
        self.library: Library | None = None
        self.library_view: LibraryView | None = None
        self.import_job: Job | None = None
        self.demo_job: Job | None = None
        self.last_summary = None
        self.views: dict[str, QWidget] = {}
        self.undo_stack = QUndoStack(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(False)
        self.tabs.tabBar().setAutoHide(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.library_host = QStackedWidget()
        self.waiting = EmptyState("library", "Opening the library…")
        self.library_host.addWidget(self.waiting)
        self._fixed_tabs = 0
        self._add_fixed_tab(self.library_host, "Library", icon("library"))
        self.setCentralWidget(self.tabs)
        build_actions(self)
        build_menus(self)
        build_toolbar(self)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.status = QLabel()
        self.statusBar().addWidget(self.status, 1)
        self.library_label = QLabel()
        self.statusBar().addPermanentWidget(self.library_label)
        self.setAcceptDrops(True)
        self.drop_overlay = DropOverlay(self.tabs)
        self._set_library_actions_enabled(False)
        from recordorg.gui.theme import appearance

        self.appearance_actions[appearance()].setChecked(True)
        self.resize(1360, 860)
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        from recordorg.gui.case_integration import install_case_review

        install_case_review(self)  # the Case Review and Timeline views (issue 5)
        from recordorg.gui.ocr_integration import install_ocr

        install_ocr(self)  # reading scans after each import (issue 4)

    # -- hooks for other views and menus ----------------------------------------------------
    def _add_fixed_tab(self, widget: QWidget, name: str, tab_icon: QIcon | None) -> int:
        index = self.tabs.insertTab(self._fixed_tabs, widget, tab_icon or QIcon(), name)
        for side in (QTabBar.ButtonPosition.RightSide, QTabBar.ButtonPosition.LeftSide):
            self.tabs.tabBar().setTabButton(index, side, None)
        self._fixed_tabs += 1
        return index

    def add_view(self, name: str, widget: QWidget, icon_name: str | None = None) -> QAction:
        """Add a permanent view after the Library tab; returns its View-menu action."""
        index = self._add_fixed_tab(widget, name, icon(icon_name) if icon_name else None)
        self.views[name] = widget
        action = QAction(icon(icon_name) if icon_name else QIcon(), f"Show {name}", self)
        action.triggered.connect(lambda: self.tabs.setCurrentWidget(widget))
        self.view_menu.addAction(action)
        if index < 9:
            action.setShortcut(f"Ctrl+Alt+{index + 1}")
        return action

    def add_file_action(self, action: QAction) -> None:
        """Put an action in the File menu, after the import items (e.g. Export Bundle…)."""
        self.file_menu.insertAction(self.file_menu_bundle_anchor, action)

    def selected_record_ids(self) -> list[int]:
        return self.library_view.selected_ids() if self.library_view else []

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
            lambda kind: {"files": self.import_files, "folder": self.import_folder,
                          "disc": self.import_disc}[kind]())
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
            self, "Open or Create a Library (choose or make an empty folder)", start)
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

        def make_demo(_cancel):  # noqa: ANN001,ANN202 - runs on the job thread
            library = yield from ensure_demo_library(path)
            library.close()
            return path

        self.waiting.title.setText("Preparing the demo library…")
        self.waiting.text.setText("Making one fictional person's records: reports, letters, "
                                  "photos of letters and two scans. This happens only once.")
        self.waiting.progress.show()
        self.library_host.setCurrentWidget(self.waiting)
        self.demo_job = Job(self, "Preparing the demo library", make_demo, cancellable=False)
        self.demo_job.finished.connect(self._demo_ready)
        self.demo_job.failed.connect(self._demo_failed)
        self.demo_job.start()

    def _demo_ready(self, path: Path) -> None:
        self.demo_job = None
        self.waiting.progress.hide()
        self.open_library(path)

    def _demo_failed(self, error: BaseException, trace: str) -> None:
        self.demo_job = None
        self.waiting.progress.hide()
        self.waiting.title.setText("The demo library could not be made")
        self.waiting.text.setText("")
        show_error(self, error, details=trace)
        if self.library_view is not None:
            self.library_host.setCurrentWidget(self.library_view)

    # -- importing --------------------------------------------------------------------------
    def _start_folder(self) -> str:
        return str(settings.value("import/folder", "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())

    def import_files(self) -> None:
        if self.library is None:
            return
        files, _chosen = QFileDialog.getOpenFileNames(
            self, "Import Files", self._start_folder(),
            "Records (*.pdf *.jpg *.jpeg *.png *.heic *.heif *.tif *.tiff *.webp *.dcm "
            "DICOMDIR);;All files (*)")
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
        start = next((p for p in (Path("/media"), Path(f"/run/media/{Path.home().name}"),
                                  Path("/Volumes")) if p.is_dir()), Path(self._start_folder()))
        folder = QFileDialog.getExistingDirectory(
            self, "Import a CD or DVD (choose the disc, or the folder with its DICOMDIR)",
            str(start))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> Job | None:
        """Import in the background; a summary follows. Returns the running job."""
        if self.library is None or self._busy("start another import"):
            return None
        from recordorg.jobs.importer import import_paths

        root = self.library.root
        person = self._person_for_import()

        def make_import(cancel):  # noqa: ANN001,ANN202 - runs on the job thread
            library = Library(root)  # its own connection, made on this thread
            try:
                report = yield from import_paths(library, paths, person=person, cancel=cancel)
            finally:
                library.close()
            return report

        count = len(paths)
        title = f"Importing {count} item{'s' if count != 1 else ''}"
        self.import_job = Job(self, title, make_import)
        self.import_job.finished.connect(self._import_done)
        self.import_job.failed.connect(self._import_failed)
        self.import_job.progress.connect(
            lambda step: self.status.setText(f"Importing… {step.done:,} of {step.total:,}"
                                             if step.total else step.message or "Importing…"))
        for action in self.import_actions:
            action.setEnabled(False)
        self.import_button.setEnabled(False)
        return self.import_job.start()

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

    def _import_done(self, report) -> None:  # noqa: ANN001
        from recordorg.gui.import_summary import ImportSummaryDialog

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
        QMessageBox.information(self, "An import is running",
                                f"Wait for the import to finish (or cancel it) to {what}.")
        return True

    # -- drag and drop ----------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if urls and all(u.isLocalFile() for u in urls) and self.library is not None:
            event.acceptProposedAction()
            self.drop_overlay.cover()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:  # noqa: ANN001,N802
        self.drop_overlay.hide()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self.drop_overlay.hide()
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- record tabs ------------------------------------------------------------------------
    def open_record(self, record_id: int, page: int | None = None, find: str = "") -> None:
        from recordorg.gui.viewers import make_viewer

        for index in range(self._fixed_tabs, self.tabs.count()):
            if getattr(self.tabs.widget(index), "record_id", None) == record_id:
                self.tabs.setCurrentIndex(index)
                return
        if self.library is None:
            return
        try:
            record = get_record(self.library.connection(), record_id)
            viewer = make_viewer(self.library, self.library.connection(), record,
                                 page=page, find=find)
        except UserError as error:
            show_error(self, error)
            return
        if hasattr(viewer, "open_elsewhere") and self.library_view is not None:
            viewer.open_elsewhere.connect(self.library_view.open_elsewhere)
            viewer.save_copy.connect(self.library_view.save_copy)
        title = record.title or record.original_name
        index = self.tabs.addTab(viewer, kind_icon(record.kind),
                                 title if len(title) <= 28 else title[:27] + "…")
        self.tabs.setTabToolTip(index, title)
        self.tabs.setCurrentIndex(index)

    def close_tab(self, index: int) -> None:
        if index >= self._fixed_tabs:
            widget = self.tabs.widget(index)
            self.tabs.removeTab(index)
            widget.deleteLater()

    def close_current_tab(self) -> None:
        self.close_tab(self.tabs.currentIndex())

    def _close_record_tabs(self) -> None:
        while self.tabs.count() > self._fixed_tabs:
            self.close_tab(self._fixed_tabs)

    def _close_tabs_of(self, record_ids: list[int]) -> None:
        for index in reversed(range(self._fixed_tabs, self.tabs.count())):
            if getattr(self.tabs.widget(index), "record_id", None) in record_ids:
                self.close_tab(index)

    def _retitle_tabs(self, record_ids: list[int]) -> None:
        for index in range(self._fixed_tabs, self.tabs.count()):
            record_id = getattr(self.tabs.widget(index), "record_id", None)
            if record_id in record_ids and self.library is not None:
                title = get_record(self.library.connection(), record_id).title
                self.tabs.setTabText(index, title if len(title) <= 28 else title[:27] + "…")
                self.tabs.setTabToolTip(index, title)

    def _tab_changed(self, index: int) -> None:
        on_library = index == 0 and self.library_view is not None
        for action in (self.rename_action, self.delete_action, self.select_all_action):
            action.setEnabled(on_library)

    # -- edit and view commands -------------------------------------------------------------
    def _on_library_tab(self) -> bool:
        return self.library_view is not None and self.tabs.currentIndex() == 0

    def rename_selected(self) -> None:
        if self._on_library_tab():
            self.library_view.rename_selected()

    def delete_selected(self) -> None:
        if self._on_library_tab():
            self.library_view.delete_selected()

    def select_all(self) -> None:
        if self._on_library_tab():
            self.library_view.current_view().selectAll()

    def focus_search(self) -> None:
        current = self.tabs.currentWidget()
        if hasattr(current, "focus_find"):
            current.focus_find()
            return
        self.tabs.setCurrentIndex(0)
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def search_changed(self, text: str) -> None:
        if self.library_view is not None:
            self.tabs.setCurrentIndex(0)
            self.library_view.set_search_text(text)

    def set_view_mode(self, mode: str) -> None:
        if self.library_view is not None:
            self.tabs.setCurrentIndex(0)
            self.library_view.set_view_mode(mode)

    def _mode_changed(self, mode: str) -> None:
        self.grid_action.setChecked(mode == "grid")
        self.table_action.setChecked(mode == "table")

    def toggle_sidebar(self) -> None:
        if self.library_view is not None:
            self.library_view.sidebar.setVisible(self.sidebar_action.isChecked())

    def toggle_details(self) -> None:
        if self.library_view is not None:
            shown = self.details_action.isChecked()
            self.library_view.details_hidden_by_user = not shown
            self.library_view.details.setVisible(shown)

    def set_appearance(self, key: str) -> None:
        """Light, dark, or like the system; remembered for next time."""
        from PySide6.QtWidgets import QApplication

        from recordorg.gui.theme import set_appearance

        set_appearance(QApplication.instance(), key)
        settings.set_value("window/appearance", key)
        self.appearance_actions[key].setChecked(True)

    def show_about(self) -> None:
        from recordorg.gui.about import AboutDialog

        AboutDialog(self, str(self.library.root) if self.library else "").exec()

    def show_about_qt(self) -> None:
        QMessageBox.aboutQt(self, "About Qt")

    def _set_library_actions_enabled(self, enabled: bool) -> None:
        for action in self.library_actions:
            action.setEnabled(enabled)
        if hasattr(self, "import_button"):
            self.import_button.setEnabled(enabled)
        self.search_field.setEnabled(enabled)

    def _update_status(self) -> None:
        view = self.library_view
        if view is None:
            self.status.setText("")
            return
        selected = len(view.selected_ids())
        total = view.model.rowCount()
        text = f"{total:,} record{'s' if total != 1 else ''}"
        if selected:
            text += f" · {selected:,} selected"
        self.status.setText(text)

    # -- closing ----------------------------------------------------------------------------
    def _save_view_state(self) -> None:
        if self.library_view is not None:
            settings.set_value("window/splitter", self.library_view.splitter.saveState())
            settings.set_value("window/mode", self.library_view.view_mode)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.import_job is not None:
            answer = QMessageBox.question(
                self, "An import is running",
                "Stop the import and close? Files already imported are kept; importing the "
                "same files again finishes the job.")
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.import_job.cancel()
        if self.library_view is not None:
            self.library_view.details.commit_pending()
        job_pool().waitForDone()
        settings.set_value("window/geometry", self.saveGeometry())
        self._save_view_state()
        if self.library_view is not None:
            self.library_view.thumbnails.clear()
            self.library_view.thumbnails.wait()
        if self.library is not None:
            self.library.close()
            self.library = None
        event.accept()


def _has_records(path: Path) -> bool:
    from recordorg.core.catalogue import CATALOGUE_NAME, connect

    catalogue = path / CATALOGUE_NAME
    if not catalogue.exists():
        return False
    try:
        conn = connect(catalogue, read_only=True)
        try:
            return bool(conn.execute("SELECT count(*) FROM records").fetchone()[0])
        finally:
            conn.close()
    except Exception:  # noqa: BLE001 - an unreadable demo is made again
        return False
