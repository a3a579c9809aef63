"""A FHIR health record drawn as a readable PDF: the clinical document's header and
sections, with its tables drawn a line a row (a history of thousands of results draws in a
second or two; a cell too long for its column is shortened, its full words stay in the
record's searchable text)."""

from __future__ import annotations

from recordorg.formats.ccda import ClinicalDocument
from recordorg.formats.ccda_narrative import Block
from recordorg.formats.ccda_pdf import MAX_COLUMNS, _block, _header_lines, _Pages

SIZE = 8.0
CHAR_MM = SIZE * 0.3528 * 0.52  # the width of an average character at SIZE points
LONGEST_CELL = 70  # characters a column is made wide enough for


def fhir_pdf(document: ClinicalDocument) -> bytes:
    """The record as PDF bytes, one section after another, headed by who and when."""
    pdf = _Pages(document.title or "Health record")
    pdf.add_page()
    pdf.line_of(document.title or "Health record", 16, "B", 2)
    for label, value in _header_lines(document):
        pdf.line_of(f"{label}: {value}", 9, "", 0.5)
    pdf.ln(3)
    for section in document.sections:
        pdf.set_draw_color(160, 160, 160)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(1.5)
        pdf.line_of(section.title, 12, "B", 1.5)
        for block in section.blocks:
            if block.kind == "table":
                _table(pdf, block)
            else:
                _block(pdf, block)
        pdf.ln(2)
    return bytes(pdf.output())


def _widths(rows: list[list[str]], columns: int, usable: float) -> list[float]:
    longest = [
        max(min(len(row[c]) if c < len(row) else 0, LONGEST_CELL) for row in rows) + 2
        for c in range(columns)
    ]
    total = sum(longest) or 1
    return [usable * n / total for n in longest]


def _fit(text: str, width: float) -> str:
    room = max(3, int(width / CHAR_MM))
    text = " ".join(text.split())
    return text if len(text) <= room else text[: room - 1] + "\u2026"


def _table(pdf: _Pages, block: Block) -> None:
    columns = min(MAX_COLUMNS, max(len(row) for row in block.rows))
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    widths = _widths(block.rows, columns, usable)
    line = SIZE * 0.5
    pdf.set_draw_color(200, 200, 200)
    for number, row in enumerate(block.rows):
        heading = number < block.header_rows
        if pdf.get_y() + line > pdf.h - pdf.b_margin:
            pdf.add_page()
        pdf.set_font(pdf.family_name, "B" if heading else "", SIZE)
        x, y = pdf.l_margin, pdf.get_y()
        for text, width in zip(row[:columns], widths, strict=False):
            pdf.text(x + 0.8, y + line * 0.75, pdf.t(_fit(text, width)))
            x += width
        pdf.set_y(y + line)
        if heading or number == len(block.rows) - 1:
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + usable, pdf.get_y())
    pdf.ln(2)
