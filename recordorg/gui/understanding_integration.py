"""Putting the record suggestions and Library Settings into the main window (issue 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from recordorg.gui.icons import icon
from recordorg.gui.library_settings import LibrarySettingsDialog
from recordorg.gui.suggestions_panel import RecordSuggestions

if TYPE_CHECKING:
    from recordorg.gui.main_window import MainWindow


def install_understanding(window: MainWindow) -> RecordSuggestions:
    """Suggestions in the details of the selected record, and Edit ▸ Library Settings…"""
    suggestions = RecordSuggestions(window)
    action = QAction(icon("library"), "Library &Settings…", window)
    action.setShortcut(QKeySequence("Ctrl+,"))
    action.setMenuRole(QAction.MenuRole.NoRole)
    action.setStatusTip("How this library reads dates, sets categories and reads scans")
    action.setEnabled(window.library is not None)

    def show_settings() -> LibrarySettingsDialog | None:
        if window.library is None:
            return None
        dialog = LibrarySettingsDialog(window.library.connection(), window)
        dialog.accepted.connect(suggestions.refresh)
        dialog.finished.connect(dialog.deleteLater)
        window.library_settings_dialog = dialog
        dialog.open()
        return dialog

    action.triggered.connect(show_settings)
    window.edit_menu.addSeparator()
    window.edit_menu.addAction(action)
    window.library_actions.append(action)
    window.library_settings_action = action
    window.show_library_settings = show_settings
    window.suggestions = suggestions
    return suggestions
