"""A search typed a moment before its library closes is not run on the closed library."""

from __future__ import annotations

from pathlib import Path


def test_a_search_typed_just_before_the_window_closes_is_dropped(demo_window, qtbot) -> None:
    demo_window.menus.search_field.setText("letrozole")  # the search waits 150 ms to run
    demo_window.close()
    qtbot.wait(400)  # an error in the event loop here fails the test
    assert demo_window.library is None


def test_a_search_typed_just_before_another_library_opens_is_dropped(
    demo_window, qtbot, tmp_path: Path
) -> None:
    from recordorg.core.catalogue.library import Library

    demo_window.menus.search_field.setText("letrozole")
    demo_window.show_library(Library.open(tmp_path / "other"))
    qtbot.wait(400)
    assert demo_window.library.root == tmp_path / "other"
