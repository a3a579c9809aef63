"""Putting the case review and the timeline into the main window as views of their own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recordorg.gui.case.timeline_view import TimelineView
from recordorg.gui.case.view import CaseView

if TYPE_CHECKING:
    from recordorg.gui.window.main_window import MainWindow


def install_case_review(window: MainWindow) -> tuple[CaseView, TimelineView]:
    """Add the Case Review and Timeline views; a click on a source opens its record tab."""
    case_view = CaseView()
    timeline = TimelineView()
    window.add_view("Case Review", case_view, "review")
    window.add_view("Timeline", timeline, "timeline")

    def opened(library) -> None:
        case_view.set_library(library)
        timeline.set_library(library, case_view.person)

    def open_source(record_id: int, page: int) -> None:
        window.open_record(record_id, page or None)

    window.library_opened.connect(opened)
    window.import_finished.connect(lambda _report: opened(window.library))
    case_view.person_changed.connect(timeline.set_person)
    case_view.case_changed.connect(timeline.mark_stale)
    case_view.record_requested.connect(open_source)
    timeline.record_requested.connect(open_source)
    window.case_view, window.timeline_view = case_view, timeline
    return case_view, timeline
