"""Tests for recordorg.formats.pdf: text, dates, thumbnails, passwords and damage."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfWriter

from recordorg.formats.extracted import FoundDate, PageText, UnreadableFile
from recordorg.formats.pdf import (
    LOCKED_WARNING,
    WRONG_PASSWORD_WARNING,
    parse_pdf_date,
    pdf_is_encrypted,
    read_pdf,
)

REPORT = "Pathology report\nDiagnosis: adenocarcinoma of the colon"


@pytest.fixture
def report_pdf(tmp_path: Path) -> Path:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.set_title("Pathology report")
    pdf.set_creation_date(datetime.datetime(2023, 4, 5, 10, 15, tzinfo=datetime.UTC))
    pdf.add_page()
    pdf.multi_cell(0, 8, REPORT)
    pdf.add_page()  # a page with no text, like a scanned page
    pdf.add_page()
    pdf.multi_cell(0, 8, "Signed: Dr. Example")
    path = tmp_path / "report.pdf"
    pdf.output(str(path))
    return path


def _encrypt(source: Path, target: Path, user: str, owner: str = "owner-secret") -> Path:
    writer = PdfWriter(clone_from=source)
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-256")
    writer.write(target)
    return target


def test_text_per_page(report_pdf: Path) -> None:
    result = read_pdf(report_pdf)
    assert (result.kind, result.mime, result.page_count) == ("pdf", "application/pdf", 3)
    assert result.pages == [
        PageText(1, REPORT, "text-layer"),
        PageText(2, "", "none"),
        PageText(3, "Signed: Dr. Example", "text-layer"),
    ]
    assert not result.locked and result.warnings == []


def test_title_and_dates(report_pdf: Path) -> None:
    result = read_pdf(report_pdf)
    assert result.title == "Pathology report"
    assert result.dates == [FoundDate("2023-04-05", "pdf-metadata", detail="created")]
    assert result.meta["encrypted"] is False


@pytest.mark.parametrize("landscape", [False, True])
def test_thumbnail_is_small_png(tmp_path: Path, make_pdf, png_size, landscape: bool) -> None:
    result = read_pdf(make_pdf(tmp_path / "a.pdf", ["x"], landscape=landscape))
    width, height = png_size(result.thumbnail_png)
    assert max(width, height) in (255, 256)
    assert (width > height) == landscape


def test_locked_pdf_without_password(tmp_path: Path, report_pdf: Path) -> None:
    locked = _encrypt(report_pdf, tmp_path / "locked.pdf", user="family")
    result = read_pdf(locked)
    assert result.locked
    assert result.warnings == [LOCKED_WARNING]
    assert result.page_count == 3  # counted without the password
    assert result.pages == [] and result.thumbnail_png is None
    assert pdf_is_encrypted(locked)


def test_locked_pdf_with_password(tmp_path: Path, report_pdf: Path) -> None:
    locked = _encrypt(report_pdf, tmp_path / "locked.pdf", user="family")
    result = read_pdf(locked, password="family")
    assert not result.locked
    assert result.pages[0].text == REPORT
    assert result.meta["encrypted"] is True


def test_locked_pdf_with_wrong_password(tmp_path: Path, report_pdf: Path) -> None:
    result = read_pdf(_encrypt(report_pdf, tmp_path / "l.pdf", user="family"), password="guess")
    assert result.locked
    assert result.warnings == [WRONG_PASSWORD_WARNING, LOCKED_WARNING]


def test_owner_password_only_is_readable(tmp_path: Path, report_pdf: Path) -> None:
    protected = _encrypt(report_pdf, tmp_path / "p.pdf", user="")
    result = read_pdf(protected)
    assert not result.locked and result.pages[0].text == REPORT
    assert pdf_is_encrypted(protected)
    assert not pdf_is_encrypted(report_pdf)


def test_truncated_pdf(tmp_path: Path, report_pdf: Path) -> None:
    data = report_pdf.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(UnreadableFile, match=r"damaged.*\(it ends too early\)"):
        read_pdf(cut)


def test_garbage_pdf(tmp_path: Path) -> None:
    garbage = tmp_path / "g.pdf"
    garbage.write_bytes(b"%PDF-1.4\n" + b"\x00 not really a pdf " * 50 + b"\n%%EOF\n")
    with pytest.raises(UnreadableFile, match="This PDF is damaged and cannot be read."):
        read_pdf(garbage)
    with pytest.raises(UnreadableFile):
        pdf_is_encrypted(garbage)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("D:20230405101500+01'00'", "2023-04-05"),
        ("D:20230405", "2023-04-05"),
        ("20191231235959Z", "2019-12-31"),
        ("D:2023", None),
        ("D:20231340", None),
        ("D:18500101", None),
        ("D:99990101", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_pdf_date(raw: str, iso: str | None) -> None:
    assert parse_pdf_date(raw) == iso


def test_pdf_whose_pages_cannot_be_opened(tmp_path: Path) -> None:
    # the page tree names itself as its own kid: PDFium opens the file but no page loads
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 3\n0000000000 65535 f \n"
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path = tmp_path / "loop.pdf"
    path.write_bytes(body)
    with pytest.raises(UnreadableFile, match=r"none of its pages can be opened"):
        read_pdf(path)
