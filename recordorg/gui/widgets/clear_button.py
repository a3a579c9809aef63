"""A field's clear button (the × at its end) with a name a screen reader says."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QToolButton

CLEAR_ACTION = "_q_qlineeditclearaction"  # Qt's name for the button's action


def clear_button(field: QLineEdit) -> QToolButton | None:
    """The button that empties the field, once the field offers one."""
    for button in field.findChildren(QToolButton):
        action = button.defaultAction()
        if action is not None and action.objectName() == CLEAR_ACTION:
            return button
    return None


def offer_clear_button(field: QLineEdit, name: str) -> None:
    """Show a clear button in the field, named (and tipped) `name`, e.g. "Clear search"."""
    field.setClearButtonEnabled(True)
    action = field.findChild(QAction, CLEAR_ACTION)
    if action is not None:
        action.setText(name)
        action.setToolTip(name)
    button = clear_button(field)
    if button is not None:
        button.setAccessibleName(name)
