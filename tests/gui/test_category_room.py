"""The library table's Category column is as wide as the category names it shows need."""

from __future__ import annotations

from tests.gui.conftest import save_screenshot


def test_the_category_column_shows_long_names_whole(demo_window, qtbot) -> None:
    demo_window.resize(1920, 1000)  # a wide screen: room for long names beside the titles
    demo_window.commands.set_view_mode("table")
    table = demo_window.library_view.table
    qtbot.waitUntil(lambda: table.isVisible())
    header, metrics = table.horizontalHeader(), table.fontMetrics()
    names = table.model().category_names()
    assert "Clinic letter / consultation" in names
    needed = max(map(metrics.horizontalAdvance, names)) + 18 + 16  # the dot and margins
    assert header.sectionSize(2) >= needed, (header.sectionSize(2), needed)
    title = "CT chest/abdomen/pelvis — 22 Apr 2024"  # the title keeps its room
    assert header.sectionSize(1) >= metrics.horizontalAdvance(title) + table.iconSize().width()
    demo_window.resize(1440, 900)  # narrower: the title keeps its room first
    qtbot.waitUntil(lambda: header.sectionSize(2) < needed)
    assert header.sectionSize(1) >= metrics.horizontalAdvance(title) + table.iconSize().width()
    demo_window.resize(1920, 1000)
    qtbot.waitUntil(lambda: header.sectionSize(2) >= needed)
    save_screenshot(demo_window, "library-table-categories")

    header.resizeSection(2, 120)  # a person's width stays after the list is read again
    table.model().reload()
    assert header.sectionSize(2) == 120
