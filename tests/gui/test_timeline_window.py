"""The window's timeline paints the core's drawing: a library spanning 2001-2025 reads with
date labels and a "before" gutter, in light and dark palettes; zoom lays it out again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from PySide6.QtCore import Qt

from recordorg.core.case.review import CaseEntry, CaseReview, Citation
from recordorg.core.case.timeline import RecordDot, build_timeline
from tests.gui.conftest import save_screenshot

OLD = ["MR BRAIN", "NM WHOLE BODY", "XR CHEST", "MR KNEE", "CT SINUSES", "US ABDOMEN"]


def long_history():
    """Scans from 2001 on, then the cancer years (2022-2025) with their case review."""

    def entry(n: int, kind: str, **fields) -> CaseEntry:
        return CaseEntry(n, kind, "confirmed", "person", fields, [Citation(n, 100 + n, 1, "")])

    entries = [
        entry(1, "diagnosis", histology="Invasive ductal carcinoma", diagnosed_on="2022-03-14"),
        entry(
            2,
            "treatment_line",
            line_number=1,
            regimen="AC-T",
            start_date="2022-04-04",
            end_date="2022-09-30",
        ),
        entry(
            3,
            "treatment_line",
            line_number=2,
            regimen="letrozole + palbociclib",
            start_date="2022-10-20",
            end_date="2024-05-10",
        ),
        entry(
            4,
            "treatment_line",
            line_number=3,
            regimen="capecitabine",
            start_date="2024-05-20",
            ongoing=True,
        ),
        entry(5, "procedure", name="Left mastectomy", performed_on="2022-10-03"),
    ]
    entries += [
        entry(10 + n, "imaging", modality="CT", study_date=f"2023-{n % 12 + 1:02}-15")
        for n in range(14)
    ]
    dots = [
        RecordDot(200 + n, title, f"{2001 + 3 * n}-05-02", "imaging") for n, title in enumerate(OLD)
    ]
    dots += [
        RecordDot(300 + n, f"Blood count {n}", f"2024-{n % 12 + 1:02}-0{n % 9 + 1}", "laboratory")
        for n in range(40)
    ]
    dots.append(RecordDot(400, "Admission", "2025-01-03", "other", end_date="2025-01-10"))
    dots.append(RecordDot(401, "Clinic letter", "2023-03", "letter"))
    return build_timeline(CaseReview("Someone", 1, entries), dots, date(2025, 3, 1))


@contextmanager
def long_history_shown(qtbot, app, theme: str, widget_class) -> Iterator:
    """A timeline widget (the canvas, or the view with its tools) showing the long history in
    a light or dark palette; the palette follows the system again after."""
    from recordorg.gui.theme import set_appearance

    set_appearance(app, theme)
    try:
        widget = widget_class()
        qtbot.addWidget(widget)
        widget.resize(1300, 700)
        widget.show()
        qtbot.waitExposed(widget)
        canvas = getattr(widget, "canvas", widget)
        canvas.show_layout(long_history())
        yield widget
    finally:
        set_appearance(app, "system")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_long_history_reads_in_light_and_dark(qtbot, app_theme, theme) -> None:
    from recordorg.gui.case.timeline_view import TimelineCanvas

    with long_history_shown(qtbot, app_theme, theme, TimelineCanvas) as canvas:
        texts = [label.text for label in canvas.drawing.axis]
        assert "before 2022" in texts and "2001" in texts
        assert sum(label.x >= canvas.drawing.scale.main_left for label in canvas.drawing.axis) >= 2
        image = canvas.viewport().grab().toImage()
        paper = image.pixelColor(image.width() - 5, image.height() - 5).lightness()
        assert (paper < 100) if theme == "dark" else (paper > 200)
        save_screenshot(canvas, f"timeline-long-{theme}")
        keyed = len(canvas.drawing.key)
        canvas.set_zoom(4)
        assert canvas.drawing.width > 4 * 1200 and len(canvas.drawing.key) < keyed
        point = canvas.item_point(entry_id=3)
        with qtbot.waitSignal(canvas.record_requested) as opened:
            qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert opened.args == [103, 1]
