"""A screen reader and a keyboard can use the window: every control has a name to speak,
every control takes focus by Tab, and Tab goes round the main areas and comes back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QToolButton,
    QWidget,
)

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QTabBar,
    QAbstractSpinBox,
    QAbstractSlider,
    QPlainTextEdit,
)


def _part_of_another(widget: QWidget) -> bool:
    """A piece a composite control speaks for: a combo box's or spin box's text field, a
    view's header, a line edit's clear button, a tab bar's scroll arrows, a scroll bar."""
    parent = widget.parentWidget()
    return (
        isinstance(widget, (QScrollBar, QHeaderView))
        or isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit, QTabBar))
        or widget.objectName() == "qt_toolbar_ext_button"
    )


def controls(root: QWidget) -> list[QWidget]:
    """The controls a person can use in `root` as shown now (anything that takes Tab, and
    every button, field, list and tab bar)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or _part_of_another(widget):
            continue
        takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if isinstance(widget, CONTROLS) or (takes_tab and isinstance(widget, QAbstractScrollArea)):
            found.append(widget)
    return found


def _label_for(widget: QWidget) -> str:
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget and label.text().strip():
            return label.text().replace("&", "").strip(" :")
    return ""


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says a control is: its accessible name, the label that names it,
    or (from Qt's accessibility tree) its own words. A combo box's or spin box's value is not
    its name, nor is a tab bar's current tab: each tab must have words."""
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    if label := _label_for(widget):
        return label
    access = QAccessible.queryAccessibleInterface(widget)
    if access is None or isinstance(widget, (QComboBox, QAbstractSpinBox)):
        return ""
    if isinstance(widget, QTabBar):
        tabs = [access.child(n) for n in range(access.childCount())]
        words = [tab.text(QAccessible.Text.Name).strip() for tab in tabs if tab is not None]
        return ", ".join(words) if words and all(words) else ""
    return access.text(QAccessible.Text.Name).strip()


def _described(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.window()).__name__}"


def unnamed(root: QWidget) -> list[str]:
    return [_described(w) for w in controls(root) if not spoken_name(w)]


def out_of_tab_reach(root: QWidget) -> list[str]:
    return [
        _described(w)
        for w in controls(root)
        if not w.focusPolicy() & Qt.FocusPolicy.TabFocus and not _reached_otherwise(w)
    ]


def _reached_otherwise(widget: QWidget) -> bool:
    """Focus given to another widget that takes Tab, or a tool bar's button whose action
    has a key of its own (tool bars keep their buttons out of the Tab order)."""
    proxy = widget.focusProxy()
    if proxy is not None and proxy.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return True
    action = widget.defaultAction() if isinstance(widget, QToolButton) else None
    return action is not None and not action.shortcut().isEmpty()


def in_accessibility_tree(root: QWidget) -> set:
    """The objects a screen reader finds going down Qt's accessibility tree from `root`."""
    found, waiting = set(), [QAccessible.queryAccessibleInterface(root)]
    while waiting:
        node = waiting.pop()
        if node is None or not node.isValid():
            continue
        if node.object() is not None:
            found.add(node.object())
        waiting += [node.child(n) for n in range(node.childCount())]
    return found


def _each_main_view(window, qtbot):
    view = window.library_view
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=5000)
    view.select_ids([view.model.record_id(0)])
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(30)
        yield window.tabs.tabText(index)


def test_every_control_of_the_main_views_has_a_name_and_takes_tab(demo_window, qtbot) -> None:
    seen, problems = 0, []
    for view in _each_main_view(demo_window, qtbot):
        found = controls(demo_window)
        seen += len(found)
        problems += [f"{view}: no name: {p}" for p in unnamed(demo_window)]
        problems += [f"{view}: not reached by Tab: {p}" for p in out_of_tab_reach(demo_window)]
        tree = in_accessibility_tree(demo_window)
        problems += [f"{view}: not in the tree: {_described(w)}" for w in found if w not in tree]
    assert seen > 40  # the walk does find the window's controls
    assert not problems, "\n".join(problems)


