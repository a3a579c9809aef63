"""Crisp SVG icons, drawn at any size and tinted from the current palette."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from recordorg.core.paths import resources_dir

ICON_DIR = resources_dir() / "icons"


@cache
def _svg_text(name: str) -> str:
    return (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")


def _tint(mode: QIcon.Mode, role: QPalette.ColorRole | None) -> QColor:
    palette = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    return palette.color(role or QPalette.ColorRole.WindowText)


class SvgIconEngine(QIconEngine):
    """Renders one SVG, replacing currentColor with the palette's colour for the mode."""

    def __init__(
        self, name: str, color: QColor | None = None, role: QPalette.ColorRole | None = None
    ) -> None:
        super().__init__()
        self._name = name
        self._color = color
        self._role = role
        self._renderers: dict[str, QSvgRenderer] = {}

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        color = self._color if (self._color and mode != QIcon.Mode.Disabled) else None
        color = color or _tint(mode, self._role)
        key = color.name(QColor.NameFormat.HexArgb)
        renderer = self._renderers.get(key)
        if renderer is None:
            svg = _svg_text(self._name).replace("currentColor", color.name())
            if color.alpha() < 255:
                svg = svg.replace("<svg ", f'<svg opacity="{color.alphaF():.3f}" ', 1)
            renderer = QSvgRenderer(QByteArray(svg.encode()))
            self._renderers[key] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer(mode).render(painter, QRectF(rect))
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, pixmap.width(), pixmap.height()), mode, state)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._name, self._color, self._role)

    def key(self) -> str:
        return "recordorg-svg"


def icon(name: str, color: QColor | str | None = None) -> QIcon:
    """An icon by name (resources/icons/NAME.svg), tinted by the palette or a fixed colour."""
    fixed = QColor(color) if isinstance(color, str) else color
    return QIcon(SvgIconEngine(name, fixed))


def app_icon() -> QIcon:
    """The application's own icon, in its colours."""
    return QIcon(str(ICON_DIR / "recordorg.svg"))


def render_svg(name: str, size: int, color: QColor, device_pixel_ratio: float = 1.0) -> QPixmap:
    """A pixmap of an icon in one colour (for empty states and drawn placeholders)."""
    return SvgIconEngine(name, color).scaledPixmap(
        QSize(size, size), QIcon.Mode.Normal, QIcon.State.Off, device_pixel_ratio
    )


KIND_ICONS = {"pdf": "document", "image": "photo", "dicom": "scan", "other": "file"}


def kind_icon(kind: str) -> QIcon:
    return icon(KIND_ICONS.get(kind, "file"))
