"""Keyboard and focus in the window: closing a record tab goes back where it came from, a
shortcut for the Library, Escape clears the search, the status bar counts what is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence


def _first_record(window) -> int:
    return window.library_view.model.record_id(0)


def test_closing_a_record_tab_goes_back_to_the_tab_it_came_from(demo_window, qtbot) -> None:
    tabs = demo_window.tabs
    demo_window.open_record(_first_record(demo_window))
    assert tabs.currentIndex() >= demo_window.record_tabs.fixed
    demo_window.menus.close_tab_action.trigger()  # Ctrl+W
    assert tabs.currentIndex() == 0  # the Library, not the Timeline beside it

    review = demo_window.views["Case Review"]
    tabs.setCurrentWidget(review)
    demo_window.open_record(_first_record(demo_window))
    demo_window.menus.close_tab_action.trigger()
    assert tabs.currentWidget() is review


def test_the_library_has_a_shortcut(demo_window) -> None:
    action = demo_window.menus.library_tab_action
    assert action.shortcut() == QKeySequence("Ctrl+Alt+1")
    assert action in demo_window.menus.view_menu.actions()
    shortcuts = [a.shortcut() for a in demo_window.menus.view_menu.actions() if a is not action]
    assert action.shortcut() not in shortcuts
    demo_window.tabs.setCurrentWidget(demo_window.views["Timeline"])
    action.trigger()
    assert demo_window.tabs.currentIndex() == 0


def test_escape_clears_the_search_and_the_status_counts_what_is_found(demo_window, qtbot) -> None:
    field = demo_window.menus.search_field
    view = demo_window.library_view
    everything = view.model.rowCount()
    assert demo_window.status.text().startswith(f"{everything} records")
    field.setFocus()
    qtbot.keyClicks(field, "letroz")
    qtbot.waitUntil(lambda: view.search_model.rowCount() > 0, timeout=5000)
    found = view.search_model.rowCount()
    assert found < everything
    qtbot.waitUntil(lambda: demo_window.status.text().startswith(f"{found} record"))
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == ""
    qtbot.waitUntil(lambda: demo_window.status.text().startswith(f"{everything} records"))


def test_the_news_of_scans_read_goes_after_a_while(window, qtbot) -> None:
    from types import SimpleNamespace

    reader = window.scans
    reader.fade.setInterval(50)
    reader._done(SimpleNamespace(pages=1, failed=[], cancelled=False))
    assert reader.label.text() == "Read 1 page of scans."
    qtbot.waitUntil(lambda: reader.label.text() == "", timeout=2000)
