"""Write sample PDFs: reports with a real text layer, and scanned pages without one."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from recordorg.samples.render import find_truetype_font, render_page

CREATOR = "Riverside General Hospital EHR (fictional sample)"
LINE_HEIGHT = 5.5


def _new_pdf(title: str, author: str, creation_date: datetime | None) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(18, 18, 18)
    pdf.set_title(title)
    pdf.alias_nb_pages()
    pdf.set_author(author)
    pdf.set_creator(CREATOR)
    if creation_date is not None:
        if creation_date.tzinfo is None:  # the wall-clock time given is what gets written
            creation_date = creation_date.replace(tzinfo=UTC)
        pdf.set_creation_date(creation_date)
    return pdf


def _pick_font(pdf: FPDF, texts: list[str], monospace: bool) -> str:
    """Use a core font for Latin-1 text, a TrueType font for anything else (if installed)."""
    try:
        "".join(texts).encode("latin-1")
    except UnicodeEncodeError:
        ttf = find_truetype_font()
        if ttf is not None:
            pdf.add_font("SampleSans", "", str(ttf))
            return "SampleSans"
    return "Courier" if monospace else "Helvetica"


def _latin1(text: str, font: str) -> str:
    if font == "SampleSans":
        return text
    return text.encode("latin-1", "replace").decode("latin-1")


def _wrapped_lines(pdf: FPDF, paragraphs: list[str]) -> list[str]:
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += pdf.multi_cell(pdf.epw, LINE_HEIGHT, paragraph, dry_run=True, output="LINES")
        lines.append("")
    return lines


def make_text_pdf(
    path: str | Path,
    title: str,
    paragraphs: list[str],
    pages: int = 1,
    creation_date: datetime | None = None,
    author: str = "",
    encrypt_password: str | None = None,
    monospace: bool = False,
) -> Path:
    """Write a PDF with a real text layer; `pages` is a minimum, text repeats to fill it.

    Without `creation_date` the file carries no /CreationDate; with `encrypt_password` it
    is AES-256 encrypted and needs that password to open.
    """
    path = Path(path)
    pdf = _new_pdf(title, author, creation_date)
    font = _pick_font(pdf, [title, *paragraphs], monospace)
    pdf.set_font(font, size=10)
    pdf.add_page()
    body = _wrapped_lines(pdf, [_latin1(p, font) for p in paragraphs]) or [""]
    n, pos, page_number = len(body), 0, 0
    while True:
        page_number += 1
        if page_number > 1:
            pdf.add_page()
        pdf.set_font(font, size=14)
        heading = title if page_number == 1 else f"{title} (continued)"
        pdf.cell(0, 9, _latin1(heading, font), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, size=10)
        written = 0
        while pdf.get_y() + LINE_HEIGHT <= pdf.h - 20:
            if page_number >= pages and pos >= n and pos % n == 0 and written:
                break
            pdf.cell(0, LINE_HEIGHT, body[pos % n], new_x="LMARGIN", new_y="NEXT")
            pos, written = pos + 1, written + 1
        pdf.set_y(pdf.h - 14)
        pdf.set_font(font, size=8)
        pdf.cell(0, 5, f"Page {page_number} of {{nb}}", align="C")
        if page_number >= pages and pos >= n and pos % n == 0:
            break
    return _finish(pdf, path, creation_date, encrypt_password)


def _finish(
    pdf: FPDF, path: Path, creation_date: datetime | None, encrypt_password: str | None
) -> Path:
    """Write the PDF, dropping the date fpdf2 always sets and encrypting when asked."""
    data = bytes(pdf.output())
    if creation_date is None or encrypt_password is not None:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        if creation_date is None:
            info = {
                k: v
                for k, v in (writer.metadata or {}).items()
                if k not in ("/CreationDate", "/ModDate")
            }
            writer.metadata = None
            writer.add_metadata(info)
        if encrypt_password is not None:
            writer.encrypt(encrypt_password, algorithm="AES-256")
        buffer = io.BytesIO()
        writer.write(buffer)
        data = buffer.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def make_scanned_pdf(
    path: str | Path,
    lines: list[str],
    pages: int = 1,
    creation_date: datetime | None = None,
    author: str = "",
    dpi: int = 100,
) -> Path:
    """Write a PDF whose pages are only images of text (no text layer), like a scan."""
    path = Path(path)
    pdf = _new_pdf("Scanned document", author, creation_date)
    size = (int(210 / 25.4 * dpi), int(297 / 25.4 * dpi))
    for page_number in range(1, pages + 1):
        image = render_page([*lines, f"Page {page_number} of {pages}"], size, paper=242)
        pdf.add_page()
        pdf.image(image, x=0, y=0, w=pdf.w, h=pdf.h)
    return _finish(pdf, path, creation_date, None)
