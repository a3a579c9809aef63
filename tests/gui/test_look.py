"""Icons, theme and error dialogs: crisp at high DPI, following light and dark, readable."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QMessageBox

from recordorg.core.errors import UserError
from recordorg.gui.icons import ICON_DIR, icon


def _opaque_pixels(pixmap) -> int:
    image = pixmap.toImage()
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if QColor(image.pixel(x, y)).alpha() > 0 and image.pixelColor(x, y).alpha() > 0
    )


def test_every_icon_draws_crisply_at_double_density(app_theme) -> None:
    names = sorted(p.stem for p in ICON_DIR.glob("*.svg"))
    assert len(names) > 40
    for name in names:
        pixmap = icon(name).pixmap(QSize(24, 24), 2.0)
        assert pixmap.devicePixelRatio() == 2.0
        assert (pixmap.width(), pixmap.height()) == (48, 48), name
        assert _opaque_pixels(pixmap) > 20, f"{name} draws nothing"


def test_icons_follow_the_palette(app_theme) -> None:
    from recordorg.gui.theme import set_appearance

    def darkest(theme: str) -> int:
        set_appearance(app_theme, theme)
        image = icon("search").pixmap(QSize(32, 32)).toImage()
        return min(
            image.pixelColor(x, y).lightness()
            for x in range(32)
            for y in range(32)
            if image.pixelColor(x, y).alpha() > 200
        )

    try:
        assert darkest("light") < 80  # dark strokes on a light window
        assert darkest("dark") > 150  # light strokes on a dark window
    finally:
        set_appearance(app_theme, "system")
    disabled = icon("search").pixmap(QSize(32, 32), QIcon.Mode.Disabled).toImage()
    assert any(disabled.pixelColor(x, y).alpha() for x in range(32) for y in range(32))


def test_errors_read_plainly_with_details_behind_a_button(app_theme, monkeypatch) -> None:
    from recordorg.gui.errors import show_error

    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    show_error(None, UserError("There is no record 7 in this library."))
    assert shown[-1].text() == "There is no record 7 in this library."
    assert shown[-1].icon() == QMessageBox.Icon.Warning
    try:
        raise KeyError("internal")
    except KeyError as error:
        show_error(None, error)
    assert "Something went wrong" in shown[-1].text()
    assert "KeyError" in shown[-1].detailedText()  # behind "Show Details…"


def test_progress_dialog_shows_count_and_current_file(app_theme) -> None:
    from recordorg.core.progress import Progress
    from recordorg.gui.widgets.progress_dialog import ProgressDialog

    dialog = ProgressDialog(None, "Importing", cancellable=False, explanation="Once only.")
    dialog.show_progress(Progress(3, 40, "IM000003"))
    assert dialog.count.text() == "3 of 40 files"
    assert dialog.current.text() == "IM000003"
    assert (dialog.bar.maximum(), dialog.bar.value()) == (40, 3)
    assert not dialog.cancel_button.isVisibleTo(dialog)
    dialog.reject()  # Esc does not hide a job that cannot be cancelled
    dialog.deleteLater()
