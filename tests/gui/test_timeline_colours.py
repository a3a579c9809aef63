"""The window's timeline colours: lane bands only just differ from the paper and every word
stands out from what it is written on, in light, dark and mismatched system palettes."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QColor, QPalette

from recordorg.core.case.review import CaseEntry, CaseReview, Citation
from recordorg.core.case.timeline import RecordDot, build_timeline
from recordorg.core.case.timeline_draw import draw_timeline


def _layout():
    def entry(n: int, kind: str, **fields) -> CaseEntry:
        return CaseEntry(n, kind, "confirmed", "person", fields, [Citation(n, 100 + n, 1, "")])

    entries = [
        entry(1, "diagnosis", histology="Invasive ductal carcinoma", diagnosed_on="2023-02-14"),
        entry(
            2,
            "treatment_line",
            line_number=1,
            regimen="letrozole",
            start_date="2023-03-06",
            end_date="2024-04-30",
        ),
        entry(
            3,
            "event",
            event_type="admission",
            title="Admission",
            start_date="2024-08-03",
            end_date="2024-08-07",
        ),
        entry(4, "imaging", modality="CT", study_date="2024-05-08"),
    ]
    dots = [RecordDot(200, "Blood count", "2024-06-02", "laboratory")]
    return build_timeline(CaseReview("Someone", 1, entries), dots, date(2024, 9, 1))


def _palette(base: str, text: str, alternate: str, mid: str, placeholder: str) -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.AlternateBase, alternate),
        (QPalette.ColorRole.Mid, mid),
        (QPalette.ColorRole.PlaceholderText, placeholder),
    ):
        palette.setColor(role, QColor(colour))
    return palette


PALETTES = {
    "light": ("#ffffff", "#1a1a1a", "#f5f5f5", "#a0a0a0", "#777777"),
    "dark": ("#1e1e1e", "#e6e6e6", "#262626", "#505050", "#9a9a9a"),
    "dark with a white alternate base and dark text": (
        "#141414",
        "#202020",
        "#ffffff",
        "#ffffff",
        "#303030",
    ),
    "light with a black alternate base": ("#fafafa", "#111111", "#000000", "#d0d0d0", "#888888"),
}


@pytest.mark.parametrize("name", list(PALETTES))
def test_lanes_and_words_read_in_every_palette(qapp, name) -> None:
    from recordorg.gui.case.timeline_paint import contrast, window_palette

    colours = window_palette(_palette(*PALETTES[name]))
    paper, band = QColor(colours.paper), QColor(colours.band)
    assert 1.0 < contrast(band, paper) <= 1.3  # bands alternate gently, never white and black
    scene = draw_timeline(_layout(), 1100, palette=colours)
    titles = [s for s in scene.shapes if s.kind == "text" and s.pinned]
    assert "Other events" in {s.text for s in titles}
    for shape in scene.shapes:
        if shape.kind == "text" and shape.text and shape.fill != colours.on_bar:
            ink = QColor(shape.fill or colours.ink)
            worst = min(contrast(ink, paper), contrast(ink, band))
            assert worst >= 3, f"{shape.text!r} in {shape.fill} on {name}: {worst:.1f}"
