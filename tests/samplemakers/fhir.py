"""Synthetic FHIR R4 health records (a patient with breast cancer spread to the liver):
resources of each kind, bundles of each type, NDJSON, a folder of resource files, and a
long history for benchmarks. No real patient is named."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

SNOMED, LOINC, ICD10 = (
    "http://snomed.info/sct",
    "http://loinc.org",
    "http://hl7.org/fhir/sid/icd-10",
)
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"


def coded(system: str, code: str, display: str) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code, "display": display}], "text": display}


def patient() -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "id": "p1",
        "name": [{"use": "official", "family": "Testa", "given": ["Ada"]}],
        "birthDate": "1970-04-02",
        "gender": "female",
        "identifier": [{"system": "urn:oid:1.2.3.4", "value": "MRN-0042"}],
    }


def _subject() -> dict[str, str]:
    return {"reference": "Patient/p1"}


def conditions() -> list[dict[str, Any]]:
    return [
        {
            "resourceType": "Condition",
            "id": "c1",
            "subject": _subject(),
            "code": coded(ICD10, "C50.9", "Malignant neoplasm of breast"),
            "onsetDateTime": "2023-03",
        },
        {
            "resourceType": "Condition",
            "id": "c2",
            "subject": _subject(),
            "code": coded(ICD10, "C78.7", "Secondary malignant neoplasm of liver"),
            "onsetDateTime": "2024-01-15",
        },
        {
            "resourceType": "Condition",
            "id": "c3",
            "subject": _subject(),
            "verificationStatus": coded("x", "refuted", "Refuted"),
            "code": coded(ICD10, "C34.9", "Malignant neoplasm of lung"),
        },
    ]


def medications() -> list[dict[str, Any]]:
    return [
        {
            "resourceType": "MedicationRequest",
            "id": "m1",
            "status": "completed",
            "intent": "order",
            "subject": _subject(),
            "authoredOn": "2023-04-10",
            "medicationCodeableConcept": coded(RXNORM, "56946", "paclitaxel"),
        },
        {"resourceType": "Medication", "id": "med2", "code": coded(RXNORM, "1873916", "letrozole")},
        {
            "resourceType": "MedicationStatement",
            "id": "m2",
            "status": "active",
            "subject": _subject(),
            "medicationReference": {"reference": "Medication/med2"},
            "effectivePeriod": {"start": "2023-09-01", "end": "2024-02-01"},
        },
        {
            "resourceType": "MedicationAdministration",
            "id": "m3",
            "status": "completed",
            "subject": _subject(),
            "effectiveDateTime": "2024-03-05T10:00:00Z",
            "medicationCodeableConcept": coded(RXNORM, "224905", "trastuzumab"),
        },
    ]


def observations() -> list[dict[str, Any]]:
    return [
        {
            "resourceType": "Observation",
            "id": "o1",
            "status": "final",
            "subject": _subject(),
            "code": coded(LOINC, "18474-7", "HER2 Ag [Presence] in Tissue by Immune stain"),
            "effectiveDateTime": "2023-03-20",
            "valueCodeableConcept": coded(SNOMED, "10828004", "Positive"),
        },
        {
            "resourceType": "Observation",
            "id": "o2",
            "status": "final",
            "subject": _subject(),
            "code": coded(LOINC, "6875-9", "CA 15-3"),
            "effectiveDateTime": "2024-01-10",
            "valueQuantity": {"value": 88.51234, "unit": "U/mL"},
        },
        {
            "resourceType": "Observation",
            "id": "o3",
            "status": "final",
            "subject": _subject(),
            "code": coded(LOINC, "69548-6", "Genetic variant assessment"),
            "effectiveDateTime": "2023-05",
            "valueCodeableConcept": coded(LOINC, "LA9633-4", "Present"),
            "component": [
                {
                    "code": coded(LOINC, "48018-6", "Gene studied"),
                    "valueCodeableConcept": {"text": "BRCA1"},
                },
                {"code": coded(LOINC, "81290-9", "Variant"), "valueString": "c.68_69delAG"},
            ],
        },
    ]


def procedures_and_visits() -> list[dict[str, Any]]:
    return [
        {
            "resourceType": "Procedure",
            "id": "pr1",
            "status": "completed",
            "subject": _subject(),
            "code": coded(SNOMED, "172043006", "Total mastectomy"),
            "performedDateTime": "2023-08-01",
        },
        {
            "resourceType": "Encounter",
            "id": "e1",
            "status": "finished",
            "subject": _subject(),
            "class": {"code": "IMP", "display": "inpatient encounter"},
            "type": [coded(SNOMED, "32485007", "Hospital admission")],
            "period": {"start": "2023-07-31", "end": "2023-08-04"},
        },
        {
            "resourceType": "Encounter",
            "id": "e2",
            "status": "finished",
            "subject": _subject(),
            "class": {"code": "AMB"},
            "type": [{"text": "Oncology clinic visit"}],
            "period": {"start": "2023-09-01T09:00:00Z", "end": "2023-09-01T09:30:00Z"},
        },
    ]


def reports_and_documents(pdf: bytes) -> list[dict[str, Any]]:
    data = base64.b64encode(pdf).decode()
    note = base64.b64encode(b"Liver lesions consistent with metastases.").decode()
    return [
        {
            "resourceType": "Observation",
            "id": "o9",
            "status": "final",
            "subject": _subject(),
            "code": coded(LOINC, "718-7", "Hemoglobin"),
            "effectiveDateTime": "2024-03-01",
            "valueQuantity": {"value": 11.2, "unit": "g/dL"},
        },
        {
            "resourceType": "DiagnosticReport",
            "id": "r1",
            "status": "final",
            "subject": _subject(),
            "code": {"text": "Full blood count"},
            "effectiveDateTime": "2024-03-01",
            "result": [{"reference": "Observation/o9"}],
            "conclusion": "Mild anaemia.",
            "presentedForm": [
                {"contentType": "application/pdf", "title": "Blood count report", "data": data}
            ],
        },
        {
            "resourceType": "DocumentReference",
            "id": "d1",
            "status": "current",
            "subject": _subject(),
            "type": {"text": "CT report"},
            "date": "2024-01-12T08:00:00Z",
            "description": "CT abdomen",
            "content": [{"attachment": {"contentType": "text/plain", "data": note}}],
        },
        {
            "resourceType": "ImagingStudy",
            "id": "i1",
            "status": "available",
            "subject": _subject(),
            "identifier": [
                {"system": "urn:dicom:uid", "value": "urn:oid:1.2.826.0.1.3680043.8.498.1"}
            ],
            "started": "2024-01-12T07:30:00Z",
            "modality": [{"code": "CT"}],
            "description": "CT abdomen",
        },
    ]


def all_resources(pdf: bytes = b"%PDF-1.4 not a real pdf") -> list[dict[str, Any]]:
    return [
        patient(),
        *conditions(),
        *medications(),
        *observations(),
        *procedures_and_visits(),
        *reports_and_documents(pdf),
    ]


def bundle(resources: list[dict[str, Any]], kind: str = "collection") -> dict[str, Any]:
    entries = []
    for resource in resources:
        entry: dict[str, Any] = {
            "fullUrl": f"urn:uuid:{resource['resourceType']}-{resource.get('id')}",
            "resource": resource,
        }
        if kind == "transaction":
            entry["request"] = {"method": "POST", "url": resource["resourceType"]}
        if kind == "searchset":
            entry["search"] = {"mode": "match"}
        entries.append(entry)
    return {
        "resourceType": "Bundle",
        "type": kind,
        "timestamp": "2024-03-10T12:00:00Z",
        "entry": entries,
    }


def write_bundle(path: Path, resources: list[dict[str, Any]], kind: str = "collection") -> Path:
    path.write_text(json.dumps(bundle(resources, kind)), encoding="utf-8")
    return path


def write_ndjson(path: Path, resources: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in resources) + "\n", encoding="utf-8")
    return path


def write_folder(folder: Path, resources: list[dict[str, Any]]) -> Path:
    """A phone's export: one resource per file."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, resource in enumerate(resources):
        (folder / f"{resource['resourceType']}-{number}.json").write_text(json.dumps(resource))
    return folder


