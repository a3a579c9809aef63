"""REVIEW.PDF and INDEX.HTM draw the timeline of a library spanning 2001-2025 as vectors and
words: pdftotext reads its year labels and items; INDEX.HTM lists the same items in words."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from fpdf import FPDF

from recordorg.core.case import review as cases
from recordorg.core.catalogue.editing import RecordChange, apply_change
from recordorg.core.catalogue.library import Library
from recordorg.jobs.importer import import_paths
from tests.gui.conftest import SCREENSHOTS

from .conftest import PERSON, export, pdf_texts, run

OLD_SCANS = [
    ("MR BRAIN", "2001-05-02"),
    ("NM WHOLE BODY", "2001-05-09"),
    ("XR CHEST", "2004-11-20"),
    ("MR KNEE", "2009-03-03"),
    ("CT SINUSES", "2013-07-15"),
    ("US ABDOMEN", "2018-01-30"),
]
CANCER_YEARS = [
    ("Mammogram", "2022-02-20"),
    ("Surgical pathology report", "2022-03-14"),
    ("Oncology clinic letter", "2023-06-01"),
    ("CT chest abdomen pelvis", "2024-04-22"),
    ("Discharge summary", "2025-01-10"),
]


def write_pdf(path: Path, words: str) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    pdf.cell(0, 10, words)
    pdf.output(str(path))


@pytest.fixture(scope="module")
def long_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("long-files")
    for n, (title, _) in enumerate(OLD_SCANS + CANCER_YEARS):
        write_pdf(folder / f"record-{n:02}.pdf", f"{title} (synthetic record {n})")
    root = tmp_path_factory.mktemp("long") / "library"
    library = Library.open(root)
    report = run(import_paths(library, [folder], person=PERSON))
    assert not report.failed, report.failed
    conn = library.connection()
    ids = dict(conn.execute("SELECT original_name, id FROM records").fetchall())
    for n, (title, day) in enumerate(OLD_SCANS + CANCER_YEARS):
        change = RecordChange(title=title, clinical_date=day)
        apply_change(conn, [ids[f"record-{n:02}.pdf"]], change)
    conn.execute(  # a stay in hospital: the discharge summary covers it
        "UPDATE records SET clinical_date_start = '2025-01-03', clinical_date_end = "
        "'2025-01-10' WHERE id = ?",
        [ids["record-10.pdf"]],
    )
    conn.commit()
    pathology = ids["record-07.pdf"]
    cases.add_entry(
        conn,
        "diagnosis",
        {"histology": "Invasive ductal carcinoma", "diagnosed_on": "2022-03-14"},
        person=PERSON,
        citations=[(pathology, 1, "")],
    )
    for number, regimen, start, end in (
        (1, "AC then paclitaxel", "2022-04-04", "2022-09-30"),
        (2, "letrozole + palbociclib", "2022-10-20", "2024-05-10"),
        (3, "capecitabine", "2024-05-20", None),
    ):
        fields = {"line_number": number, "regimen": regimen, "start_date": start}
        fields.update({"end_date": end} if end else {"ongoing": True})
        cases.add_entry(conn, "treatment_line", fields, person=PERSON)
    cases.add_entry(
        conn, "procedure", {"name": "Left mastectomy", "performed_on": "2022-10-03"}, person=PERSON
    )
    library.close()
    return export(root, tmp_path_factory.mktemp("long-bundle") / "bundle")


def timeline_page(bundle: Path) -> int:
    texts = pdf_texts(bundle / "REVIEW.PDF")
    return next(n for n, text in enumerate(texts) if text.lstrip().startswith("Timeline")) + 1


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_review_pdf_timeline_is_words_with_year_labels(long_bundle: Path, tmp_path: Path) -> None:
    review = long_bundle / "REVIEW.PDF"
    page = timeline_page(long_bundle)
    words = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(review), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "before 2022" in words  # the scans of 2001-2018 gathered in a gutter
    years = [year for year in ("2022", "2023", "2024", "2025") if f" {year} " in f" {words} "]
    assert len(years) >= 2, words
    for label in ("Invasive ductal carcinoma", "Line 2: letrozole + palbociclib", "today"):
        assert label in words
    assert "Key to the numbered items" in words or "MR BRAIN" in words
    whole = subprocess.run(
        ["pdftotext", str(review), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert all(title in whole for title, _ in OLD_SCANS)  # on the picture or in its key
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [
            "pdftoppm",
            "-r",
            "110",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(review),
            str(SCREENSHOTS / "review-timeline"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert not list(Path(long_bundle).rglob("*.png"))  # no picture of the timeline is written


def test_index_lists_the_timeline_items_in_words(long_bundle: Path) -> None:
    page = (long_bundle / "INDEX.HTM").read_text(encoding="utf-8")
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    table = page.split('<table id="timeline-events">', 1)[1].split("</table>", 1)[0]
    assert "before 2022" in svg
    for title, _ in OLD_SCANS + CANCER_YEARS:
        assert title in table or title.startswith("Surgical")  # cited by the diagnosis
    assert "Line 3: capecitabine" in table and 'href="#record-' in table
    assert "2025-01-03 – 2025-01-10" in table  # a record's period
    assert "2024-05-20 – ongoing" in table
    assert table.index("MR BRAIN") < table.index("Left mastectomy")  # in date order
