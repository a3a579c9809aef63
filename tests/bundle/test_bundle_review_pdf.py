"""REVIEW.PDF: passes qpdf --check, renders with pdftoppm, bookmarks, stamps on every page."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfReader

from recordorg.bundle.review_stamp import stamp_font, stamp_page

from .conftest import pdf_texts


def test_review_pdf_passes_qpdf_check(bundle: Path) -> None:
    checked = subprocess.run(
        ["qpdf", "--check", str(bundle / "REVIEW.PDF")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No syntax or stream encoding errors" in checked.stdout


def test_every_page_renders_with_pdftoppm(bundle: Path, tmp_path: Path) -> None:
    pages = len(PdfReader(bundle / "REVIEW.PDF").pages)
    done = subprocess.run(
        ["pdftoppm", "-r", "20", "-png", str(bundle / "REVIEW.PDF"), str(tmp_path / "page")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr
    assert len(list(tmp_path.glob("page-*.png"))) == pages


def test_pages_are_stamped_with_record_and_page(bundle: Path) -> None:
    texts = pdf_texts(bundle / "REVIEW.PDF")
    about = json.loads((bundle / "MANIFEST.JSN").read_text())["about"]
    # the front pages count the whole PDF, as a PDF viewer does
    assert f"Case review of Maria Example, page 1 of {len(texts)}" in texts[0]
    for record in about["records"]:
        stamp = f"Record {record['number']}, page 1 of"
        assert any(stamp in text for text in texts), stamp
    assert all("page" in text and " of " in text for text in texts)
    discharge = next(r for r in about["records"] if "Discharge" in r["title"])
    assert any(f"Record {discharge['number']}, page 2 of 2" in t for t in texts)


def test_front_matter_has_cover_summary_tables_checklist_and_index(bundle: Path) -> None:
    texts = pdf_texts(bundle / "REVIEW.PDF")
    front = "\n".join(texts[:8])
    assert "Is <b>capivasertib</b> the best next line?" in front
    assert "Ana Example, +44 20 0000 0000" in front
    for words in (
        "Case summary",
        "Invasive ductal carcinoma",
        "Biomarker results",
        "Treatment lines",
        "letrozole",
        "Checklist",
        "Index of records",
        "Timeline",
    ):
        assert words in front, words
    assert "[unconfirmed]" in front or "(unconfirmed)" in front


def test_bookmarks_by_category_and_by_document(bundle: Path) -> None:
    reader = PdfReader(bundle / "REVIEW.PDF")
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles[:1] == ["Case review"] and "Records by category" in titles
    flat = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                flat.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(outline, 0)
    categories = [
        t for d, t, _ in flat if d == 1 and t in ("Pathology", "Imaging study", "Discharge summary")
    ]
    assert len(categories) == 3
    documents = [t for d, t, _ in flat if d == 2]
    assert any("Surgical pathology" in t for t in documents)
    pages = {t: p for _, t, p in flat}
    texts = pdf_texts(bundle / "REVIEW.PDF")
    pathology = next(t for t in pages if t.startswith("1. "))
    assert "Record 1, page 1 of" in texts[pages[pathology]]


def test_imaging_study_is_a_page_of_key_images(bundle: Path) -> None:
    reader = PdfReader(bundle / "REVIEW.PDF")
    texts = pdf_texts(bundle / "REVIEW.PDF")
    study_pages = [n for n, t in enumerate(texts) if "Open the DICOMDIR" in t]
    assert len(study_pages) == 3
    for n in study_pages:
        resources = reader.pages[n]["/Resources"]
        assert "/XObject" in resources  # the key images


def test_stamp_respects_rotated_pages(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for rotation in (0, 90, 180, 270):
        page = writer.add_blank_page(300, 400)
        page.rotate(rotation)
    font = stamp_font(writer)
    for n, page in enumerate(writer.pages):
        stamp_page(writer, page, f"Record 9, page {n + 1} of 4", font)
    target = tmp_path / "rotated.pdf"
    writer.write(target)
    assert subprocess.run(["qpdf", "--check", str(target)], capture_output=True).returncode == 0
    subprocess.run(["pdftoppm", "-r", "72", "-png", str(target), str(tmp_path / "r")], check=True)
    for n, png in enumerate(sorted(tmp_path.glob("r-*.png"))):
        image = Image.open(png).convert("L")
        ink = image.point(lambda v: 255 if v < 128 else 0).getbbox()
        assert ink is not None, n
        left, top, right, bottom = ink
        assert right - left > 3 * (bottom - top), (n, ink)  # a line of text, upright
        assert left > image.width / 3 and top > image.height * 0.9, (n, ink, image.size)
    text = pdfium.PdfDocument(target)[1].get_textpage().get_text_range()
    assert text == "Record 9, page 2 of 4"


def _contents(count: int):
    from recordorg.bundle.contents import BundleContents, BundleEntry

    contents = BundleContents("Test Person", "Test Person", False, "", "Why?", "", "", "dates")
    contents.entries = [
        BundleEntry(
            n,
            f"Letter number {n} " + "with a long title " * 4,
            "clinic-letter",
            "Clinic letter",
            "pdf",
            "2024-01-01",
        )
        for n in range(1, count + 1)
    ]
    return contents


@pytest.mark.parametrize("unicode", [True, False])
@pytest.mark.parametrize("count", [1, 44, 45, 46, 250])
def test_index_page_numbers_are_right_for_any_length(count: int, unicode: bool) -> None:
    from recordorg.bundle import review_pages

    pdf = review_pages.Pages(unicode=unicode)
    sections: dict[str, int] = {}
    first_pages: dict[int, int] = {}
    review_pages.front_matter(
        pdf, _contents(count), [(n, 2) for n in range(1, count + 1)], sections, first_pages
    )
    front = pdf.page_no()
    assert first_pages[1] == front + 1 and first_pages[count] == front + 1 + 2 * (count - 1)
    assert sections["Index of records"] <= front


def test_documents_over_the_budget_get_a_page_saying_where_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recordorg.bundle import review_pdf
    from recordorg.bundle.files import BundleFiles
    from recordorg.samples.documents import make_text_pdf

    files = BundleFiles(tmp_path / "b")
    contents = _contents(3)
    for entry in contents.entries:
        source = make_text_pdf(
            tmp_path / f"{entry.number}.pdf", "Letter", ["Dear colleague"], pages=2
        )
        written = files.copy(f"IHE_XDM/SUBSET01/DOC{entry.number:05d}.PDF", source)
        entry.paths, entry.size, entry.mime = [written.path], written.size, "application/pdf"
    monkeypatch.setattr(review_pdf, "MAX_INCLUDED_PDF_BYTES", contents.entries[0].size + 10)
    written = review_pdf.write_review(contents, files)
    texts = [" ".join(t.split()) for t in pdf_texts(files.path_of(written.path))]
    assert sum("too large to copy into this PDF" in t for t in texts) == 2
    assert any("Record 1, page 2 of 2" in t for t in texts)
    assert any("Open it from the bundle: IHE_XDM/SUBSET01/DOC00003.PDF" in t for t in texts)


def test_section_bookmarks_open_their_own_page(bundle: Path) -> None:
    reader = PdfReader(bundle / "REVIEW.PDF")
    texts = pdf_texts(bundle / "REVIEW.PDF")
    top = reader.outline[1]  # the sections under "Case review"
    sections = {item.title: reader.get_destination_page_number(item) for item in top}
    assert {
        "Cover",
        "Case summary",
        "Timeline",
        "Biomarker results",
        "Treatment lines",
        "Checklist",
        "Index of records",
    } <= set(sections)
    for title, page in sections.items():
        if title != "Cover":
            heading = "Checklist" if title == "Checklist" else title
            assert heading in texts[page], (title, page)


def test_western_text_is_set_in_helvetica_and_other_letters_in_a_unicode_font(
    tmp_path: Path,
) -> None:
    from recordorg.bundle.files import BundleFiles
    from recordorg.bundle.review_layout import fits_core_font
    from recordorg.bundle.review_pdf import write_review

    assert fits_core_font(["CT chest — 22 Apr 2024 … “quoted” €5 Zoë Müller"])
    assert not fits_core_font(["Łukasz Wójcik"]) and not fits_core_font(["Ελένη"])
    fonts = {}
    for subject in ("Zoë Müller — 2024", "Łukasz Wójcik"):
        folder = tmp_path / str(len(fonts))
        folder.mkdir()
        contents = _contents(2)
        contents.subject = subject
        write_review(contents, BundleFiles(folder))
        reader = PdfReader(folder / "REVIEW.PDF")
        cover = reader.pages[0]
        fonts[subject] = {
            str(f.get_object()["/BaseFont"]) for f in cover["/Resources"]["/Font"].values()
        }
        assert subject in pdf_texts(folder / "REVIEW.PDF")[0]
    # An embedded TrueType font is a subset named "ABCDEF+Name" (DejaVu Sans on Linux, Arial
    # Unicode or Segoe UI on Windows, Arial on macOS); Helvetica is the viewer's own.
    assert "/Helvetica" in fonts["Zoë Müller — 2024"]
    assert all("+" not in name for name in fonts["Zoë Müller — 2024"])
    assert any("+" in name for name in fonts["Łukasz Wójcik"]), fonts
