"""The main window: the library tab and record tabs, menus, and the controllers of its
features (imports, libraries, case views, scans, suggestions, bundles)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QIcon,
    QUndoStack,
)
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStackedWidget, QTabWidget, QWidget

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
        self.setCentralWidget(self.tabs)
        self.imports = Imports(self)
        self.libraries = Libraries(self, self.imports)
        self.menus = WindowMenus(self, self.undo_stack)
        self._connect_menus()
        self.imports.running.connect(self._import_running)
        self.tabs.currentChanged.connect(self._tab_changed)
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

    def _connect_menus(self) -> None:
        """What each action of the menus and the toolbar does."""
        m = self.menus
        for action, slot in (
            (m.import_files_action, self.imports.choose_files),
            (m.import_folder_action, self.imports.choose_folder),
            (m.import_disc_action, self.imports.choose_disc),
            (m.open_library_action, self.libraries.choose),
            (m.demo_action, self.libraries.open_demo),
            (m.close_tab_action, self.record_tabs.close_current),
            (m.quit_action, self.close),
            (m.rename_action, self.rename_selected),
            (m.delete_action, self.delete_selected),
            (m.select_all_action, self.select_all),
            (m.find_action, self.focus_search),
            (m.grid_action, lambda: self.set_view_mode("grid")),
            (m.table_action, lambda: self.set_view_mode("table")),
            (m.sidebar_action, self.toggle_sidebar),
            (m.details_action, self.toggle_details),
            (m.about_action, self.show_about),
            (m.about_qt_action, self.show_about_qt),
        ):
            action.triggered.connect(slot)
        for key, action in m.appearance_actions.items():
            action.triggered.connect(lambda _c=False, k=key: self.set_appearance(k))
        m.recent_menu.aboutToShow.connect(lambda: self.libraries.fill_recent_menu(m.recent_menu))
        m.import_button.clicked.connect(self.imports.choose_files)
        m.search_field.textChanged.connect(self.search_changed)

    # -- the open library -------------------------------------------------------------------
    def show_library(self, library: Library) -> None:
        """Show this library in the Library tab (the one open before is closed)."""
        self.record_tabs.close_all()
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
        view.view_mode_changed.connect(self._mode_changed)
        view.search_cleared_requested = lambda: self.menus.search_field.clear()
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
        self.menus.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.menus.search_field.selectAll()

    def search_changed(self, text: str) -> None:
        if self.library_view is not None:
            self.tabs.setCurrentIndex(0)
            self.library_view.set_search_text(text)

    def set_view_mode(self, mode: str) -> None:
        if self.library_view is not None:
            self.tabs.setCurrentIndex(0)
            self.library_view.set_view_mode(mode)

    def _mode_changed(self, mode: str) -> None:
        self.menus.grid_action.setChecked(mode == "grid")
        self.menus.table_action.setChecked(mode == "table")

    def toggle_sidebar(self) -> None:
        if self.library_view is not None:
            self.library_view.sidebar.setVisible(self.menus.sidebar_action.isChecked())

    def toggle_details(self) -> None:
        if self.library_view is not None:
            shown = self.menus.details_action.isChecked()
            self.library_view.details_hidden_by_user = not shown
            self.library_view.details.setVisible(shown)

    def set_appearance(self, key: str) -> None:
        """Light, dark, or like the system; remembered for next time."""
        from PySide6.QtWidgets import QApplication

        from recordorg.gui.theme import set_appearance

        set_appearance(QApplication.instance(), key)
        settings.set_value("window/appearance", key)
        self.menus.appearance_actions[key].setChecked(True)

    def show_about(self) -> None:
        from recordorg.gui.window.about import AboutDialog

        AboutDialog(self, str(self.library.root) if self.library else "").exec()

    def show_about_qt(self) -> None:
        QMessageBox.aboutQt(self, "About Qt")

    def _tab_changed(self, index: int) -> None:
        on_library = index == 0 and self.library_view is not None
        m = self.menus
        for action in (m.rename_action, m.delete_action, m.select_all_action):
            action.setEnabled(on_library)

    def _set_library_actions_enabled(self, enabled: bool) -> None:
        for action in self.menus.library_actions:
            action.setEnabled(enabled)
        self.menus.import_button.setEnabled(enabled)
        self.menus.search_field.setEnabled(enabled)

    def _import_running(self, running: bool) -> None:
        for action in self.menus.import_actions:
            action.setEnabled(not running and self.library is not None)
        self.menus.import_button.setEnabled(not running and self.library is not None)
        if not running:
            self._update_status()

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
            self.library_view.thumbnails.clear()
            self.library_view.thumbnails.wait()
        if self.library is not None:
            self.library.close()
            self.library = None
        event.accept()


def _tab_widget() -> QTabWidget:
    tabs = QTabWidget()
    tabs.setObjectName("mainTabs")
    tabs.setDocumentMode(True)
    tabs.setTabsClosable(True)
    tabs.setMovable(False)
    tabs.tabBar().setAutoHide(True)
    return tabs
