"""After an import: dates, categories and titles from the text, learned across the batch."""

from __future__ import annotations

from pathlib import Path

from recordorg.core.catalogue import records
from recordorg.core.understanding.stored import stored_suggestion
from recordorg.samples.documents import make_text_pdf
from tests.jobs.conftest import run_import


def test_the_first_import_teaches_the_library_how_dates_are_written(library, tmp_path: Path):
    folder = tmp_path / "in"
    # "a" sorts first, so it is read before the library has seen a month-first date
    make_text_pdf(
        folder / "a-letter.pdf",
        "Clinic letter",
        ["Dear Dr Example,", "Seen in clinic on 03/04/2025.", "Yours sincerely,"],
    )
    make_text_pdf(
        folder / "b-labs.pdf",
        "Laboratory report",
        ["Collected: 02/14/2025", "Hemoglobin 11.2 g/dL  Reference range 12-15.5"],
    )
    make_text_pdf(
        folder / "c-labs.pdf",
        "Laboratory report",
        ["Collected: 01/28/2025", "Platelets 180  Reference range 150-400"],
    )
    report = run_import(library, [folder])
    conn = library.connection()
    by_name = {r.original_name: r for r in records.list_records(conn)}
    letter = by_name["a-letter.pdf"]
    assert letter.clinical_date == "2025-03-04"  # month-first, like the rest of the batch
    assert letter.category == "clinic-letter"
    assert letter.title == "Clinic letter — 4 Mar 2025"
    assert by_name["b-labs.pdf"].clinical_date == "2025-02-14"
    assert all(stored_suggestion(conn, i) for i in report.records)
