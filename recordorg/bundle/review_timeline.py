"""The timeline page of REVIEW.PDF: the core's drawing as vectors and words (searchable,
selectable, sharp at any zoom), then its key as a table of numbered items."""

from __future__ import annotations

from recordorg.bundle.review_layout import Pages
from recordorg.core.case.timeline import TimelineLayout
from recordorg.core.case.timeline_draw import draw_timeline
from recordorg.core.case.timeline_render import draw_scene_on_pdf

WIDTH = 960  # pixels across the page: labels of 10 px come out near 8 pt
KEY_WIDTHS = (14.0, 42.0, 56.0)  # mm: number, date, lane; the words take the rest


def timeline_on_page(pdf: Pages, layout: TimelineLayout, title: str = "") -> None:
    """Draw the timeline across the page from where the page is written to, shrunk to the
    room left if it is taller; then the key of numbered items, over more pages if needed."""
    scene = draw_timeline(layout, WIDTH, title or "Treatment history", key=False)
    k = pdf.epw / scene.width
    room = pdf.page_break_trigger - pdf.get_y() - 4
    if scene.height * k > room:
        k = room / scene.height
    top = pdf.get_y()
    draw_scene_on_pdf(pdf, scene, pdf.l_margin, top, k, pdf.family)
    pdf.set_y(top + scene.height * k + 4)
    if not scene.key:
        return
    if pdf.get_y() + 20 > pdf.page_break_trigger:
        pdf.add_page(same=True)
    pdf.para("Key to the numbered items", 11, bold=True)
    words = pdf.epw - sum(KEY_WIDTHS)
    pdf.quick_rows(
        ["No.", "Date", "Lane", "What"],
        [[str(line.number), line.when, line.lane, line.label] for line in scene.key],
        (*KEY_WIDTHS, words),
    )
