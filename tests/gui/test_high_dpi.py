"""On a screen of twice the density the window is sharp and whole: icons, page and series
thumbnails and pictures have the pixels the screen draws them with, and no label is cut (nor
in large text)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from tests.gui.high_dpi_window import look

ROOT = Path(__file__).resolve().parents[2]


def test_the_window_at_twice_the_density_is_sharp_and_whole(demo_source, tmp_path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "gui" / "high_dpi_window.py"), demo_source, tmp_path],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["ratio"] == 2
    assert len(found["seen"]) == 6, found["seen"]
    assert found["blurred"] == [], "drawn with too few pixels"
    assert found["cut"] == [], "labels smaller than their words"


def test_the_look_finds_a_blurred_picture_and_a_cut_label(qtbot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    picture = QLabel()
    pixmap = QPixmap(QSize(22, 22))  # one pixel a point: blurred at twice the density
    picture.setPixmap(pixmap)
    words = QLabel("A title far longer than the room it was given")
    words.setMaximumWidth(60)
    layout.addWidget(picture)
    layout.addWidget(words)
    root.show()
    found = look(root, "test", 2.0)
    assert any("QLabel" in entry for entry in found["blurred"])
    assert any("far longer" in entry for entry in found["cut"])
    picture.clear()
    words.setMaximumWidth(16777215)
    root.resize(600, 100)
    assert look(root, "test", 2.0) == {"blurred": [], "cut": []}


def test_the_export_dialog_in_large_text_cuts_no_words(demo_window, qtbot, qapp) -> None:
    from PySide6.QtGui import QFont

    from recordorg.gui.bundle.export_dialog import ExportDialog

    usual = qapp.font()
    large = QFont(usual)
    large.setPointSizeF(15)
    qapp.setFont(large)
    try:
        dialog = ExportDialog(demo_window.library, [], demo_window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.wait(50)
        assert dialog.side.privacy_warning.isVisibleTo(dialog)
        assert look(dialog, "export dialog", 1.0)["cut"] == []
    finally:
        qapp.setFont(usual)


def test_check_boxes_and_radio_buttons_grow_with_the_text(app_theme, qtbot) -> None:
    from PySide6.QtGui import QFont, QFontMetrics
    from PySide6.QtWidgets import QCheckBox, QRadioButton, QStyle

    for points in (10, 15, 20):
        for control in (QCheckBox("Choose for me"), QRadioButton("Day first")):
            qtbot.addWidget(control)
            font = QFont(control.font())
            font.setPointSizeF(points)
            control.setFont(font)
            metric = (
                QStyle.PixelMetric.PM_IndicatorHeight
                if isinstance(control, QCheckBox)
                else QStyle.PixelMetric.PM_ExclusiveIndicatorHeight
            )
            box = control.style().pixelMetric(metric, None, control)
            assert box >= 0.85 * QFontMetrics(font).height(), (points, type(control).__name__)
