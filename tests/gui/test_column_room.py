"""Columns as wide as their words: the library table's dates (a period whole) and the Case
Review's statuses ("Suggested - not confirmed"), in the window's default size and smaller."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics

from tests.gui.conftest import save_screenshot

MARGINS = 6  # a cell's margins, left and right (as Qt sizes a column to its contents)


def _widest(texts_and_fonts) -> int:
    return max(QFontMetrics(font).horizontalAdvance(text) for text, font in texts_and_fonts)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_library_table_shows_a_period_whole(demo_window, app_theme, qtbot, theme) -> None:
    from recordorg.gui.theme import set_appearance

    set_appearance(app_theme, theme)
    try:
        demo_window.commands.set_view_mode("table")
        table = demo_window.library_view.table
        model = table.model()
        qtbot.waitUntil(lambda: table.isVisible() and model.rowCount() > 0)
        dates = [model.record_at(row).date_shown for row in range(model.rowCount())]
        assert "3 Aug 2024 – 7 Aug 2024" in dates
        widest = _widest((date, table.font()) for date in dates)
        assert table.horizontalHeader().sectionSize(0) >= widest + MARGINS
        save_screenshot(demo_window, f"library-table-dates-{theme}")
    finally:
        set_appearance(app_theme, "system")


@pytest.mark.parametrize("size", [(1360, 860), (1024, 768)])
def test_the_case_review_shows_its_statuses_whole(demo_window, qtbot, size) -> None:
    demo_window.resize(*size)
    review = demo_window.case.review
    demo_window.tabs.setCurrentWidget(review)
    qtbot.waitUntil(lambda: len(review._entry_items()) > 0)
    qtbot.wait(30)
    items = review._entry_items()
    assert any(item.text(2) == "Suggested - not confirmed" for item in items)
    widest = _widest((item.text(2), item.font(2)) for item in items)
    assert review.tree.columnWidth(2) >= widest + MARGINS, (review.tree.columnWidth(2), widest)
    right = review.tree.header().sectionViewportPosition(2) + review.tree.columnWidth(2)
    assert right <= review.tree.viewport().width()  # shown, not scrolled out of sight
    dates = _widest((item.text(1), item.font(1)) for item in items)
    assert review.tree.columnWidth(1) >= dates + MARGINS
    save_screenshot(review, f"case-review-status-{size[0]}")


def test_the_case_review_headings_span_the_columns(demo_window, qtbot) -> None:
    """'Procedures and surgery (2)' is a heading across the list, not cut at the Entry
    column's edge beside a wide Date and Status."""
    demo_window.resize(1024, 768)
    review = demo_window.case.review
    demo_window.tabs.setCurrentWidget(review)
    qtbot.waitUntil(lambda: len(review._entry_items()) > 0)
    tree = review.tree
    headings = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert headings and all(h.isFirstColumnSpanned() for h in headings)
    widest = _widest((h.text(0), h.font(0)) for h in headings)
    assert widest > tree.columnWidth(0)  # the Entry column alone would cut the longest
    assert tree.visualItemRect(headings[0]).width() >= widest + MARGINS
