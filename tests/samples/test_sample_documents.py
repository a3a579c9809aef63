"""Sample PDFs read back with pypdfium2 and pypdf: text layer, pages, metadata, password."""

from datetime import datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from recordorg.samples import texts
from recordorg.samples.documents import make_scanned_pdf, make_text_pdf
from recordorg.samples.render import find_truetype_font


def _page_texts(path: Path, password: str | None = None) -> list[str]:
    document = pdfium.PdfDocument(str(path), password=password)
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


def test_text_pdf_has_a_real_text_layer(tmp_path: Path) -> None:
    report = texts.pathology_report()
    path = make_text_pdf(tmp_path / "path.pdf", report.title, report.lines, author="Pathology")
    (page,) = _page_texts(path)
    assert "Surgical Pathology Report" in page
    assert "INVASIVE DUCTAL CARCINOMA" in page and "Ki-67 (MIB-1): 30%" in page
    assert "Page 1 of 1" in page
    meta = PdfReader(path).metadata
    assert meta.title == report.title and meta.author == "Pathology"
    assert "/CreationDate" not in meta and "/ModDate" not in meta


def test_creation_date_is_written_as_given(tmp_path: Path) -> None:
    path = make_text_pdf(
        tmp_path / "dated.pdf", "Letter", ["Hello"], creation_date=datetime(2023, 3, 2, 12, 0, 5)
    )
    assert PdfReader(path).metadata["/CreationDate"].startswith("D:20230302120005")


def test_pages_is_a_minimum_filled_with_continued_text(tmp_path: Path) -> None:
    short = make_text_pdf(tmp_path / "three.pdf", "Labs", ["CEA 12.4 ng/mL"], pages=3)
    pages = _page_texts(short)
    assert len(pages) == 3
    assert all("CEA 12.4 ng/mL" in page for page in pages)
    assert "Labs (continued)" in pages[2] and "Page 3 of 3" in pages[2]
    long_lines = [f"Paragraph {n}: " + "word " * 40 for n in range(60)]
    long = make_text_pdf(tmp_path / "long.pdf", "Long", long_lines, pages=1)
    pages = _page_texts(long)
    assert len(pages) > 3
    assert "Paragraph 0:" in pages[0] and "Paragraph 59:" in pages[-1]


def test_encrypted_pdf_needs_its_password(tmp_path: Path) -> None:
    path = make_text_pdf(
        tmp_path / "secret.pdf", "Private", ["Sensitive line"], encrypt_password="secret"
    )
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(str(path))
    assert "Sensitive line" in _page_texts(path, password="secret")[0]
    reader = PdfReader(path)
    assert reader.is_encrypted and reader.decrypt("secret")
    assert b"Sensitive" not in path.read_bytes()


@pytest.mark.skipif(find_truetype_font() is None, reason="no TrueType font installed")
def test_non_latin_text_uses_an_embedded_font(tmp_path: Path) -> None:
    path = make_text_pdf(tmp_path / "de.pdf", "Befund", ["Schädel-MRT: Läsion ≥ 5 mm"])
    assert "Schädel-MRT: Läsion ≥ 5 mm" in _page_texts(path)[0]


def test_scanned_pdf_has_images_but_no_text(tmp_path: Path) -> None:
    letter = texts.consultation_letter()
    path = make_scanned_pdf(
        tmp_path / "scan.pdf", letter.lines, pages=2, creation_date=datetime(2023, 3, 5, 9, 0)
    )
    document = pdfium.PdfDocument(str(path))
    assert len(document) == 2
    for page in document:
        assert page.get_textpage().get_text_range().strip() == ""
        kinds = [obj.type for obj in page.get_objects()]
        assert pdfium.raw.FPDF_PAGEOBJ_IMAGE in kinds
    document.close()
    assert PdfReader(path).metadata["/CreationDate"].startswith("D:20230305")
