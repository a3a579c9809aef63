"""The case review and the timeline as views of their own in the main window."""

from __future__ import annotations

from PySide6.QtCore import QObject

from recordorg.core.catalogue.library import Library
from recordorg.gui.case.timeline_view import TimelineView
from recordorg.gui.case.view import CaseView
from recordorg.gui.window.host import WindowHost


class CaseViews(QObject):
    """The Case Review and Timeline views; a click on a source opens its record tab."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        self.review = CaseView(undo_stack=window.undo_stack)
        self.timeline = TimelineView()
        window.add_view("Case Review", self.review, "review")
        window.add_view("Timeline", self.timeline, "timeline")
        window.library_opened.connect(self.show_library)
        window.import_finished.connect(lambda _report: self.show_library(window.library))
        self.review.person_changed.connect(self.timeline.set_person)
        self.review.case_changed.connect(self.timeline.mark_stale)
        self.review.record_requested.connect(self.open_source)
        self.timeline.record_requested.connect(self.open_source)

    def show_library(self, library: Library | None) -> None:
        """Show this library's case review and timeline (after it opened or imported)."""
        self.review.set_library(library)
        self.timeline.set_library(library, self.review.person)

    def open_source(self, record_id: int, page: int) -> None:
        self.window.open_record(record_id, page or None)
