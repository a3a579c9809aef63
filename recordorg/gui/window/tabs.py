"""The main window's record tabs: a viewer per opened record."""

from __future__ import annotations

from recordorg.core.catalogue.records import get_record
from recordorg.core.errors import UserError
from recordorg.gui.errors import show_error
from recordorg.gui.icons import kind_icon


class RecordTabsMixin:
    """Part of MainWindow: records open in tabs."""

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
            viewer = make_viewer(
                self.library, self.library.connection(), record, page=page, find=find
            )
        except UserError as error:
            show_error(self, error)
            return
        if hasattr(viewer, "open_elsewhere") and self.library_view is not None:
            viewer.open_elsewhere.connect(self.library_view.open_elsewhere)
            viewer.save_copy.connect(self.library_view.save_copy)
        title = record.title or record.original_name
        index = self.tabs.addTab(
            viewer, kind_icon(record.kind), title if len(title) <= 28 else title[:27] + "…"
        )
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
