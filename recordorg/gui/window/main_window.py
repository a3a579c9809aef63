"""The main window: the library tab and record tabs, menus, import, and drag and drop."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QWidget,
)

from recordorg.core.catalogue.library import Library
from recordorg.gui import settings
from recordorg.gui.icons import app_icon, icon
from recordorg.gui.jobs import Job, job_pool
from recordorg.gui.library.view import LibraryView
from recordorg.gui.widgets.empty_state import EmptyState
from recordorg.gui.window.drop_overlay import DropOverlay
from recordorg.gui.window.imports import ImportMixin
from recordorg.gui.window.libraries import LibrariesMixin
from recordorg.gui.window.menus import build_actions, build_menus, build_toolbar
from recordorg.gui.window.tabs import RecordTabsMixin

log = logging.getLogger(__name__)


class MainWindow(LibrariesMixin, ImportMixin, RecordTabsMixin, QMainWindow):
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
        from recordorg.gui.case.case_views import install_case_review

        install_case_review(self)  # the Case Review and Timeline views (issue 5)
        from recordorg.gui.understanding.scan_reader import install_ocr

        install_ocr(self)  # reading scans after each import (issue 4)
        from recordorg.gui.understanding.record_suggestions import install_understanding

        install_understanding(self)  # suggestions in the details, Library Settings (issue 4)
        from recordorg.gui.bundle.actions import install_bundles

        install_bundles(self)  # File ▸ Export Bundle…, Open Bundle… (issue 6)

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
        from recordorg.gui.window.about import AboutDialog

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

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.import_job is not None:
            answer = QMessageBox.question(
                self,
                "An import is running",
                "Stop the import and close? Files already imported are kept; importing the "
                "same files again finishes the job.",
            )
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
