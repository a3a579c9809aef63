"""A clinical document drawn as a readable PDF: its header (patient, author, dates) and the
narrative of each section as paragraphs, lists and tables, from words only."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from recordorg.core.case.timeline_text import font_path
from recordorg.formats.ccda import ClinicalDocument, Section
from recordorg.formats.ccda_narrative import Block

CORE_ENCODING = "cp1252"
MAX_COLUMNS = 12


class _Pages(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(unit="mm", format="A4")
        self.set_margins(16, 16, 16)
        self.set_auto_page_break(True, margin=16)
        self.set_creator("recordorg")
        self.set_title(title)
        regular, bold = font_path(), font_path(True)
        if regular:
            self.add_font("Sans", "", regular)
            self.add_font("Sans", "B", bold or regular)
            self.add_font("Sans", "I", regular)
            self.add_font("Sans", "BI", bold or regular)
            self.family_name = "Sans"
        else:
            self.family_name = "Helvetica"
        self.set_font(self.family_name, size=10)

    def t(self, text: str) -> str:
        if self.family_name == "Helvetica":
            return text.encode(CORE_ENCODING, "replace").decode(CORE_ENCODING)
        return text

    def line_of(self, text: str, size: float = 10, style: str = "", gap: float = 1) -> None:
        self.set_font(self.family_name, style, size)
        self.multi_cell(0, size * 0.45, self.t(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)


def document_pdf(document: ClinicalDocument) -> bytes:
    """The document as PDF bytes, one section after another, headed by who and when."""
    pdf = _Pages(document.title or "Clinical document")
    pdf.add_page()
    pdf.line_of(document.title or document.kind or "Clinical document", 16, "B", 2)
    for label, value in _header_lines(document):
        pdf.line_of(f"{label}: {value}", 9, "", 0.5)
    pdf.ln(3)
    for section in document.sections:
        _section(pdf, section)
    return bytes(pdf.output())


def _header_lines(document: ClinicalDocument) -> list[tuple[str, str]]:
    patient = document.patient
    lines = [
        ("Patient", patient.get("name", "")),
        ("Born", patient.get("birth_date", "")),
        ("Document", document.kind),
        ("Written", document.written.written if document.written else ""),
    ]
    if document.service_start:
        end = document.service_end.written if document.service_end else ""
        span = document.service_start.written + (f" to {end}" if end else "")
        lines.append(("Covers", span))
    lines += [("Author", document.author), ("Organisation", document.organisation)]
    return [(label, value) for label, value in lines if value]


def _section(pdf: _Pages, section: Section) -> None:
    if section.title:
        pdf.set_draw_color(160, 160, 160)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(1.5)
        pdf.line_of(section.title, 12, "B", 1.5)
    if not section.blocks:
        pdf.line_of("(nothing written in this section)", 9, "I", 2)
    for block in section.blocks:
        _block(pdf, block)
    pdf.ln(2)


def _block(pdf: _Pages, block: Block) -> None:
    if block.kind == "paragraph":
        pdf.line_of(block.text, 10, "", 1.5)
    elif block.kind == "item":
        pdf.set_x(pdf.l_margin + 4 * (block.depth + 1))
        pdf.set_font(pdf.family_name, "", 10)
        pdf.multi_cell(0, 4.5, pdf.t("\u2022 " + block.text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(0.5)
    else:
        _table(pdf, block)


def _table(pdf: _Pages, block: Block) -> None:
    width = min(MAX_COLUMNS, max(len(row) for row in block.rows))
    rows = [(row + [""] * width)[:width] for row in block.rows]
    size = 9 if width <= 5 else 7.5
    pdf.set_font(pdf.family_name, "", size)
    pdf.set_draw_color(190, 190, 190)
    with pdf.table(
        first_row_as_headings=block.header_rows > 0,
        line_height=size * 0.45,
        text_align="LEFT",
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
    ) as table:
        for row in rows:
            cells = table.row()
            for cell in row:
                cells.cell(pdf.t(cell))
    pdf.ln(2)
