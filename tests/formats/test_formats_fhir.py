"""Reading FHIR R4 JSON: each container form, each resource kind, and invalid input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recordorg.formats.extracted import UnreadableFile
from recordorg.formats.readers import read_file
from recordorg.formats.sniff import sniff
from tests.samplemakers import fhir as make


def read_fhir(path):
    """A FHIR file read as the readers read it (attached files through their dispatch)."""
    return read_file(path, "fhir")


def _entries(extracted, kind: str) -> list[dict]:
    return [e for e in extracted.meta["coded_entries"] if e["kind"] == kind]


@pytest.mark.parametrize("kind", ["transaction", "collection", "document", "searchset"])
def test_bundles_of_every_type_are_read_whole(tmp_path: Path, kind: str) -> None:
    path = make.write_bundle(tmp_path / "download.json", make.all_resources(), kind)
    assert sniff(path).kind == "fhir"
    extracted = read_file(path, "fhir")
    assert extracted.mime == "application/fhir+json"
    assert extracted.meta["fhir_container"] == f"Bundle ({kind})"
    assert extracted.meta["resources"]["Observation"] == 4
    assert extracted.readable_pdf.startswith(b"%PDF")


def test_ndjson_and_a_single_resource_are_read(tmp_path: Path) -> None:
    lines = make.write_ndjson(tmp_path / "export.ndjson", make.all_resources())
    assert sniff(lines).kind == "fhir"
    assert len(read_fhir(lines).meta["coded_entries"]) == 13
    single = tmp_path / "condition.json"
    single.write_text(json.dumps(make.conditions()[0]))
    (problem,) = _entries(read_fhir(single), "problem")
    assert (problem["name"], problem["start"], problem["precision"]) == (
        "Malignant neoplasm of breast",
        "2023-03-01",
        "month",
    )


def test_the_patient_is_the_identity_the_record_names(tmp_path: Path) -> None:
    meta = read_fhir(make.write_bundle(tmp_path / "b.json", make.all_resources())).meta
    assert (meta["patient_name"], meta["patient_birth_date"], meta["patient_sex"]) == (
        "Ada Testa",
        "1970-04-02",
        "F",
    )
    assert meta["patient_identifiers"] == [{"root": "urn:oid:1.2.3.4", "extension": "MRN-0042"}]


def test_each_kind_gives_its_facts_with_dates_and_resource(tmp_path: Path) -> None:
    extracted = read_fhir(make.write_bundle(tmp_path / "b.json", make.all_resources()))
    refuted = [e for e in _entries(extracted, "problem") if e["code"] == "C34.9"]
    assert refuted[0]["negated"]
    medicines = {e["name"]: e for e in _entries(extracted, "medication")}
    assert medicines["letrozole"]["end"] == "2024-02-01"  # named through a Medication
    assert medicines["trastuzumab"]["resource"] == "MedicationAdministration/m3"
    results = {e["name"]: e for e in _entries(extracted, "result")}
    assert results["CA 15-3"]["value"] == "88.5123 U/mL"
    assert "BRCA1" in results["Genetic variant assessment"]["value"]
    assert results["Genetic variant assessment"]["finding"] == "BRCA1 c.68_69delAG detected"
    assert results["Hemoglobin"]["section"] == "Full blood count, 2024-03-01"
    visits = {e["resource"]: e for e in _entries(extracted, "encounter")}
    assert visits["Encounter/e1"]["inpatient"] and not visits["Encounter/e2"]["inpatient"]
    (procedure,) = _entries(extracted, "procedure")
    assert procedure["start"] == "2023-08-01"


def test_reports_documents_and_studies_are_readable_pages(tmp_path: Path) -> None:
    extracted = read_fhir(make.write_bundle(tmp_path / "b.json", make.all_resources(b"%PDF-x")))
    text = "\n".join(page.text for page in extracted.pages)
    assert "Mild anaemia." in text and "Liver lesions consistent with metastases." in text
    assert "1.2.826.0.1.3680043.8.498.1" in text
    assert extracted.meta["imaging_studies"][0]["study_instance_uid"] == (
        "1.2.826.0.1.3680043.8.498.1"
    )
    (attached,) = extracted.meta["attachments"]
    assert (attached["resource"], attached["content_type"]) == (
        "DiagnosticReport/r1",
        "application/pdf",
    )


def test_a_long_history_is_a_few_pages(tmp_path: Path) -> None:
    path = make.write_bundle(tmp_path / "long.json", make.long_history(2000))
    extracted = read_fhir(path)
    reports = extracted.meta["resources"]["DiagnosticReport"]
    assert extracted.page_count <= reports + 6  # a page per report, not per result
    (by_test,) = [p.text for p in extracted.pages if p.text.startswith("Results by test")]
    trend = by_test.split("Hemoglobin (LOINC 718-7)")[1].split("(LOINC")[0]
    assert trend.count("g/dL") >= reports  # every report's haemoglobin, in one table
    assert extracted.dates[0].value == "2024-03-10"  # a history is dated by its bundle


def test_a_short_period_dates_the_record_with_its_precision(tmp_path: Path) -> None:
    path = make.write_ndjson(tmp_path / "x.ndjson", [make.patient(), make.conditions()[0]])
    (found,) = read_fhir(path).dates
    assert (found.value, found.precision) == ("2023-03-01", "month")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"resourceType": "Bundle", "entry": [', "not valid JSON"),
        ('{"resourceType": "Patient"}\n{"resourceType": ', "line 2"),
        ('{"resourceType": "Bundle", "entry": {}}', "not a list"),
        ('{"resourceType": "Bundle", "entry": [{"resource": 3}]}', "not a resource"),
        ('{"resourceType": 7}', "resourceType"),
        ('{"resourceType": "Condition", "id": "c", "onsetDateTime": "March"}', "not a date"),
        ('{"resourceType": "Condition", "id": "c", "code": "C50"}', "'code' is not"),
        ('{"resourceType": "Bundle", "entry": []}', "no resources"),
    ],
)
def test_invalid_input_fails_with_a_reason(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(UnreadableFile, match=reason):
        read_fhir(path)


def test_plain_json_that_is_not_fhir_is_not_sniffed_as_fhir(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"theme": "dark"}')
    assert sniff(path).kind == "other"


def test_a_document_bundle_gives_its_type_author_and_custodian(tmp_path: Path) -> None:
    composition = {
        "resourceType": "Composition",
        "id": "doc",
        "status": "final",
        "title": "Discharge summary",
        "type": make.coded(make.LOINC, "18842-5", "Discharge summary"),
        "date": "2023-08-04",
        "author": [{"reference": "Practitioner/dr"}],
        "custodian": {"reference": "Organization/org"},
    }
    doctor = {"resourceType": "Practitioner", "id": "dr", "name": [{"family": "Example",
              "given": ["Maria"]}]}  # fmt: skip
    place = {"resourceType": "Organization", "id": "org", "name": "Example Cancer Centre"}
    path = make.write_bundle(tmp_path / "doc.json", [composition, doctor, place], "document")
    meta = read_fhir(path).meta["clinical_document"]
    assert (meta["title"], meta["type_code"], meta["author"], meta["organisation"]) == (
        "Discharge summary",
        "18842-5",
        "Maria Example",
        "Example Cancer Centre",
    )
    assert meta["written"] == "2023-08-04"


def test_a_file_naming_two_patients_says_so(tmp_path: Path) -> None:
    other = make.patient() | {"id": "p2", "name": [{"text": "Bea Testa"}]}
    path = make.write_ndjson(tmp_path / "two.ndjson", [make.patient(), other])
    (warning,) = read_fhir(path).warnings
    assert "names 2 patients" in warning


def test_an_attached_picture_is_read_as_a_file_of_its_own(tmp_path: Path) -> None:
    import base64
    import io

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(picture, "PNG")
    document = {
        "resourceType": "DocumentReference",
        "id": "photo",
        "date": "2024-02",
        "description": "Wound photo",
        "content": [{"attachment": {"contentType": "image/png", "title": "Wound photo",
                                    "data": base64.b64encode(picture.getvalue()).decode()}}],
    }  # fmt: skip
    extracted = read_fhir(make.write_bundle(tmp_path / "b.json", [make.patient(), document]))
    (attached,) = extracted.attached
    assert attached.content.kind == "image"
    assert attached.content.meta["attached_to"]["resource"] == "DocumentReference/photo"
    (found,) = [d for d in attached.content.dates if d.detail == "attachment"]
    assert (found.value, found.precision) == ("2024-02-01", "month")


def test_an_attachment_that_is_not_base64_fails_the_file(tmp_path: Path) -> None:
    document = {
        "resourceType": "DocumentReference",
        "id": "bad",
        "content": [{"attachment": {"contentType": "application/pdf", "data": "%%%"}}],
    }
    with pytest.raises(UnreadableFile, match="DocumentReference/bad.*not valid base64"):
        read_fhir(make.write_bundle(tmp_path / "b.json", [document]))
