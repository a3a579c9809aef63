"""The control the keyboard is on can be seen, in the light and the dark palette: going round
the window by Tab, each control looks different while it has focus than after Tab left it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from tests.gui.conftest import save_screenshot


@pytest.fixture(params=["light", "dark"])
def palette_of(request, app_theme):
    from recordorg.gui.theme import set_appearance

    set_appearance(app_theme, request.param)
    yield request.param
    set_appearance(app_theme, "system")


def _focus_shows(window, qtbot, start, presses: int = 80) -> tuple[list, list[str]]:
    """Go round by Tab from `start`; the controls visited and those whose look did not
    change when Tab left them."""
    window.activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus, timeout=2000)
    visited, unseen = [], []
    for _ in range(presses):
        focused = window.focusWidget()
        qtbot.wait(5)
        with_focus = focused.grab().toImage()
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        qtbot.wait(5)
        visited.append(focused)
        if window.focusWidget() is not focused and focused.grab().toImage() == with_focus:
            unseen.append(f"{type(focused).__name__} {focused.accessibleName()!r}")
        if window.focusWidget() is start:
            return visited, unseen
    pytest.fail("Tab did not come back to where it started")


def test_focus_is_visible_on_every_control_in_light_and_dark(
    demo_window, qtbot, palette_of
) -> None:
    view = demo_window.library_view
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=5000)
    view.select_ids([view.model.record_id(0)])
    qtbot.wait(30)
    visited, unseen = _focus_shows(demo_window, qtbot, view.sidebar.tree)
    assert len(set(visited)) > 12
    assert not unseen, f"no sign of focus on: {unseen}"
    view.grid.setFocus(Qt.FocusReason.TabFocusReason)
    save_screenshot(demo_window, f"focus-{palette_of}")
    demo_window.commands.set_view_mode("table")
    qtbot.wait(30)
    visited, unseen = _focus_shows(demo_window, qtbot, view.sidebar.tree)
    assert view.table in visited
    assert not unseen, f"no sign of focus on: {unseen}"
    demo_window.menus.search_field.setText("metasta")
    qtbot.waitUntil(lambda: view.search_model.rowCount() > 0, timeout=3000)
    visited, unseen = _focus_shows(demo_window, qtbot, view.sidebar.tree)
    assert view.results in visited
    assert not unseen, f"no sign of focus on: {unseen}"


def test_focus_is_visible_in_the_case_review(demo_window, qtbot, palette_of) -> None:
    review = demo_window.case.review
    demo_window.tabs.setCurrentWidget(review)
    qtbot.wait(30)
    visited, unseen = _focus_shows(demo_window, qtbot, review.tree)
    assert review.sources in visited and review.checklist in visited
    assert not unseen, f"no sign of focus on: {unseen}"


def test_the_ring_stands_out_from_the_window(app_theme, palette_of) -> None:
    from recordorg.gui.case.timeline_paint import contrast

    palette = app_theme.palette()
    ring, window = (
        palette.color(QPalette.ColorRole.Highlight),
        palette.color(QPalette.ColorRole.Window),
    )
    assert contrast(ring, window) >= 3, palette_of  # what WCAG asks of a focus indicator
