"""The main window: the library tab and record tabs, menus, and the controllers of its
features (imports, libraries, case views, scans, suggestions, bundles)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QIcon,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from recordorg.core.catalogue.library import Library
from recordorg.gui import settings
from recordorg.gui.bundle.actions import BundleActions
from recordorg.gui.case.case_views import CaseViews
from recordorg.gui.icons import app_icon, icon
from recordorg.gui.jobs import job_pool
from recordorg.gui.library.view import LibraryView
from recordorg.gui.understanding.library_settings_action import LibrarySettingsAction
from recordorg.gui.understanding.scan_reader import ScanReader
from recordorg.gui.understanding.suggestions_panel import RecordSuggestions
from recordorg.gui.widgets.empty_state import EmptyState
from recordorg.gui.window.commands import WindowCommands
from recordorg.gui.window.drop_overlay import DropOverlay
from recordorg.gui.window.imports import Imports, dropped_paths
from recordorg.gui.window.libraries import Libraries
from recordorg.gui.window.menus import WindowMenus
from recordorg.gui.window.tabs import RecordTabs

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Extend it with add_view(name, widget) for whole views (case review, timeline),
    add_file_action(action) and add_edit_action(action) for menu items; listen to
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
        self.views: dict[str, QWidget] = {}
        self.undo_stack = QUndoStack(self)
        self.tabs = _tab_widget()
        self.library_host = QStackedWidget()
        self.waiting = EmptyState("library", "Opening the library…")
        self.library_host.addWidget(self.waiting)
        self.record_tabs = RecordTabs(self)
        self.record_tabs.add_fixed(self.library_host, "Library", icon("library"))
        self.tabs.tabCloseRequested.connect(self.record_tabs.close)
        self.job_area = QWidget()  # an import's progress shows here, under the records
        self.setCentralWidget(_tabs_over(self.tabs, self.job_area))
        self.imports = Imports(self)
        self.libraries = Libraries(self, self.imports)
        self.menus = WindowMenus(self, self.undo_stack)
        self.commands = WindowCommands(self, self.imports, self.libraries, self.record_tabs)
        self.imports.running.connect(self._import_running)
        self.status = QLabel()
        self.statusBar().addWidget(self.status, 1)
        self.library_label = QLabel()
        self.statusBar().addPermanentWidget(self.library_label)
        self.setAcceptDrops(True)
        self.drop_overlay = DropOverlay(self.tabs)
        self._set_library_actions_enabled(False)
        from recordorg.gui.theme import appearance

        self.menus.appearance_actions[appearance()].setChecked(True)
        self.resize(1360, 860)
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.case = CaseViews(self)
        self.scans = ScanReader(self)
        self.suggestions = RecordSuggestions(self)
        self.library_settings = LibrarySettingsAction(self, self.suggestions, self.scans)
        self.bundles = BundleActions(self)

    # -- the open library -------------------------------------------------------------------
    def show_library(self, library: Library) -> None:
        """Show this library in the Library tab (the one open before is closed)."""
        self.record_tabs.close_all()
        self._save_view_state()
        if self.library_view is not None:
            self.library_view.details.commit_pending()
            self.library_view.shut()
            self.library_host.removeWidget(self.library_view)
            self.library_view.thumbnails.clear()
            self.library_view.deleteLater()
        if self.library is not None:
            self.library.close()
        self.undo_stack.clear()
        self.library = library
        self.library_view = self._library_view(library)
        self.library_host.addWidget(self.library_view)
        self.library_host.setCurrentWidget(self.library_view)
        state = settings.value("window/splitter")
        if state is not None:
            self.library_view.splitter.restoreState(state)
        self.library_view.set_view_mode(str(settings.value("window/mode", "grid")))
        self.menus.sidebar_action.setChecked(True)
        self.menus.details_action.setChecked(True)
        self.menus.search_field.clear()
        name = library.root.name or str(library.root)
        self.setWindowTitle(f"{name} — recordorg")
        self.library_label.setText(str(library.root))
        self._set_library_actions_enabled(True)
        self._update_status()
        self.tabs.setCurrentIndex(0)
        self.library_opened.emit(library)

    def _library_view(self, library: Library) -> LibraryView:
        view = LibraryView(library, self.undo_stack)
        view.open_requested.connect(self.open_record)
        choose = {
            "files": self.imports.choose_files,
            "folder": self.imports.choose_folder,
            "disc": self.imports.choose_disc,
        }
        view.import_requested.connect(lambda kind: choose[kind]())
        view.demo_requested.connect(self.libraries.open_demo)
        view.selection_changed.connect(self._update_status)
        view.records_deleted.connect(self.record_tabs.close_records)
        view.records_changed.connect(self.record_tabs.retitle)
        view.view_mode_changed.connect(self.commands.mode_changed)
        view.search_cleared.connect(self.menus.search_field.clear)
        return view

    # -- hooks for other views and menus ----------------------------------------------------
    def add_view(self, name: str, widget: QWidget, icon_name: str | None = None) -> QAction:
        """Add a permanent view after the Library tab; returns its View-menu action."""
        index = self.record_tabs.add_fixed(widget, name, icon(icon_name) if icon_name else None)
        self.views[name] = widget
        action = QAction(icon(icon_name) if icon_name else QIcon(), f"Show {name}", self)
        action.triggered.connect(lambda: self.tabs.setCurrentWidget(widget))
        self.menus.view_menu.addAction(action)
        if index < 9:
            action.setShortcut(f"Ctrl+Alt+{index + 1}")
        return action

    def add_file_action(self, action: QAction) -> None:
        """Put an action in the File menu, after the import items (e.g. Export Bundle…)."""
        self.menus.file_menu.insertAction(self.menus.file_menu_bundle_anchor, action)

    def add_edit_action(self, action: QAction) -> None:
        """Put an action at the end of the Edit menu, after a line, enabled while a library
        is open (e.g. Library Settings…)."""
        self.menus.edit_menu.addSeparator()
        self.menus.edit_menu.addAction(action)
        self.menus.library_actions.append(action)
        action.setEnabled(self.library is not None)

    def open_record(self, record_id: int, page: int | None = None, find: str = "") -> None:
        """Open a record in a tab of its own (or show its tab)."""
        self.record_tabs.open(record_id, page, find)

    def selected_record_ids(self) -> list[int]:
        return self.library_view.selected_ids() if self.library_view else []

    def _set_library_actions_enabled(self, enabled: bool) -> None:
        for action in self.menus.library_actions:
            action.setEnabled(enabled)
        self.menus.import_button.setEnabled(enabled)
        self.menus.search_field.setEnabled(enabled)

    def _import_running(self, running: bool) -> None:
        for action in self.menus.import_actions:
            action.setEnabled(not running and self.library is not None)
        self.menus.import_button.setEnabled(not running and self.library is not None)
        if self.library_view is not None:
            self.library_view.set_importing(running)
        if not running:
            self._update_status()

    def _update_status(self) -> None:
        view = self.library_view
        if view is None:
            self.status.setText("")
            return
        selected = len(view.selected_ids())
        searching = bool(view.search_text.strip())
        total = view.search_model.rowCount() if searching else view.model.rowCount()
        text = f"{total:,} record{'s' if total != 1 else ''}" + (" found" if searching else "")
        if selected:
            text += f" · {selected:,} selected"
        self.status.setText(text)

    # -- drag and drop ----------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event.mimeData()) and self.library is not None:
            event.acceptProposedAction()
            self.drop_overlay.cover()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_overlay.hide()

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_overlay.hide()
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.imports.start(paths)

    # -- closing ----------------------------------------------------------------------------
    def _save_view_state(self) -> None:
        if self.library_view is not None:
            settings.set_value("window/splitter", self.library_view.splitter.saveState())
            settings.set_value("window/mode", self.library_view.view_mode)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.imports.job is not None:
            answer = QMessageBox.question(
                self,
                "An import is running",
                "Stop the import and close? Files already imported are kept; importing the "
                "same files again finishes the job.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.imports.job.cancel()
        if self.library_view is not None:
            self.library_view.details.commit_pending()
        job_pool().waitForDone()
        settings.set_value("window/geometry", self.saveGeometry())
        self._save_view_state()
        if self.library_view is not None:
            self.library_view.shut()
            self.library_view.thumbnails.clear()
            self.library_view.thumbnails.wait()
        if self.library is not None:
            self.library.close()
            self.library = None
        event.accept()


def _tabs_over(tabs: QTabWidget, job_area: QWidget) -> QWidget:
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(tabs, 1)
    layout.addWidget(job_area)
    area = QVBoxLayout(job_area)
    area.setContentsMargins(0, 0, 0, 0)
    return central


def _tab_widget() -> QTabWidget:
    tabs = QTabWidget()
    tabs.setObjectName("mainTabs")
    tabs.setDocumentMode(True)
    tabs.setTabsClosable(True)
    tabs.setMovable(False)
    tabs.tabBar().setAutoHide(True)
    return tabs
