"""The main window's actions, menus and toolbar, with standard shortcuts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMenu, QSizePolicy, QToolBar, QToolButton, QWidget

from recordorg.gui.icons import icon

if TYPE_CHECKING:
    from recordorg.gui.window.main_window import MainWindow


def _action(
    window: MainWindow,
    icon_name: str | None,
    text: str,
    slot,
    shortcut: QKeySequence.StandardKey | str | None = None,
) -> QAction:
    action = QAction(text, window)
    if icon_name:
        action.setIcon(icon(icon_name))
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action


def build_actions(w: MainWindow) -> None:
    key = QKeySequence.StandardKey
    w.import_files_action = _action(w, "import", "Import &Files…", w.import_files, key.Open)
    w.import_folder_action = _action(
        w, "folder", "Import F&older…", w.import_folder, "Ctrl+Shift+O"
    )
    w.import_disc_action = _action(w, "disc", "Import &CD/DICOMDIR…", w.import_disc)
    w.open_library_action = _action(w, "library", "Open or Create &Library…", w.choose_library)
    w.demo_action = _action(w, None, "Open the &Demo Library", w.open_demo_library)
    w.close_tab_action = _action(w, None, "Close &Tab", w.close_current_tab, key.Close)
    w.quit_action = _action(w, "quit", "&Quit", w.close, key.Quit)
    w.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    w.undo_action = w.undo_stack.createUndoAction(w, "&Undo")
    w.undo_action.setIcon(icon("undo"))
    w.undo_action.setShortcut(QKeySequence(key.Undo))
    w.redo_action = w.undo_stack.createRedoAction(w, "&Redo")
    w.redo_action.setIcon(icon("redo"))
    w.redo_action.setShortcuts(QKeySequence.keyBindings(key.Redo))
    w.rename_action = _action(w, "pencil", "Re&name", w.rename_selected, "F2")
    w.delete_action = _action(w, "trash", "&Delete…", w.delete_selected, key.Delete)
    w.select_all_action = _action(w, None, "Select &All", w.select_all, key.SelectAll)
    w.select_all_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    w.find_action = _action(w, "search", "&Find…", w.focus_search, key.Find)
    w.grid_action = _action(w, "grid", "As &Thumbnails", lambda: w.set_view_mode("grid"), "Ctrl+1")
    w.table_action = _action(w, "table", "As a T&able", lambda: w.set_view_mode("table"), "Ctrl+2")
    for action in (w.grid_action, w.table_action):
        action.setCheckable(True)
    w.sidebar_action = _action(w, "sidebar", "Show &Sidebar", w.toggle_sidebar)
    w.details_action = _action(w, "details", "Show &Details", w.toggle_details)
    for action in (w.sidebar_action, w.details_action):
        action.setCheckable(True)
        action.setChecked(True)
    w.about_action = _action(w, "info", "&About recordorg", w.show_about)
    w.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    w.about_qt_action = _action(w, None, "About &Qt", w.show_about_qt)
    w.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)
    w.import_actions = [w.import_files_action, w.import_folder_action, w.import_disc_action]
    w.library_actions = [
        *w.import_actions,
        w.rename_action,
        w.delete_action,
        w.select_all_action,
        w.find_action,
        w.grid_action,
        w.table_action,
    ]


def build_menus(w: MainWindow) -> None:
    bar = w.menuBar()
    w.file_menu = bar.addMenu("&File")
    for action in w.import_actions:
        w.file_menu.addAction(action)
    # Bundle export and opening go here: see MainWindow.add_file_action.
    w.file_menu_bundle_anchor = w.file_menu.addSeparator()
    w.file_menu.addAction(w.open_library_action)
    w.recent_menu = w.file_menu.addMenu("Open &Recent")
    w.recent_menu.aboutToShow.connect(w.fill_recent_menu)
    w.file_menu.addAction(w.demo_action)
    w.file_menu.addSeparator()
    w.file_menu.addAction(w.close_tab_action)
    w.file_menu.addAction(w.quit_action)

    w.edit_menu = bar.addMenu("&Edit")
    for action in (w.undo_action, w.redo_action):
        w.edit_menu.addAction(action)
    w.edit_menu.addSeparator()
    for action in (w.rename_action, w.delete_action):
        w.edit_menu.addAction(action)
    w.edit_menu.addSeparator()
    w.edit_menu.addAction(w.select_all_action)
    w.edit_menu.addAction(w.find_action)

    w.view_menu = bar.addMenu("&View")
    w.view_menu.addAction(w.grid_action)
    w.view_menu.addAction(w.table_action)
    w.view_menu.addSeparator()
    w.view_menu.addAction(w.sidebar_action)
    w.view_menu.addAction(w.details_action)
    w.appearance_menu = w.view_menu.addMenu("A&ppearance")
    group = QActionGroup(w)
    w.appearance_actions = {}
    for key, text in (("system", "Like the &System"), ("light", "&Light"), ("dark", "&Dark")):
        action = QAction(text, group)
        action.setCheckable(True)
        action.triggered.connect(lambda _c=False, k=key: w.set_appearance(k))
        w.appearance_menu.addAction(action)
        w.appearance_actions[key] = action
    # Case review and timeline views add themselves here through MainWindow.add_view.
    w.view_menu_views_anchor = w.view_menu.addSeparator()

    w.help_menu = bar.addMenu("&Help")
    w.help_menu.addAction(w.about_action)
    w.help_menu.addAction(w.about_qt_action)


def build_toolbar(w: MainWindow) -> QToolBar:
    bar = QToolBar("Main")
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.setIconSize(QSize(20, 20))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    w.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    import_button = QToolButton()
    import_button.setObjectName("importButton")
    import_button.setText("Import")
    import_button.setIcon(icon("import"))
    import_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    import_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    import_button.setAccessibleName("Import files")
    import_button.setToolTip("Import files (Ctrl+O); the arrow offers folders and CDs")
    menu = QMenu(import_button)
    for action in w.import_actions:
        menu.addAction(action)
    import_button.setMenu(menu)
    import_button.clicked.connect(w.import_files)
    bar.addWidget(import_button)
    w.import_button = import_button
    bar.addSeparator()
    for action in (w.undo_action, w.redo_action):
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        button.setAutoRaise(True)
        bar.addWidget(button)
    gap = QWidget()
    gap.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(gap)
    search = QLineEdit()
    search.setObjectName("searchField")
    search.setPlaceholderText("Search records")
    search.setAccessibleName("Search records")
    search.setToolTip("Search titles, notes, tags and the text of every page (Ctrl+F)")
    search.setClearButtonEnabled(True)
    search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
    search.setMinimumWidth(300)
    search.setMaximumWidth(420)
    search.textChanged.connect(w.search_changed)
    bar.addWidget(search)
    w.search_field = search
    return bar
