"""Importing clinical documents (C-CDA): one record each, dated, searchable, its patient kept,
and its coded entries suggested for the case review with their source."""

from __future__ import annotations

from pathlib import Path

from recordorg.core.case.suggest import suggest
from recordorg.core.catalogue import records
from recordorg.core.catalogue.patient_identity import record_patients, stored_identity
from recordorg.core.catalogue.people import person_id
from recordorg.core.catalogue.search import search
from tests.jobs.conftest import run_import
from tests.samplemakers.ccda import clinical_document, section


def _portal(tmp_path: Path, **kwargs) -> Path:
    folder = tmp_path / "portal"
    folder.mkdir(exist_ok=True)
    (folder / "visit.xml").write_bytes(clinical_document(**kwargs))
    return folder


def test_one_record_dated_by_its_service_period(library, tmp_path) -> None:
    report = run_import(library, [_portal(tmp_path)], workers=1)
    (record_id,) = report.records
    record = records.get_record(library.connection(), record_id)
    assert record.mime == "application/hl7-cda+xml"
    assert record.title == "Oncology clinic note"  # its own title, whatever its category
    assert record.category == "clinic-letter"  # its coded type: a consult note (11488-4)
    assert record.clinical_date == "2024-03-01"
    assert record.date_source == "clinical-document"
    assert (record.clinical_date_start, record.clinical_date_end) == ("2024-03-01", "2024-03-02")
    assert record.page_count == 6
    assert library.document_path(record.sha256).read_bytes().startswith(b"%PDF")


def test_a_type_without_a_category_of_its_own_is_read_by_its_title_and_name(
    library, tmp_path
) -> None:
    """Hundreds of LOINC document types name a specialty's note; the words of the type's name
    and the title count as a title's, since the rendered pages may show neither."""
    plain = "<component><section><title>Notes</title><text>Seen today.</text></section></component>"
    kinds = {
        "summary.xml": ("Summary of Patient Chart", ("34133-9", "Summary of episode note")),
        "transfer.xml": ("Transfer", ("34755-9", "Critical care medicine Transfer summary note")),
        "oncology.xml": ("Visit", ("68609-7", "Hematology+Oncology Consult note")),
    }
    folder = tmp_path / "portal"
    folder.mkdir()
    for name, (title, code) in kinds.items():
        (folder / name).write_bytes(clinical_document(title=title, code=code, sections=plain))
    report = run_import(library, [folder], workers=1)
    found = {
        Path(r.original_name).name: r.category
        for r in (records.get_record(library.connection(), i) for i in report.records)
    }
    assert found == {
        "summary.xml": "other",
        "transfer.xml": "discharge-summary",
        "oncology.xml": "clinic-letter",
    }


def test_a_month_stays_a_month(library, tmp_path) -> None:
    report = run_import(library, [_portal(tmp_path, service=("202301", "202301"))], workers=1)
    record = records.get_record(library.connection(), report.records[0])
    assert (record.clinical_date, record.date_precision) == ("2023-01-01", "month")


def test_sections_are_found_by_search(library, tmp_path) -> None:
    report = run_import(library, [_portal(tmp_path)], workers=1)
    hits = search(library.connection(), "paclitaxel")
    assert [hit.record_id for hit in hits] == report.records


def test_the_patient_it_names_is_kept_and_learnt(library, tmp_path) -> None:
    report = run_import(library, [_portal(tmp_path)], person="Ada Testa", workers=1)
    conn = library.connection()
    patient = record_patients(conn, report.records)[report.records[0]]
    assert (patient.name, patient.birth_date, patient.patient_id) == (
        "Ada Testa",
        "1961-04-12",
        "MRN-0042",
    )
    identity = stored_identity(conn, person_id(conn, "Ada Testa"))
    assert identity is not None and "MRN-0042" in identity.identifiers


def test_what_a_section_titled_in_any_case_plans_is_not_suggested_as_done(
    library, tmp_path
) -> None:
    """Section titles head their lines however they are written: "Planned Procedure" is a
    plan's heading as much as "PLAN OF TREATMENT"."""
    sections = section("59772-4", "Planned Procedure", "Colonoscopy") + section(
        "29554-3",
        "Procedure Description",
        "<paragraph>Left mastectomy performed on 1 March 2024.</paragraph>",
    )
    report = run_import(library, [_portal(tmp_path, sections=sections)], workers=1)
    assert report.records
    conn = library.connection()
    suggest(conn)
    keys = [row[0] for row in conn.execute("SELECT suggestion_key FROM case_entries")]
    assert any(k.startswith("procedure|mastectomy") for k in keys)
    assert not any("colonoscopy" in k for k in keys)