def encounter(ident: str, kind: str, name: str, start: str, end: str) -> dict[str, Any]:
    """A finished visit (kind "AMB") or hospital stay ("IMP")."""
    return {
        "resourceType": "Encounter",
        "id": ident,
        "status": "finished",
        "class": {"code": kind},
        "type": [{"text": name}],
        "period": {"start": start, "end": end},
    }


def long_history(count: int) -> list[dict[str, Any]]:
    """A patient with `count` resources: monthly visits, each with a report of five tests."""
    resources: list[dict[str, Any]] = [patient(), *conditions(), *medications()]
    tests = [
        ("718-7", "Hemoglobin", "g/dL"),
        ("6875-9", "CA 15-3", "U/mL"),
        ("2160-0", "Creatinine", "mg/dL"),
        ("1742-6", "ALT", "U/L"),
        ("777-3", "Platelets", "10*3/uL"),
    ]
    visit = 0
    while len(resources) < count:
        year, month = 2000 + visit // 48, (visit // 4) % 12 + 1  # weekly, four a month
        day = f"{year}-{month:02d}-{1 + (visit % 4) * 7:02d}"
        ids = [f"v{visit}t{n}" for n in range(len(tests))]
        resources.append(encounter(f"v{visit}", "AMB", "Clinic visit", day, day))
        for ident, (code, name, unit) in zip(ids, tests, strict=True):
            resources.append(
                {
                    "resourceType": "Observation",
                    "id": ident,
                    "status": "final",
                    "code": coded(LOINC, code, name),
                    "effectiveDateTime": day,
                    "valueQuantity": {"value": 10 + visit % 7, "unit": unit},
                }
            )
        resources.append(
            {
                "resourceType": "DiagnosticReport",
                "id": f"r{visit}",
                "status": "final",
                "code": {"text": "Blood tests"},
                "effectiveDateTime": day,
                "result": [{"reference": f"Observation/{i}"} for i in ids],
            }
        )
        visit += 1
    return resources[:count]


def regimen_history(cycles: int, stays: bool = False) -> list[dict[str, Any]]:
    """A patient given cisplatin and paclitaxel on one day a month for `cycles` months of
    2023-2024, each a prescription of its own (as health-record downloads list them); with
    `stays`, each cycle given in an overnight hospital stay."""
    resources: list[dict[str, Any]] = [patient(), *conditions()]
    drugs = [("1736854", "Cisplatin 50 MG Injection"), ("583214", "PACLitaxel 100 MG Injection")]
    for cycle in range(cycles):
        day = f"{2023 + cycle // 12}-{cycle % 12 + 1:02d}-10"
        if stays:
            overnight = (f"{day}T09:00:00Z", f"{day[:8]}11T10:00:00Z")
            resources.append(encounter(f"stay{cycle}", "IMP", "Encounter for problem", *overnight))
        for code, name in drugs:
            resources.append(
                {
                    "resourceType": "MedicationRequest",
                    "id": f"rx{cycle}-{code}",
                    "status": "stopped",
                    "intent": "order",
                    "subject": _subject(),
                    "authoredOn": f"{day}T09:00:00+00:00",
                    "medicationCodeableConcept": coded(RXNORM, code, name),
                }
            )
    return resources
