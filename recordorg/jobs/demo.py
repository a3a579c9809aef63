"""The demo library: one fictional person's records, generated and imported on first use."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Generator
from pathlib import Path

from recordorg.core.case.edit import add_entry, set_question
from recordorg.core.case.suggest import suggest
from recordorg.core.catalogue.library import Library
from recordorg.core.progress import Progress
from recordorg.jobs.importer import import_paths
from recordorg.jobs.ocr import ocr_available, read_scans

DEMO_PERSON = "Maria Example"
QUESTION = (
    "Second opinion after progression on first-line letrozole + palbociclib and a solitary "
    "brain metastasis: is capecitabine the best second line, or should alpelisib + "
    "fulvestrant (PIK3CA H1047R) come first? Is she eligible for a trial?"
)


def ensure_demo_library(root: Path) -> Generator[Progress, None, Library]:
    """Open the demo library, making it first if it does not exist or is empty."""
    library = Library.open(root)
    count = library.connection().execute("SELECT count(*) FROM records").fetchone()[0]
    if count:
        return library
    from recordorg.samples.demo import write_demo_files

    yield Progress(0, 0, "", "Making the demo records…")
    folder = Path(tempfile.mkdtemp(prefix="recordorg-demo-"))
    try:
        write_demo_files(folder)
        yield from import_paths(library, [folder], person=DEMO_PERSON)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    available, _ = ocr_available()
    if available:  # the phone photos of letters are read, as the window would do next
        yield Progress(0, 0, "", "Reading the photos of letters…")
        yield from read_scans(library)
    yield Progress(0, 0, "", "Preparing the demo case review…")
    write_demo_case(library.connection())
    return library


def write_demo_case(conn: sqlite3.Connection) -> None:
    """What a coordinator would have confirmed so far; the rest stays as suggestions."""
    letter = _record_with(conn, "second-line capecitabine")
    consult = _record_with(conn, "first-line letrozole")
    pathology = _record_with(conn, "FINAL DIAGNOSIS")
    discharge = _record_with(conn, "Reason for admission")

    def cite(record: int | None, quote: str) -> list[tuple[int, int, str]]:
        return [(record, 1, quote)] if record else []

    person = DEMO_PERSON
    add_entry(
        conn,
        "diagnosis",
        {
            "primary_site": "left breast",
            "histology": "invasive ductal carcinoma",
            "diagnosed_on": "2023-02-14",
            "stage_at_diagnosis": "IV (de novo)",
            "stage_now": "IV",
        },
        person=person,
        citations=(
            cite(consult, "de novo metastatic (stage IV) left breast invasive ductal carcinoma")
            + cite(pathology, "Left breast, core biopsy: INVASIVE DUCTAL CARCINOMA")
        ),
    )
    for site, seen, source in (
        ("liver", "2023-02-24", consult),
        ("bone", "2023-02-24", consult),
        ("brain", "2024-05-08", letter),
    ):
        add_entry(
            conn,
            "metastasis",
            {"site": site, "first_seen": seen},
            person=person,
            citations=cite(source, f"{site} metastases"),
        )
    _write_demo_treatment(conn, letter, discharge)
    set_question(conn, QUESTION, person)
    suggest(conn, person)


def _write_demo_treatment(
    conn: sqlite3.Connection, letter: int | None, discharge: int | None
) -> None:
    """The demo's two treatment lines and its admission, cited where the demo records say so."""

    def cite(record: int | None, quote: str) -> list[tuple[int, int, str]]:
        return [(record, 1, quote)] if record else []

    person = DEMO_PERSON
    add_entry(
        conn,
        "treatment_line",
        {
            "line_number": 1,
            "intent": "palliative",
            "start_date": "2023-03-06",
            "end_date": "2024-04-30",
            "best_response": "PR",
            "reason_stopped": "progression",
        },
        drugs=["letrozole", "palbociclib"],
        person=person,
        citations=cite(letter, "letrozole plus palbociclib (first line, March 2023 to April 2024)"),
    )
    add_entry(
        conn,
        "treatment_line",
        {
            "line_number": 2,
            "intent": "palliative",
            "start_date": "2024-05-20",
            "ongoing": True,
        },
        drugs=["capecitabine"],
        person=person,
        citations=cite(letter, "second-line capecitabine 1000 mg/m2 twice daily"),
    )
    add_entry(
        conn,
        "event",
        {
            "event_type": "admission",
            "title": "Admission: grade 3 diarrhoea on capecitabine",
            "start_date": "2024-08-03",
            "end_date": "2024-08-07",
        },
        person=person,
        citations=cite(discharge, "grade 3 diarrhoea and dehydration"),
    )


def _record_with(conn: sqlite3.Connection, words: str) -> int | None:
    row = conn.execute(
        "SELECT record_id FROM pages WHERE text LIKE ? ORDER BY record_id LIMIT 1",
        (f"%{words}%",),
    ).fetchone()
    return int(row[0]) if row else None
