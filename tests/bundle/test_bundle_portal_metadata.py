"""A bundle made from a record read from a patient portal (C-CDA): METADATA.XML names the
patient (sourcePatientInfo) and the document's own author, facility and type; the FHIR
document gives the birth date; a de-identified bundle keeps none of them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from recordorg.bundle.plan import BundleOptions, plan_bundle
from recordorg.core.catalogue.library import Library
from recordorg.jobs.export import run_export
from recordorg.jobs.importer import import_paths
from tests.bundle.conftest import TODAY, run
from tests.bundle.test_bundle_fhir_ips import assert_ips
from tests.samplemakers.ccda import clinical_document

RIM = "{urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0}"
PERSON = "Ada Testa"


@pytest.fixture(scope="module")
def portal_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("portal")
    (folder / "clinic-note.xml").write_bytes(clinical_document())
    root = tmp_path_factory.mktemp("portal-library") / "library"
    library = Library.open(root)
    report = run(import_paths(library, [folder], person=PERSON))
    library.close()
    assert not report.failed, report.failed
    return root


def _export(root: Path, target: Path, **options) -> Path:
    library = Library.open(root)
    try:
        plan = plan_bundle(library, person=PERSON, options=BundleOptions(made_by="Ana", **options))
        run_export(library, plan, target, today=TODAY)
        return target
    finally:
        library.close()


def _slots(node: ET.Element) -> dict[str, list[str]]:
    return {
        slot.get("name", ""): [v.text or "" for v in slot.iter(f"{RIM}Value")]
        for slot in node.findall(f"{RIM}Slot")
    }


def _document_entry(bundle: Path) -> ET.Element:
    root = ET.parse(bundle / "IHE_XDM" / "SUBSET01" / "METADATA.XML").getroot()
    return next(root.iter(f"{RIM}ExtrinsicObject"))


def test_metadata_carries_the_patient_and_the_documents_own_author(
    portal_library: Path, tmp_path: Path
) -> None:
    bundle = _export(portal_library, tmp_path / "B")
    document = _document_entry(bundle)
    info = _slots(document)["sourcePatientInfo"]
    assert info[0].startswith("PID-3|") and "PID-7|19610412" in info and "PID-8|F" in info
    assert any(v.startswith("PID-5|") and "Testa" in v for v in info)
    authors = [
        _slots(c)
        for c in document.findall(f"{RIM}Classification")
        if c.get("classificationScheme") == "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d"
    ]
    assert authors[0]["authorInstitution"] == ["Example Cancer Centre"]
    assert "Example" in authors[0]["authorPerson"][0] and "Ana" not in authors[0]["authorPerson"][0]
    types = [
        c.get("nodeRepresentation")
        for c in document.findall(f"{RIM}Classification")
        if c.get("classificationScheme") == "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983"
    ]
    assert types == ["11488-4"]  # Consult note, as the document codes itself
    fhir = json.loads((bundle / "FHIR.JSN").read_text())
    assert_ips(fhir)
    patient = next(
        e["resource"] for e in fhir["entry"] if e["resource"]["resourceType"] == "Patient"
    )
    assert patient["birthDate"] == "1961-04-12"
    resources = {e["fullUrl"]: e["resource"] for e in fhir["entry"]}
    note = next(
        r
        for r in resources.values()
        if r["resourceType"] == "DocumentReference" and r["type"]["coding"][0]["code"] == "11488-4"
    )
    written_by = [resources[a["reference"]] for a in note["author"]]
    assert [r["resourceType"] for r in written_by] == ["Practitioner", "Organization"]
    assert written_by[1]["name"] == "Example Cancer Centre"


def test_a_deidentified_bundle_names_no_patient_author_or_facility(
    portal_library: Path, tmp_path: Path
) -> None:
    bundle = _export(
        portal_library, tmp_path / "D", deidentify=True, date_shift_days=-30, case_code="CASE-1"
    )
    text = (bundle / "IHE_XDM" / "SUBSET01" / "METADATA.XML").read_text()
    document = _document_entry(bundle)
    assert [v.split("|")[0] for v in _slots(document)["sourcePatientInfo"]] == ["PID-3"]
    for words in ("Testa", "19610412", "Example Cancer Centre"):
        assert words not in text
    fhir = json.loads((bundle / "FHIR.JSN").read_text())
    assert_ips(fhir)
    assert "1961" not in json.dumps(fhir)
