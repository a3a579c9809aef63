"""The window's structure: only the window sets its own attributes (its parts are controllers
it creates, not functions that add to it). No import circle anywhere: tests/test_layers.py."""

from __future__ import annotations

import ast
import inspect


def _set_in_init(cls: type) -> set[str]:
    tree = ast.parse(inspect.getsource(cls.__init__).strip())
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.ctx, ast.Store)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    }


def test_only_the_window_sets_its_attributes(demo_window) -> None:
    from recordorg.gui.bundle.actions import BundleActions
    from recordorg.gui.case.case_views import CaseViews
    from recordorg.gui.understanding.scan_reader import ScanReader
    from recordorg.gui.window.main_window import MainWindow

    declared = _set_in_init(MainWindow)
    # (Qt keeps the window's bound signals and meta-object there too: the class's own)
    attributes = {
        name
        for name in vars(demo_window)
        if not name.startswith("__") and not hasattr(MainWindow, name)
    }
    assert attributes and attributes <= declared
    assert isinstance(demo_window.bundles, BundleActions)
    assert isinstance(demo_window.case, CaseViews)
    assert isinstance(demo_window.scans, ScanReader)
    assert demo_window.case.review is demo_window.views["Case Review"]
