"""The main window's tabs: the permanent views first, then a viewer per opened record."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QTabBar, QTabWidget, QToolButton, QWidget

from recordorg.core.catalogue.records import get_record
from recordorg.core.errors import UserError
from recordorg.gui.errors import show_error
from recordorg.gui.icons import icon, kind_icon
from recordorg.gui.window.host import WindowHost


def _short(title: str) -> str:
    return title if len(title) <= 40 else title[:39] + "…"


def add_closable_tab(
    tabs: QTabWidget, widget: QWidget, tab_icon: QIcon, title: str, tip: str = ""
) -> int:
    """Add a tab that closes with a flat button showing the desktop's close icon (Fusion's
    own is a red square); the button asks to close as the tab bar's own would."""
    index = tabs.addTab(widget, tab_icon, _short(title))
    tabs.setTabToolTip(index, tip or title)
    button = QToolButton()
    button.setObjectName("tabClose")
    button.setAutoRaise(True)
    button.setIcon(QIcon.fromTheme("window-close", icon("close")))
    button.setIconSize(QSize(12, 12))
    button.setFixedSize(QSize(18, 18))
    button.setToolTip("Close this tab")
    button.setAccessibleName(f"Close {title}")
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.clicked.connect(lambda: tabs.tabCloseRequested.emit(tabs.indexOf(widget)))
    tabs.tabBar().setTabButton(index, QTabBar.ButtonPosition.RightSide, button)
    return index


class RecordTabs(QObject):
    """The tabs of the window: fixed ones (Library, Case Review, Timeline) that cannot be
    closed, and a closable tab per opened record."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        self.tabs = window.tabs
        self.fixed = 0
        self.came_from: dict[QWidget, QWidget] = {}  # a record's tab: the tab it was opened from

    def add_fixed(self, widget: QWidget, name: str, tab_icon: QIcon | None) -> int:
        """Add a tab without a close button after the fixed ones; returns its index."""
        index = self.tabs.insertTab(self.fixed, widget, tab_icon or QIcon(), name)
        for side in (QTabBar.ButtonPosition.RightSide, QTabBar.ButtonPosition.LeftSide):
            self.tabs.tabBar().setTabButton(index, side, None)
        self.fixed += 1
        return index

    def _record_indexes(self) -> range:
        return range(self.fixed, self.tabs.count())

    def open(self, record_id: int, page: int | None = None, find: str = "") -> None:
        """Show the record's tab, opening it (at this page, these words marked) if needed."""
        from recordorg.gui.viewers import make_viewer

        for index in self._record_indexes():
            if getattr(self.tabs.widget(index), "record_id", None) == record_id:
                self.tabs.setCurrentIndex(index)
                return
        library, view = self.window.library, self.window.library_view
        if library is None:
            return
        try:
            record = get_record(library.connection(), record_id)
            viewer = make_viewer(library, library.connection(), record, page=page, find=find)
        except UserError as error:
            show_error(self.window, error)
            return
        if hasattr(viewer, "open_elsewhere") and view is not None:
            viewer.open_elsewhere.connect(view.open_elsewhere)
            viewer.save_copy.connect(view.save_copy)
        title = record.title or record.original_name
        origin = self.tabs.currentWidget()
        if origin is not None:
            self.came_from[viewer] = origin
        self.tabs.setCurrentIndex(
            add_closable_tab(self.tabs, viewer, kind_icon(record.kind), title)
        )

    def close(self, index: int) -> None:
        """Close a record's tab (the fixed tabs stay)."""
        if index >= self.fixed:
            widget = self.tabs.widget(index)
            origin = self.came_from.pop(widget, None)
            was_current = index == self.tabs.currentIndex()
            self.tabs.removeTab(index)
            widget.deleteLater()
            if was_current and origin is not None and self.tabs.indexOf(origin) >= 0:
                self.tabs.setCurrentWidget(origin)  # back where the record was opened from

    def close_current(self) -> None:
        self.close(self.tabs.currentIndex())

    def close_all(self) -> None:
        while self.tabs.count() > self.fixed:
            self.close(self.fixed)

    def close_records(self, record_ids: list[int]) -> None:
        """Close the tabs of these records (after they were deleted)."""
        for index in reversed(self._record_indexes()):
            if getattr(self.tabs.widget(index), "record_id", None) in record_ids:
                self.close(index)

    def retitle(self, record_ids: list[int]) -> None:
        """Show these records' titles as they now are (after an edit)."""
        library = self.window.library
        for index in self._record_indexes():
            record_id = getattr(self.tabs.widget(index), "record_id", None)
            if record_id in record_ids and library is not None:
                title = get_record(library.connection(), record_id).title
                self.tabs.setTabText(index, _short(title))
                self.tabs.setTabToolTip(index, title)
