"""A record edited in the details panel while search results are shown stays selected among
the results, shown as it now is."""

from __future__ import annotations

from recordorg.core.catalogue.editing import RecordChange


def test_a_result_edited_stays_selected(demo_window, qtbot) -> None:
    window, view = demo_window, demo_window.library_view
    qtbot.keyClicks(window.menus.search_field, "letrozole")
    qtbot.waitUntil(lambda: view.search_model.rowCount() > 1, timeout=10_000)
    chosen = view.search_model.record_id(1)
    view.select_ids([chosen])
    assert view.selected_ids() == [chosen]
    assert view.apply_change([chosen], RecordChange(title="Letter about letrozole, renamed"))
    assert view.current_view() is view.results
    assert view.selected_ids() == [chosen]
    assert view.details.records[0].title == "Letter about letrozole, renamed"
