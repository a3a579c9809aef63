"""Importing FHIR R4 health records: one readable record per file, its patient kept, its
attached files records of their own, its coded facts suggested citing their resource."""

from __future__ import annotations

from pathlib import Path

from recordorg.core.case.suggest import suggest
from recordorg.core.catalogue import records
from recordorg.core.catalogue.patient_identity import record_patients
from recordorg.core.catalogue.search import search
from recordorg.samples.documents import make_text_pdf
from tests.jobs.conftest import run_import
from tests.samplemakers import fhir as make


def _download(tmp_path: Path, kind: str = "collection") -> Path:
    folder = tmp_path / "portal"
    folder.mkdir(exist_ok=True)
    pdf = make_text_pdf(tmp_path / "report.pdf", "Blood count", ["Haemoglobin 11.2 g/dL."])
    data = Path(pdf).read_bytes() if pdf else (tmp_path / "report.pdf").read_bytes()
    make.write_bundle(folder / "record.json", make.all_resources(data), kind)
    return folder


def test_a_bundle_is_one_readable_searchable_record(library, tmp_path) -> None:
    report = run_import(library, [_download(tmp_path, "transaction")], workers=1)
    assert report.failed == []
    conn = library.connection()
    fhir = [records.get_record(conn, r) for r in report.records]
    (record,) = [r for r in fhir if r.mime == "application/fhir+json"]
    assert record.title == "Health record download (FHIR)"
    assert record.clinical_date == "2024-03-10"
    assert library.document_path(record.sha256).read_bytes().startswith(b"%PDF")
    assert record.id in [hit.record_id for hit in search(conn, "letrozole")]
    patient = record_patients(conn, [record.id])[record.id]
    assert (patient.name, patient.birth_date) == ("Ada Testa", "1970-04-02")


def test_coded_facts_become_suggestions_citing_record_and_resource(library, tmp_path) -> None:
    report = run_import(library, [_download(tmp_path)], workers=1)
    conn = library.connection()
    suggest(conn)
    keys = {row[0]: row[1] for row in conn.execute("SELECT suggestion_key, id FROM case_entries")}
    assert "diagnosis|breast" in keys and "metastasis|liver" in keys
    assert "diagnosis|lung" not in keys  # refuted
    assert "treatment_line|letrozole" in keys
    assert any(k.startswith("biomarker|her2") for k in keys)
    assert any(k.startswith("biomarker|brca1") for k in keys), keys  # a genomic variant
    assert any(k.startswith("procedure|mastectomy") for k in keys)
    assert "event|admission|2023-07-31" in keys
    assert not any("2023-09-01" in k for k in keys if k.startswith("event"))  # a clinic visit
    quotes = [
        row[0]
        for row in conn.execute(
            "SELECT quote FROM case_citations WHERE entry_id = ?", (keys["metastasis|liver"],)
        )
    ]
    assert any("(Condition/c2)" in quote for quote in quotes), quotes
    assert report.records
    diagnosed = conn.execute(
        "SELECT diagnosed_on FROM case_diagnoses WHERE entry_id = ?", (keys["diagnosis|breast"],)
    ).fetchone()[0]
    assert diagnosed == "2023-03"  # a month stays a month


def test_an_invalid_file_fails_with_a_reason_and_imports_nothing(library, tmp_path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "broken.json").write_text('{"resourceType": "Bundle", "entry": [{"resource": 1}]}')
    report = run_import(library, [folder], workers=1)
    assert report.records == []
    (failed,) = report.failed
    assert "not a resource" in failed.reason


def test_a_folder_of_resource_files_is_one_record(library, tmp_path) -> None:
    resources = [make.patient(), *make.conditions(), *make.medications()]
    folder = make.write_folder(tmp_path / "clinical-records", resources)
    lone = make.write_folder(tmp_path / "other", [make.conditions()[0]])
    report = run_import(library, [folder, lone], workers=1)
    assert report.failed == [] and len(report.records) == 2
    conn = library.connection()
    fhir = max((records.get_record(conn, r) for r in report.records), key=lambda r: r.size)
    assert fhir.meta["resources"]["Condition"] == 3
    assert fhir.meta["patient_name"] == "Ada Testa"
    assert sum("imported together as one record" in i.reason for i in report.skipped) == 8
    again = run_import(library, [folder], workers=1)
    assert again.records == []  # the same folder is not imported twice