def test_coded_entries_become_suggestions_citing_section_and_entry(library, tmp_path) -> None:
    report = run_import(library, [_portal(tmp_path)], workers=1)
    conn = library.connection()
    suggest(conn)
    keys = {row[0]: row[1] for row in conn.execute("SELECT suggestion_key, id FROM case_entries")}
    assert "diagnosis|breast" in keys
    assert "metastasis|liver" in keys and "diagnosis|liver" not in keys
    assert "treatment_line|paclitaxel" in keys
    assert any(k.startswith("biomarker|her2") for k in keys)
    assert not any("hemoglobin" in k.lower() for k in keys)
    assert any(k.startswith("procedure|mastectomy") for k in keys)
    assert "event|admission|2023-03-05" in keys
    line = conn.execute(
        "SELECT start_date, end_date FROM case_treatment_lines WHERE entry_id = ?",
        (keys["treatment_line|paclitaxel"],),
    ).fetchone()
    assert tuple(line) == ("2023-02-10", "2023-06-20")
    diagnosed = conn.execute(
        "SELECT diagnosed_on FROM case_diagnoses WHERE entry_id = ?", (keys["diagnosis|breast"],)
    ).fetchone()[0]
    assert diagnosed == "2023-01"  # coded as a month, kept as a month
    quotes = [
        row[0]
        for row in conn.execute(
            "SELECT quote FROM case_citations WHERE entry_id = ? AND record_id = ?",
            (keys["metastasis|liver"], report.records[0]),
        )
    ]
    assert "Problems, entry 2: Metastasis to liver (ICD-10-CM C78.7), 2024-01-15" in quotes


def test_the_review_pdf_shows_its_sections_as_pages(library, tmp_path) -> None:
    from recordorg.bundle.plan import BundleOptions, plan_bundle
    from recordorg.jobs.export import run_export
    from tests.bundle.conftest import pdf_texts

    run_import(library, [_portal(tmp_path)], person="Ada Testa", workers=1)
    plan = plan_bundle(library, person="Ada Testa", options=BundleOptions(made_by="Ana"))
    report = run_export(library, plan, tmp_path / "BUNDLE")
    assert not report.cancelled
    pages = pdf_texts(tmp_path / "BUNDLE" / "REVIEW.PDF")
    drawn = [text for text in pages if "Medications" in text and "Paclitaxel" in text]
    assert drawn and "cannot be shown in a PDF" not in " ".join(pages)


def _letter_pdf(pages: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def test_an_unstructured_document_is_read_and_shown_as_the_pdf_it_carries(
    library, tmp_path
) -> None:
    """A portal's unstructured document (a scanned or typed letter sent as a PDF inside the
    XML) is the letter: its pages, words and dates, and the PDF itself to view."""
    from pypdf import PdfReader

    from recordorg.formats.ccda_read import write_readable_pdf

    letter = _letter_pdf(
        [
            "Discharge summary\nDate of admission: 03/20/2009\nDate of discharge: 03/26/2009\n"
            "Hospital course: pneumonia treated with antibiotics.",
            "Discharge medications: amoxicillin.",
        ]
    )
    folder = _portal(
        tmp_path,
        title="Discharge Summary",
        code=("18842-5", "Discharge summary"),
        service=None,  # written 5 March 2024: the letter's discharge day dates it
        attached=("application/pdf", letter),
    )
    (folder / "scan.xml").write_bytes(
        clinical_document(title="Scanned letter", attached=("image/jpeg", b"\xff\xd8\xff\xe0"))
    )
    report = run_import(library, [folder], workers=1)
    found = {
        Path(r.original_name).name: r
        for r in (records.get_record(library.connection(), i) for i in report.records)
    }
    record = found["visit.xml"]
    assert record.page_count == 2
    assert (record.category, record.clinical_date) == ("discharge-summary", "2009-03-26")
    assert search(library.connection(), "antibiotics")[0].record_id == record.id
    shown = write_readable_pdf(library.original_path(record.sha256), tmp_path / "shown.pdf")
    assert shown.read_bytes() == letter and len(PdfReader(shown).pages) == 2
    assert found["scan.xml"].page_count == 1  # a picture it cannot show: its header only
