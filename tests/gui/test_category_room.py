"""The library table's Category column is as wide as the category names it shows need."""

from __future__ import annotations

from PySide6.QtCore import Qt

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
    titles = table.model().longest_titles()
    assert "Surgical pathology — left breast core biopsy" in titles
    title = max(map(metrics.horizontalAdvance, titles)) + table.iconSize().width()
    assert header.sectionSize(1) >= title  # the titles keep their room
    demo_window.resize(1440, 900)  # narrower: the titles keep their room first
    qtbot.waitUntil(lambda: header.sectionSize(2) < needed)
    assert header.sectionSize(1) >= title
    row = next(r for r in range(table.model().rowCount()) if "Clinic" in _category(table, r))
    tip = table.model().index(row, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Clinic letter / consultation"  # a name cut short is there in full
    demo_window.resize(1920, 1000)
    qtbot.waitUntil(lambda: header.sectionSize(2) >= needed)
    save_screenshot(demo_window, "library-table-categories")

    header.resizeSection(2, 120)  # a person's width stays after the list is read again
    table.model().reload()
    assert header.sectionSize(2) == 120


def _category(table, row: int) -> str:
    return str(table.model().index(row, 2).data())
