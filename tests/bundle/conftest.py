"""Fixtures for bundle tests: a fictional person's library with a case review, exported once."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pydicom
import pytest

from recordorg.bundle.plan import BundleOptions, plan_bundle
from recordorg.core.case import review as cases
from recordorg.core.catalogue.editing import RecordChange, apply_change
from recordorg.core.catalogue.library import Library
from recordorg.jobs.export import run_export
from recordorg.jobs.importer import import_paths

PERSON = "Maria Example"
TODAY = date(2024, 9, 1)
SCRIPT_NOTE = 'Admitted with fever <script>alert("x")</script> & rigors'


def run(job):
    while True:
        try:
            next(job)
        except StopIteration as stop:
            return stop.value


def strip_dates(files: list[Path]) -> None:
    """Make a series look anonymised: no study date or time, no other dates, no study ID."""
    for path in files:
        ds = pydicom.dcmread(path)
        for keyword in (
            "StudyDate",
            "StudyTime",
            "SeriesDate",
            "SeriesTime",
            "AcquisitionDate",
            "AcquisitionTime",
            "ContentDate",
            "ContentTime",
            "InstanceCreationDate",
            "InstanceCreationTime",
            "StudyID",
        ):
            if keyword in ds:
                setattr(ds, keyword, "")
        ds.save_as(path)


def titles(library: Library) -> dict[str, int]:
    conn = library.connection()
    return {row[0]: row[1] for row in conn.execute("SELECT original_name, id FROM records")}


@pytest.fixture(scope="session")
def demo_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo records of one fictional person, a case review and an undated study."""
    from recordorg.samples.demo import write_demo_files
    from recordorg.samples.dicom import make_series

    folder = tmp_path_factory.mktemp("demo-files")
    write_demo_files(folder)
    undated = make_series(
        folder / "anon",
        slices=3,
        study_description="CT ANONYMISED",
        study_date="20240101",
        patient_id="",  # anonymised: no name or ID, so not another patient to the import
        patient_name="",
    )
    strip_dates(undated)
    root = tmp_path_factory.mktemp("demo") / "library"
    library = Library.open(root)
    report = run(import_paths(library, [folder], person=PERSON))
    assert not report.failed, report.failed
    conn = library.connection()
    ids = {row[0]: row[1] for row in conn.execute("SELECT title, id FROM records")}
    pathology = next(i for t, i in ids.items() if "pathology" in t.lower())
    discharge = next(i for t, i in ids.items() if "discharge" in t.lower())
    apply_change(conn, [discharge], RecordChange(notes=SCRIPT_NOTE, add_tags=["admission"]))
    cases.add_entry(
        conn,
        "diagnosis",
        {
            "histology": "Invasive ductal carcinoma",
            "primary_site": "left breast",
            "diagnosed_on": "2023-02-14",
            "stage_at_diagnosis": "IV",
        },
        person=PERSON,
        citations=[(pathology, 1, "")],
    )
    cases.add_entry(
        conn,
        "biomarker",
        {
            "marker": "ER",
            "result": "positive (95%)",
            "method": "IHC",
            "specimen_date": "2023-02-14",
        },
        person=PERSON,
        citations=[(pathology, 1, "")],
    )
    cases.add_entry(
        conn,
        "biomarker",
        {"marker": "PIK3CA", "result": "H1047R", "method": "NGS", "specimen_date": "2024-04-30"},
        person=PERSON,
        status="suggested",
    )
    cases.add_entry(
        conn,
        "treatment_line",
        {
            "line_number": 1,
            "regimen": "letrozole + palbociclib",
            "start_date": "2023-03-06",
            "end_date": "2024-05-10",
            "best_response": "PR",
        },
        person=PERSON,
        drugs=["letrozole", "palbociclib"],
    )
    cases.add_entry(
        conn,
        "procedure",
        {"name": "Core biopsy", "performed_on": "2023-02-10", "site": "left breast"},
        person=PERSON,
    )
    cases.set_question(conn, "Is <b>capivasertib</b> the best next line?", PERSON)
    library.close()
    return root


def export(root: Path, target: Path, **options) -> Path:
    library = Library.open(root)
    try:
        plan = plan_bundle(
            library,
            person=PERSON,
            options=BundleOptions(
                question=options.pop("question", ""),
                contact="Ana Example, +44 20 0000 0000",
                made_by="Ana",
                **options,
            ),
        )
        report = run_export(library, plan, target, today=TODAY)
        assert not report.cancelled
        return target
    finally:
        library.close()


@pytest.fixture(scope="session")
def bundle(demo_library: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo library exported as a folder, names and dates as they are."""
    return export(demo_library, tmp_path_factory.mktemp("export") / "BUNDLE")


@pytest.fixture(scope="session")
def deid_bundle(demo_library: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo library exported de-identified, dates shifted back 100 days."""
    return export(
        demo_library,
        tmp_path_factory.mktemp("export-deid") / "DEID",
        deidentify=True,
        date_shift_days=-100,
        case_code="CASE-TEST42",
    )


@pytest.fixture
def bundle_copy(bundle: Path, tmp_path: Path) -> Path:
    """A copy of the bundle a test may change."""
    return Path(shutil.copytree(bundle, tmp_path / "copy"))


def pdf_texts(path: Path) -> list[str]:
    """The text of every page of a PDF (read with pdfium)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        return [doc[n].get_textpage().get_text_range() for n in range(len(doc))]
    finally:
        doc.close()
