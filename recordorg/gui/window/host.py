"""The main window as the controllers it creates see it, so they need not import it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, SignalInstance
    from PySide6.QtGui import QAction, QUndoStack
    from PySide6.QtWidgets import QLabel, QStackedWidget, QStatusBar, QTabWidget, QWidget

    from recordorg.core.catalogue.library import Library
    from recordorg.gui.library.view import LibraryView
    from recordorg.gui.widgets.empty_state import EmptyState
    from recordorg.gui.window.menus import WindowMenus


class WindowHost(Protocol):
    """What of the main window its controllers (imports, libraries, record tabs, case
    views, scans, suggestions, bundles) use; the window is also their Qt parent."""

    library_opened: SignalInstance  # Library
    import_finished: SignalInstance  # ImportReport
    library: Library | None
    library_view: LibraryView | None
    tabs: QTabWidget
    job_area: QWidget  # under the tabs: an import's progress
    library_host: QStackedWidget
    waiting: EmptyState
    status: QLabel
    menus: WindowMenus
    undo_stack: QUndoStack

    def show_library(self, library: Library) -> None:
        """Show this library in the Library tab (the one open before is closed)."""

    def add_view(self, name: str, widget: QWidget, icon_name: str | None = None) -> QAction:
        """Add a permanent view after the Library tab; returns its View-menu action."""

    def add_file_action(self, action: QAction) -> None:
        """Put an action in the File menu, after the import items."""

    def add_edit_action(self, action: QAction) -> None:
        """Put an action at the end of the Edit menu, enabled while a library is open."""

    def open_record(self, record_id: int, page: int | None = None, find: str = "") -> None:
        """Open a record in a tab of its own (or show its tab)."""

    def selected_record_ids(self) -> list[int]: ...

    def statusBar(self) -> QStatusBar: ...

    def installEventFilter(self, watcher: QObject) -> None: ...

    def close(self) -> bool: ...
