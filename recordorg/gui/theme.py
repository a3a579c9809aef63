"""The look: Fusion style with a focus ring and check boxes as large as the text, the
system's light or dark palette, a small style sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from recordorg.core.paths import resources_dir
from recordorg.gui.focus_ring import FocusRingStyle

ACCENT = QColor("#1d7f8f")

# A calm colour per built-in category, used for the small chips on cards and in the table.
CATEGORY_COLOURS = {
    "pathology": "#b5466b",
    "imaging-report": "#3b6fb6",
    "imaging-study": "#2f8a9e",
    "laboratory": "#7a5bb5",
    "genomics": "#a45cb0",
    "medication": "#c2752b",
    "surgery": "#b0503a",
    "radiotherapy": "#c49a1c",
    "clinic-letter": "#3f8f5a",
    "discharge-summary": "#5a7d2f",
    "administrative": "#6b7280",
    "other": "#8a8f98",
}


INDICATORS = {
    QStyle.PixelMetric.PM_IndicatorWidth,
    QStyle.PixelMetric.PM_IndicatorHeight,
    QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
    QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
}


class WindowStyle(FocusRingStyle):
    """Fusion with a focus ring, and check boxes and radio buttons that grow with the text
    (Fusion keeps them at 14 pixels however large a person sets the words)."""

    def pixelMetric(self, metric, option=None, widget=None) -> int:
        size = super().pixelMetric(metric, option, widget)
        if metric in INDICATORS:
            font = widget.font() if widget is not None else QApplication.font()
            size = max(size, round(QFontMetrics(font).height() * 0.9))
        return size


def category_colour(slug: str) -> QColor:
    if slug in CATEGORY_COLOURS:
        return QColor(CATEGORY_COLOURS[slug])
    hue = sum(ord(c) for c in slug) * 47 % 360
    return QColor.fromHsl(hue, 110, 120)


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    p = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#202326",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#17191b",
        QPalette.ColorRole.AlternateBase: "#1f2225",
        QPalette.ColorRole.ToolTipBase: "#2b2f33",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8b9096",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#2a2d31",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Light: "#3a3e43",
        QPalette.ColorRole.Midlight: "#32363a",
        QPalette.ColorRole.Mid: "#44494e",
        QPalette.ColorRole.Dark: "#111213",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Highlight: "#2b8a99",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#5cc3d1",
        QPalette.ColorRole.LinkVisited: "#8fb3d9",
    }
    for role, value in colours.items():
        p.setColor(role, QColor(value))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6c7177"))
    return p


def light_palette() -> QPalette:
    p = QApplication.style().standardPalette()
    p.setColor(QPalette.ColorRole.Window, QColor("#f4f5f6"))
    p.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#f6f8f9"))
    p.setColor(QPalette.ColorRole.Highlight, ACCENT)
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Link, QColor("#17707e"))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#80868d"))
    return p


def _style_sheet() -> str:
    path = resources_dir() / "style" / "recordorg.qss"
    return path.read_text(encoding="utf-8") if path.exists() else ""


APPEARANCES = ("system", "light", "dark")
_chosen = {"appearance": "system"}


def apply_theme(app: QApplication, appearance: str | None = None) -> None:
    """Fusion, with a palette that follows the system's light/dark choice as it changes
    (or the user's own choice: "light" or "dark")."""
    if not isinstance(app.style(), WindowStyle):
        app.setStyle(WindowStyle("Fusion"))
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    if appearance is not None:
        _chosen["appearance"] = appearance
    if not app.property("recordorgThemed"):
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _apply_scheme(app))
        app.setProperty("recordorgThemed", True)
    _apply_scheme(app)


def set_appearance(app: QApplication, appearance: str) -> None:
    """Follow the system ("system"), or stay "light" or "dark"."""
    _chosen["appearance"] = appearance if appearance in APPEARANCES else "system"
    _apply_scheme(app)


def appearance() -> str:
    return _chosen["appearance"]


def _apply_scheme(app: QApplication) -> None:
    chosen = _chosen["appearance"]
    if chosen == "system":
        dark = app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    else:
        dark = chosen == "dark"
    app.setPalette(dark_palette() if dark else light_palette())
    app.setStyleSheet(_style_sheet())
    for widget in app.allWidgets():
        widget.update()


def secondary_text(palette: QPalette) -> QColor:
    """A softer text colour for dates, counts and explanations."""
    text = palette.color(QPalette.ColorRole.WindowText)
    base = palette.color(QPalette.ColorRole.Window)
    return QColor(
        (text.red() * 6 + base.red() * 4) // 10,
        (text.green() * 6 + base.green() * 4) // 10,
        (text.blue() * 6 + base.blue() * 4) // 10,
    )
