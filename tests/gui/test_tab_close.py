"""A record's tab closes with a flat button showing the desktop's close icon."""

from __future__ import annotations

from PySide6.QtWidgets import QTabBar, QToolButton

from tests.gui.conftest import save_screenshot


def test_a_record_tab_has_a_flat_close_button(demo_window, qtbot) -> None:
    tabs = demo_window.tabs
    bar = tabs.tabBar()
    right = QTabBar.ButtonPosition.RightSide
    for index in range(demo_window.record_tabs.fixed):
        assert bar.tabButton(index, right) is None  # the fixed tabs cannot be closed
    demo_window.open_record(demo_window.library_view.model.record_id(0))
    index = tabs.currentIndex()
    button = bar.tabButton(index, right)
    assert isinstance(button, QToolButton) and button.autoRaise()
    assert not button.icon().isNull()
    assert button.accessibleName().startswith("Close ")
    save_screenshot(bar, "tab-close-button")
    count = tabs.count()
    button.click()
    assert tabs.count() == count - 1


def test_an_opened_bundle_tab_has_the_same_close_button(demo_window, tmp_path) -> None:
    from PySide6.QtWidgets import QLabel

    from recordorg.gui.window.tabs import add_closable_tab

    tabs = demo_window.tabs
    index = add_closable_tab(tabs, QLabel("bundle"), tabs.tabIcon(0), "Bundle: Maria Example")
    button = tabs.tabBar().tabButton(index, QTabBar.ButtonPosition.RightSide)
    assert (
        isinstance(button, QToolButton) and button.accessibleName() == "Close Bundle: Maria Example"
    )
    count = tabs.count()
    button.click()
    assert tabs.count() == count - 1
