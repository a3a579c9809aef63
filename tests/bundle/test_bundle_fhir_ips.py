"""The bundle's FHIR document against the International Patient Summary rules: valid R4B,
coded entries where the vocabulary has a code, the required sections, the subject and author
as references, dates on results and medications, every reference resolving in the bundle."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from recordorg.bundle.fhir_codes import (
    ATC_URL,
    ICD10_URL,
    ICDO3_URL,
    biomarker_codings,
    diagnosis_codings,
    drug_codings,
    metastasis_codings,
)

LOINC_URL = "http://loinc.org"
REQUIRED = {"11450-4": "problems", "10160-0": "medications", "48765-2": "allergies"}


def _document(bundle: Path) -> dict[str, Any]:
    return json.loads((bundle / "FHIR.JSN").read_text())


def _resources(data: dict, kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == kind]


def _codes(concept: dict, system: str) -> set[str]:
    return {c["code"] for c in concept.get("coding", []) if c["system"] == system}


def _references(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["reference"]] if isinstance(node.get("reference"), str) else []
        return found + [r for value in node.values() for r in _references(value)]
    if isinstance(node, list):
        return [r for value in node for r in _references(value)]
    return []


def assert_ips(data: dict) -> None:
    """The IPS rules this project holds its FHIR document to."""
    r4b = pytest.importorskip("fhir.resources.R4B.bundle")
    assert r4b.Bundle.model_validate(data).type == "document"
    urls = {e["fullUrl"] for e in data["entry"]}
    assert len(urls) == len(data["entry"])
    for reference in _references(data["entry"]):
        assert reference in urls, reference  # every reference resolves inside the bundle
    composition = data["entry"][0]["resource"]
    assert composition["resourceType"] == "Composition"
    assert _codes(composition["type"], LOINC_URL) == {"60591-5"}
    patient = next(e for e in data["entry"] if e["fullUrl"] == composition["subject"]["reference"])
    assert patient["resource"]["resourceType"] == "Patient"
    for author in composition["author"]:
        kind = next(e for e in data["entry"] if e["fullUrl"] == author["reference"])
        assert kind["resource"]["resourceType"] in ("Device", "Practitioner", "Organization")
    sections = {next(iter(_codes(s["code"], LOINC_URL))): s for s in composition["section"]}
    for code in REQUIRED:  # present, with entries (the IPS "no information" ones at least)
        assert sections[code].get("entry"), REQUIRED[code]
    for section in sections.values():
        assert section.get("entry") or section.get("emptyReason")
    for resource in _resources(data, "Observation") + _resources(data, "MedicationStatement"):
        assert any(k in resource for k in ("effectiveDateTime", "effectivePeriod")) or (
            resource["_effectiveDateTime"]["extension"][0]["valueCode"] == "unknown"
        )


def test_the_fhir_document_meets_the_ips_rules(bundle: Path) -> None:
    data = _document(bundle)
    assert_ips(data)
    patient = _resources(data, "Patient")[0]
    assert patient["name"] == [{"text": "Maria Example"}]
    conditions = _resources(data, "Condition")
    idc = next(c for c in conditions if "ductal" in c["code"]["text"].lower())
    assert _codes(idc["code"], ICD10_URL) == {"C50"}
    assert _codes(idc["code"], ICDO3_URL) == {"8500/3"}
    er = next(o for o in _resources(data, "Observation") if o["code"]["text"] == "ER")
    assert _codes(er["code"], LOINC_URL) == {"16112-5"}
    assert er["effectiveDateTime"] == "2023-02-14"
    pik3ca = next(o for o in _resources(data, "Observation") if o["code"]["text"] == "PIK3CA")
    assert "coding" not in pik3ca["code"]  # no LOINC code in the vocabulary: text, not a guess
    drugs = {
        m["medicationCodeableConcept"]["text"]: m for m in _resources(data, "MedicationStatement")
    }
    assert _codes(drugs["letrozole"]["medicationCodeableConcept"], ATC_URL) == {"L02BG04"}
    assert _codes(drugs["palbociclib"]["medicationCodeableConcept"], ATC_URL) == {"L01EF01"}
    assert drugs["letrozole"]["effectivePeriod"] == {"start": "2023-03-06", "end": "2024-05-10"}
    allergies = _resources(data, "AllergyIntolerance")
    assert [a["code"]["coding"][0]["code"] for a in allergies] == ["no-allergy-info"]


def test_the_deidentified_document_meets_them_without_a_birth_date(deid_bundle: Path) -> None:
    data = _document(deid_bundle)
    assert_ips(data)
    patient = _resources(data, "Patient")[0]
    assert "birthDate" not in patient and "name" not in patient


def test_a_birth_date_is_given_when_the_person_has_one() -> None:
    from recordorg.bundle.contents import BundleContents
    from recordorg.bundle.fhir import fhir_bundle

    contents = BundleContents("Jo Example", "Jo Example", False, "", "", "", "", "as recorded")
    contents.birth_date, contents.sex = "1961-04-12", "F"
    data = fhir_bundle(contents)
    assert_ips(data)  # nothing known at all: the IPS "no information" entries
    patient = _resources(data, "Patient")[0]
    assert (patient["birthDate"], patient["gender"]) == ("1961-04-12", "female")
    kinds = {e["resource"]["resourceType"] for e in data["entry"]}
    assert {"Condition", "MedicationStatement", "AllergyIntolerance"} <= kinds
    contents.birth_date = "1961-03-04|1961-04-03"  # either reading: no birth date given
    assert "birthDate" not in _resources(fhir_bundle(contents), "Patient")[0]


def test_codes_come_from_the_vocabularies_only() -> None:
    assert _codes({"coding": biomarker_codings("HER2")}, LOINC_URL) == {"48676-1"}
    assert biomarker_codings("Ki-67") == []  # no code known: none given
    assert _codes({"coding": drug_codings("Xeloda")}, ATC_URL) == {"L01BC06"}
    assert drug_codings("an unknown medicine") == []
    assert _codes({"coding": diagnosis_codings("Adenocarcinoma of the lung")}, ICD10_URL) == {"C34"}
    assert _codes({"coding": diagnosis_codings("DCIS of the breast")}, ICD10_URL) == set()
    assert _codes({"coding": metastasis_codings("Metastasis: liver")}, ICD10_URL) == {"C78.7"}