def test_every_control_of_the_viewers_and_export_dialog_has_a_name(demo_window, qtbot) -> None:
    from recordorg.gui.bundle.export_dialog import ExportDialog

    view = demo_window.library_view
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=5000)
    problems = []
    for kind in ("pdf", "image", "dicom"):
        record = next(
            view.model.record_id(r)
            for r in range(view.model.rowCount())
            if view.model.record_at(r).kind == kind
        )
        demo_window.open_record(record)
        qtbot.wait(50)
        viewer = demo_window.tabs.currentWidget()
        problems += [f"{kind}: no name: {p}" for p in unnamed(viewer)]
        problems += [f"{kind}: not reached by keys: {p}" for p in out_of_tab_reach(viewer)]
    dialog = ExportDialog(demo_window.library, [], demo_window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert len(controls(dialog)) > 15
    problems += [f"export: no name: {p}" for p in unnamed(dialog)]
    problems += [f"export: not reached by Tab: {p}" for p in out_of_tab_reach(dialog)]
    assert not problems, "\n".join(problems)


def test_a_control_that_loses_its_name_is_found(demo_window, qtbot) -> None:
    review = demo_window.case.review
    demo_window.tabs.setCurrentWidget(review)
    assert review.tree in controls(review) and spoken_name(review.tree)
    review.tree.setAccessibleName("")
    assert any("QTreeWidget" in problem for problem in unnamed(review))
    view = demo_window.library_view
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=5000)
    view.select_ids([view.model.record_id(0)])
    demo_window.tabs.setCurrentIndex(0)
    assert not out_of_tab_reach(demo_window)
    view.details.notes.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    assert any("QPlainTextEdit" in problem for problem in out_of_tab_reach(demo_window))


def _tab_round(window, qtbot, start: QWidget, presses: int = 80) -> list[QWidget]:
    """The widgets Tab gives focus to, from `start` until focus comes back to it."""
    window.activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus, timeout=2000)
    visited: list[QWidget] = []
    for _ in range(presses):
        focused = window.focusWidget()
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        visited.append(window.focusWidget())
        if window.focusWidget() is start:
            return visited
    pytest.fail(
        "Tab did not come back to where it started: "
        + ", ".join(f"{type(w).__name__} {w.accessibleName()!r}" for w in visited[-12:])
    )


def test_tab_goes_round_the_library_and_its_details(demo_window, qtbot) -> None:
    view = demo_window.library_view
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=5000)
    view.select_ids([view.model.record_id(0)])
    qtbot.wait(30)
    visited = _tab_round(demo_window, qtbot, view.sidebar.tree)
    areas = {
        "sidebar": view.sidebar.tree,
        "search": demo_window.menus.search_field,
        "records": view.grid,
        "details title": view.details.title,
        "details notes": view.details.notes,
        "tabs": demo_window.tabs.tabBar(),
    }
    missing = [name for name, widget in areas.items() if widget not in visited]
    assert not missing, f"Tab never reaches: {missing}"
    assert all(visited.count(w) <= 3 for w in visited), "a field keeps Tab to itself"
    demo_window.commands.set_view_mode("table")
    qtbot.wait(30)
    assert view.table in _tab_round(demo_window, qtbot, view.sidebar.tree)


def test_tab_goes_round_the_case_review(demo_window, qtbot) -> None:
    review = demo_window.case.review
    demo_window.tabs.setCurrentWidget(review)
    qtbot.wait(30)
    visited = _tab_round(demo_window, qtbot, review.tree)
    for widget in (review.question, review.sources, review.checklist):
        assert widget in visited, widget.accessibleName()


def test_every_clear_button_of_a_field_has_a_name(demo_window, qtbot) -> None:
    from recordorg.gui.widgets.clear_button import clear_button

    view = demo_window.library_view
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=5000)
    view.select_ids([view.model.record_id(0)])  # the details' tag field
    pdf = next(r for r in range(view.model.rowCount()) if view.model.record_at(r).kind == "pdf")
    demo_window.open_record(view.model.record_id(pdf))  # the viewer's find field
    qtbot.wait(50)
    fields = [f for f in demo_window.findChildren(QLineEdit) if f.isClearButtonEnabled()]
    named = {}
    for field in fields:
        field.setText("words")  # the button shows once there is something to clear
        button = clear_button(field)
        access = QAccessible.queryAccessibleInterface(button) if button else None
        named[field.accessibleName()] = access.text(QAccessible.Text.Name) if access else ""
    assert {"Search records", "Find in document", "Add a tag"} <= set(named)
    assert named["Search records"] == "Clear search"
    unnamed_buttons = [field for field, name in named.items() if not name.startswith("Clear")]
    assert not unnamed_buttons, f"clear buttons with no name: {unnamed_buttons}"
