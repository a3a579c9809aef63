"""Titles are cut with "…" only when there is no room for them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.conftest import save_screenshot


def test_the_table_gives_the_title_the_room_the_kind_does_not_need(demo_window, qtbot) -> None:
    demo_window.resize(1440, 900)
    demo_window.commands.set_view_mode("table")
    table = demo_window.library_view.table
    qtbot.waitUntil(lambda: table.isVisible())
    header, metrics = table.horizontalHeader(), table.fontMetrics()
    kind = header.sectionSize(4)
    assert kind <= metrics.horizontalAdvance("Imaging study") + 40
    title = "CT chest/abdomen/pelvis — 22 Apr 2024"
    needed = metrics.horizontalAdvance(title) + table.iconSize().width() + 16
    assert header.sectionSize(1) >= needed, (header.sectionSize(1), needed)
    save_screenshot(demo_window, "library-table-titles")


def test_the_sidebar_is_wide_enough_for_its_names(demo_window, qtbot) -> None:
    demo_window.resize(1440, 900)
    sidebar = demo_window.library_view.sidebar
    tree = sidebar.tree
    metrics = tree.fontMetrics()
    qtbot.waitUntil(lambda: tree.isVisible())
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item.text(0) in ("Clinic letter / consultation", "Genomics / biomarkers"):
            room = tree.header().sectionSize(0) - tree.iconSize().width() - 16
            assert metrics.horizontalAdvance(item.text(0)) <= room, item.text(0)
    save_screenshot(sidebar, "sidebar-names")


def test_the_details_heading_shows_a_long_title_whole(demo_window, qtbot) -> None:
    demo_window.resize(1440, 900)
    view = demo_window.library_view
    records = [view.model.record_at(r) for r in range(view.model.rowCount())]
    longest = max(records, key=lambda r: len(r.title))
    view.select_ids([longest.id])
    title = view.details.title
    qtbot.waitUntil(lambda: title.isVisible())
    assert title.text() == longest.title
    if title.fontMetrics().horizontalAdvance(longest.title) > title.viewport().width():
        assert title.lines_shown() >= 2  # wrapped onto a second line, not cut
    assert title.verticalScrollBar().maximum() == 0  # nothing hidden
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_Return)  # Enter finishes, no line break
    assert "\n" not in title.text()
    save_screenshot(view.details, "details-long-title")