def test_an_attached_pdf_is_a_record_of_its_own_linked_both_ways(library, tmp_path) -> None:
    folder = _download(tmp_path)
    report = run_import(library, [folder], workers=1)
    conn = library.connection()
    found = {records.get_record(conn, r).mime: records.get_record(conn, r) for r in report.records}
    bundle, pdf = found["application/fhir+json"], found["application/pdf"]
    assert pdf.meta["attached_to"]["record_id"] == bundle.id
    assert pdf.meta["attached_to"]["resource"] == "DiagnosticReport/r1"
    assert [a["sha256"] for a in bundle.meta["attachments"]] == [pdf.sha256]
    assert library.original_path(pdf.sha256).read_bytes().startswith(b"%PDF")
    assert pdf.id in [hit.record_id for hit in search(conn, "Haemoglobin")]
    assert pdf.clinical_date == "2024-03-01"  # the report's date
    again = run_import(library, [folder], workers=1)
    assert again.records == []  # nothing imported twice


def test_the_review_pdf_shows_the_record_without_its_patient_lines(library, tmp_path) -> None:
    from recordorg.bundle.plan import BundleOptions, plan_bundle
    from recordorg.jobs.export import run_export
    from tests.bundle.conftest import pdf_texts

    run_import(library, [_download(tmp_path)], person="Ada Testa", workers=1)
    plan = plan_bundle(library, person="Ada Testa", options=BundleOptions(made_by="Ana"))
    run_export(library, plan, tmp_path / "BUNDLE")
    pages = pdf_texts(tmp_path / "BUNDLE" / "REVIEW.PDF")
    drawn = [text for text in pages if "Medicines" in text and "letrozole" in text]
    assert drawn and "cannot be shown in a PDF" not in " ".join(pages)
    assert not any("Born: 1970-04-02" in text for text in drawn)


def test_an_imaging_study_is_linked_to_the_study_in_the_library(library, tmp_path) -> None:
    from recordorg.samples.dicom import make_series

    uid = "1.2.826.0.1.3680043.8.498.1"
    make_series(tmp_path / "disc", slices=2, study_uid=uid)
    (study_id,) = run_import(library, [tmp_path / "disc"], workers=1).records
    report = run_import(library, [_download(tmp_path)], workers=1)
    conn = library.connection()
    fhir = [records.get_record(conn, r) for r in report.records]
    (record,) = [r for r in fhir if r.mime == "application/fhir+json"]
    (study,) = record.meta["imaging_studies"]
    assert (study["study_instance_uid"], study["record_id"]) == (uid, study_id)


def test_a_partial_date_keeps_its_precision(library, tmp_path) -> None:
    folder = tmp_path / "lines"
    folder.mkdir()
    make.write_ndjson(folder / "export.ndjson", [make.patient(), make.conditions()[0]])
    report = run_import(library, [folder], workers=1)
    record = records.get_record(library.connection(), report.records[0])
    assert (record.clinical_date, record.date_precision) == ("2023-03-01", "month")
    assert record.clinical_date_start == "2023-03-01"


def _category_and_reason(conn, record_id: int) -> tuple[str, str]:
    reason = conn.execute(
        "SELECT category_reason FROM suggestions WHERE record_id = ?", (record_id,)
    ).fetchone()[0]
    return records.get_record(conn, record_id).category, reason


def test_a_whole_health_record_is_filed_as_a_summary_and_a_single_report_by_its_text(
    library, tmp_path
) -> None:
    """A download holding problems, medicines, procedures and visits is many documents'
    worth: filed as a summary of the record (not as a prescription because it lists many
    medicines); a file holding only results is read by its words as any record is."""
    report = run_import(library, [_download(tmp_path, "transaction")], workers=1)
    conn = library.connection()
    (whole,) = [r for r in report.records if records.get_record(conn, r).mime.endswith("fhir+json")]
    category, reason = _category_and_reason(conn, whole)
    assert category == "other"
    assert reason.startswith("It is a whole health record (FHIR) holding problems, medicines")
    (tmp_path / "labs").mkdir()
    labs = make.write_bundle(
        tmp_path / "labs" / "labs.json", make.observations() + [make.patient()]
    )
    (lab,) = run_import(library, [labs.parent], workers=1).records
    category, reason = _category_and_reason(conn, lab)
    assert reason.startswith("Because of the words") and "whole health record" not in reason


def test_a_new_librarys_first_download_is_filed_under_its_patient(library, tmp_path) -> None:
    report = run_import(library, [_download(tmp_path)], workers=1)
    conn = library.connection()
    assert [row[0] for row in conn.execute("SELECT name FROM people")] == ["Ada Testa"]
    assert any("filed under a new person" in line for line in report.patients)
