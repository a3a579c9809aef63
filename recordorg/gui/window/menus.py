"""The main window's actions, menus and toolbar, with standard shortcuts (the window says
what each action does)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QLineEdit,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from recordorg.gui.icons import icon
from recordorg.gui.widgets.clear_button import offer_clear_button

KEY = QKeySequence.StandardKey
APPEARANCES = (("system", "Like the &System"), ("light", "&Light"), ("dark", "&Dark"))


def _action(
    window: QMainWindow,
    icon_name: str | None,
    text: str,
    shortcut: QKeySequence.StandardKey | str | None = None,
) -> QAction:
    action = QAction(text, window)
    if icon_name:
        action.setIcon(icon(icon_name))
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action


class WindowMenus:
    """Every action of the window's menus and toolbar, the menus, the Import button and
    the search field."""

    def __init__(self, window: QMainWindow, undo_stack: QUndoStack) -> None:
        self._make_file_actions(window)
        self._make_edit_actions(window, undo_stack)
        self._make_view_actions(window)
        self.import_actions = [
            self.import_files_action,
            self.import_folder_action,
            self.import_disc_action,
        ]
        self.library_actions = [
            *self.import_actions,
            self.rename_action,
            self.delete_action,
            self.select_all_action,
            self.find_action,
            self.grid_action,
            self.table_action,
            self.backup_action,
        ]
        self._build_menus(window)
        self.toolbar = self._build_toolbar(window)

    def _make_file_actions(self, w: QMainWindow) -> None:
        self.import_files_action = _action(w, "import", "Import &Files…", KEY.Open)
        self.import_folder_action = _action(w, "folder", "Import F&older…", "Ctrl+Shift+O")
        self.import_disc_action = _action(w, "disc", "Import &CD/DICOMDIR…")
        self.open_library_action = _action(w, "library", "Open or Create &Library…")
        self.backup_action = _action(w, "save", "&Back Up…")
        self.demo_action = _action(w, None, "Open the &Demo Library")
        self.close_tab_action = _action(w, None, "Close &Tab", KEY.Close)
        self.quit_action = _action(w, "quit", "&Quit", KEY.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

    def _make_edit_actions(self, w: QMainWindow, undo_stack: QUndoStack) -> None:
        self.undo_action = undo_stack.createUndoAction(w, "&Undo")
        self.undo_action.setIcon(icon("undo"))
        self.undo_action.setShortcut(QKeySequence(KEY.Undo))
        self.redo_action = undo_stack.createRedoAction(w, "&Redo")
        self.redo_action.setIcon(icon("redo"))
        self.redo_action.setShortcuts(QKeySequence.keyBindings(KEY.Redo))
        self.rename_action = _action(w, "pencil", "Re&name", "F2")
        self.delete_action = _action(w, "trash", "&Delete…", KEY.Delete)
        self.select_all_action = _action(w, None, "Select &All", KEY.SelectAll)
        self.select_all_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action = _action(w, "search", "&Find…", KEY.Find)

    def _make_view_actions(self, w: QMainWindow) -> None:
        self.grid_action = _action(w, "grid", "As &Thumbnails", "Ctrl+1")
        self.table_action = _action(w, "table", "As a T&able", "Ctrl+2")
        for action in (self.grid_action, self.table_action):
            action.setCheckable(True)
        self.library_tab_action = _action(w, "library", "Show &Library", "Ctrl+Alt+1")
        self.sidebar_action = _action(w, "sidebar", "Show &Sidebar")
        self.details_action = _action(w, "details", "Show &Details")
        for action in (self.sidebar_action, self.details_action):
            action.setCheckable(True)
            action.setChecked(True)
        self.about_action = _action(w, "info", "&About recordorg")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = _action(w, None, "About &Qt")
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)
        group = QActionGroup(w)
        self.appearance_actions: dict[str, QAction] = {}
        for key, text in APPEARANCES:
            action = QAction(text, group)
            action.setCheckable(True)
            self.appearance_actions[key] = action

    def _build_menus(self, w: QMainWindow) -> None:
        bar = w.menuBar()
        self.file_menu = bar.addMenu("&File")
        for action in self.import_actions:
            self.file_menu.addAction(action)
        # Bundle export and opening go here: see MainWindow.add_file_action.
        self.file_menu_bundle_anchor = self.file_menu.addSeparator()
        self.file_menu.addAction(self.backup_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.open_library_action)
        self.recent_menu = self.file_menu.addMenu("Open &Recent")
        self.file_menu.addAction(self.demo_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.close_tab_action)
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu("&Edit")
        for action in (self.undo_action, self.redo_action):
            self.edit_menu.addAction(action)
        self.edit_menu.addSeparator()
        for action in (self.rename_action, self.delete_action):
            self.edit_menu.addAction(action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.select_all_action)
        self.edit_menu.addAction(self.find_action)

        self.view_menu = bar.addMenu("&View")
        self.view_menu.addAction(self.grid_action)
        self.view_menu.addAction(self.table_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.sidebar_action)
        self.view_menu.addAction(self.details_action)
        self.appearance_menu = self.view_menu.addMenu("A&ppearance")
        for action in self.appearance_actions.values():
            self.appearance_menu.addAction(action)
        # Case review and timeline views add themselves here through MainWindow.add_view.
        self.view_menu_views_anchor = self.view_menu.addSeparator()
        self.view_menu.addAction(self.library_tab_action)

        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(self.about_action)
        self.help_menu.addAction(self.about_qt_action)

    def _build_toolbar(self, w: QMainWindow) -> QToolBar:
        bar = QToolBar("Main")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.setIconSize(QSize(20, 20))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.import_button = self._import_button()
        bar.addWidget(self.import_button)
        bar.addSeparator()
        for action in (self.undo_action, self.redo_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setAutoRaise(True)
            bar.addWidget(button)
        gap = QWidget()
        gap.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(gap)
        self.search_field = _search_field()
        bar.addWidget(self.search_field)
        return bar

    def _import_button(self) -> QToolButton:
        button = QToolButton()
        button.setObjectName("importButton")
        button.setText("Import")
        button.setIcon(icon("import"))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        button.setAccessibleName("Import files")
        button.setToolTip("Import files (Ctrl+O); the arrow offers folders and CDs")
        menu = QMenu(button)
        for action in self.import_actions:
            menu.addAction(action)
        button.setMenu(menu)
        return button


def _search_field() -> QLineEdit:
    search = QLineEdit()
    search.setObjectName("searchField")
    search.setPlaceholderText("Search records")
    search.setAccessibleName("Search records")
    search.setToolTip("Search titles, notes, tags and the text of every page (Ctrl+F)")
    offer_clear_button(search, "Clear search")
    search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
    search.setMinimumWidth(300)
    search.setMaximumWidth(420)
    clear = QAction("Clear the Search", search)
    clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    clear.triggered.connect(search.clear)
    search.addAction(clear)  # Escape in the field empties it
    return search
