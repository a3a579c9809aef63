"""What the menus and the toolbar do: import, libraries, backups, tabs, and the Edit, View
and Help commands on the Library tab."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

from recordorg.gui import settings
from recordorg.gui.window.backup import BackupActions
from recordorg.gui.window.host import WindowHost
from recordorg.gui.window.imports import Imports
from recordorg.gui.window.libraries import Libraries
from recordorg.gui.window.tabs import RecordTabs


class WindowCommands(QObject):
    """Connects each action of the window's menus and toolbar to what it does; the edit
    and view commands act on the Library tab."""

    def __init__(
        self, window: WindowHost, imports: Imports, libraries: Libraries, tabs: RecordTabs
    ) -> None:
        super().__init__(window)
        self.window = window
        self.menus = window.menus
        self._connect(imports, libraries, tabs)
        self.backups = BackupActions(window, self.menus.backup_action)
        window.tabs.currentChanged.connect(self.tab_changed)

    def _connect(self, imports: Imports, libraries: Libraries, tabs: RecordTabs) -> None:
        """What each action of the menus and the toolbar does."""
        m = self.menus
        for action, slot in (
            (m.import_files_action, imports.choose_files),
            (m.import_folder_action, imports.choose_folder),
            (m.import_disc_action, imports.choose_disc),
            (m.open_library_action, libraries.choose),
            (m.demo_action, libraries.open_demo),
            (m.close_tab_action, tabs.close_current),
            (m.quit_action, self.window.close),
            (m.rename_action, self.rename_selected),
            (m.delete_action, self.delete_selected),
            (m.select_all_action, self.select_all),
            (m.find_action, self.focus_search),
            (m.grid_action, lambda: self.set_view_mode("grid")),
            (m.table_action, lambda: self.set_view_mode("table")),
            (m.library_tab_action, lambda: self.window.tabs.setCurrentIndex(0)),
            (m.sidebar_action, self.toggle_sidebar),
            (m.details_action, self.toggle_details),
            (m.about_action, self.show_about),
            (m.about_qt_action, self.show_about_qt),
        ):
            action.triggered.connect(slot)
        for key, action in m.appearance_actions.items():
            action.triggered.connect(lambda _c=False, k=key: self.set_appearance(k))
        m.recent_menu.aboutToShow.connect(lambda: libraries.fill_recent_menu(m.recent_menu))
        m.import_button.clicked.connect(imports.choose_files)
        m.search_field.textChanged.connect(self.search_changed)

    def _on_library_tab(self) -> bool:
        return self.window.library_view is not None and self.window.tabs.currentIndex() == 0

    def rename_selected(self) -> None:
        if self._on_library_tab():
            self.window.library_view.rename_selected()

    def delete_selected(self) -> None:
        if self._on_library_tab():
            self.window.library_view.delete_selected()

    def select_all(self) -> None:
        if self._on_library_tab():
            self.window.library_view.current_view().selectAll()

    def focus_search(self) -> None:
        current = self.window.tabs.currentWidget()
        if hasattr(current, "focus_find"):
            current.focus_find()
            return
        self.window.tabs.setCurrentIndex(0)
        self.menus.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.menus.search_field.selectAll()

    def search_changed(self, text: str) -> None:
        if self.window.library_view is not None:
            self.window.tabs.setCurrentIndex(0)
            self.window.library_view.set_search_text(text)

    def set_view_mode(self, mode: str) -> None:
        if self.window.library_view is not None:
            self.window.tabs.setCurrentIndex(0)
            self.window.library_view.set_view_mode(mode)

    def mode_changed(self, mode: str) -> None:
        self.menus.grid_action.setChecked(mode == "grid")
        self.menus.table_action.setChecked(mode == "table")

    def toggle_sidebar(self) -> None:
        if self.window.library_view is not None:
            self.window.library_view.sidebar.setVisible(self.menus.sidebar_action.isChecked())

    def toggle_details(self) -> None:
        if self.window.library_view is not None:
            shown = self.menus.details_action.isChecked()
            self.window.library_view.details_hidden_by_user = not shown
            self.window.library_view.details.setVisible(shown)

    def set_appearance(self, key: str) -> None:
        """Light, dark, or like the system; remembered for next time."""
        from PySide6.QtWidgets import QApplication

        from recordorg.gui.theme import set_appearance

        set_appearance(QApplication.instance(), key)
        settings.set_value("window/appearance", key)
        self.menus.appearance_actions[key].setChecked(True)

    def show_about(self) -> None:
        from recordorg.gui.window.about import AboutDialog

        library = self.window.library
        AboutDialog(self.window, str(library.root) if library else "").exec()

    def show_about_qt(self) -> None:
        QMessageBox.aboutQt(self.window, "About Qt")

    def tab_changed(self, index: int) -> None:
        on_library = index == 0 and self.window.library_view is not None
        m = self.menus
        for action in (m.rename_action, m.delete_action, m.select_all_action):
            action.setEnabled(on_library)
