"""The focus ring: the control the keyboard is on is drawn with a clear ring in the
palette's highlight colour, in light and dark palettes alike (Fusion alone shows none on
buttons, check boxes, tabs and plain combo boxes)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QWidget,
)

RING = 2.0  # pixels
RINGED_CONTROLS = {
    QStyle.ControlElement.CE_PushButton,
    QStyle.ControlElement.CE_CheckBox,
    QStyle.ControlElement.CE_RadioButton,
    QStyle.ControlElement.CE_TabBarTab,
}
RINGED_COMPLEX = {QStyle.ComplexControl.CC_ToolButton, QStyle.ComplexControl.CC_ComboBox}


def keyboard_focus(option: QStyleOption) -> bool:
    """The control has focus that came from the keyboard (Tab, a shortcut)."""
    state = option.state
    return bool(state & QStyle.StateFlag.State_HasFocus) and bool(
        state & QStyle.StateFlag.State_KeyboardFocusChange
    )


def draw_focus_ring(
    painter: QPainter,
    rect: QRectF,
    palette: QPalette,
    radius: float = 4,
    role: QPalette.ColorRole = QPalette.ColorRole.Highlight,
    width: float = RING,
) -> None:
    """A ring just inside `rect` in the highlight colour (or another of the palette's)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(palette.color(role), width))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inset = width / 2
    painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), radius, radius)
    painter.restore()


def keyboard_on(view: QWidget | None, index: QModelIndex) -> bool:
    """The keyboard is on a view and `index` is in its current row (for delegates that
    draw their own items: Qt does not say so in their option)."""
    return (
        isinstance(view, QAbstractItemView)
        and view.hasFocus()
        and view.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
        and view.currentIndex().row() == index.row()
    )


def _ring_on(option: QStyleOption) -> QPalette.ColorRole:
    """The ring's colour: the highlight, or on a chosen row's highlight its text colour."""
    under = getattr(option, "backgroundColor", None)
    if under is not None and under == option.palette.color(QPalette.ColorRole.Highlight):
        return QPalette.ColorRole.HighlightedText
    return QPalette.ColorRole.Highlight


def ring_current_row(view: QAbstractItemView) -> None:
    """Ring the row the keyboard is on in a table whose rows are chosen whole (Qt's own
    ring is lost in the highlight of a chosen row); call after the view painted itself."""
    current = view.currentIndex()
    window = view.window()
    if not (view.hasFocus() and current.isValid()):
        return
    if not window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange):
        return
    model = view.model()
    row = view.visualRect(model.index(current.row(), 0)).united(
        view.visualRect(model.index(current.row(), model.columnCount() - 1))
    )
    chosen = view.selectionModel().isRowSelected(current.row(), current.parent())
    role = QPalette.ColorRole.HighlightedText if chosen else QPalette.ColorRole.Highlight
    painter = QPainter(view.viewport())
    draw_focus_ring(painter, QRectF(row).adjusted(1, 1, -1, -1), view.palette(), 3, role)
    painter.end()


def _framed_view(widget, option: QStyleOption) -> bool:
    """A list, table or tree with a frame to draw the ring in, and the keyboard on it
    (an empty one has no current row to show it)."""
    return (
        isinstance(widget, QAbstractItemView) and widget.frameWidth() > 0 and keyboard_focus(option)
    )


class FocusRingStyle(QProxyStyle):
    """Fusion (or any base style) with a focus ring on the control the keyboard is on."""

    def drawControl(self, element, option, painter, widget=None) -> None:
        super().drawControl(element, option, painter, widget)
        if element in RINGED_CONTROLS and keyboard_focus(option):
            draw_focus_ring(painter, QRectF(option.rect), option.palette)
        elif element == QStyle.ControlElement.CE_ShapedFrame and _framed_view(widget, option):
            draw_focus_ring(painter, QRectF(option.rect), option.palette, 2)  # in its frame

    def drawComplexControl(self, control, option, painter, widget=None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        editable = isinstance(widget, QComboBox) and widget.isEditable()  # its field shows it
        if control in RINGED_COMPLEX and keyboard_focus(option) and not editable:
            draw_focus_ring(painter, QRectF(option.rect), option.palette)

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:  # a list's current row
            if option.state & QStyle.StateFlag.State_KeyboardFocusChange:
                draw_focus_ring(painter, QRectF(option.rect), option.palette, 3, _ring_on(option))
            return
        super().drawPrimitive(element, option, painter, widget)
