"""The case review's facts as FHIR resources for the bundle's document: Conditions,
biomarker Observations, treatment MedicationStatements and Procedures, each coded where
recordorg's vocabularies know the code, dated (or marked as not known), with its sources."""

from __future__ import annotations

import re
import uuid
from typing import Any

from recordorg.bundle.case_summary import Fact
from recordorg.bundle.contents import BundleContents
from recordorg.bundle.fhir_codes import (
    absent_date,
    biomarker_codings,
    concept,
    diagnosis_codings,
    drug_codings,
    metastasis_codings,
)

STATUS_TO_VERIFICATION = {True: "confirmed", False: "unconfirmed"}


class Builder:
    """The resources of one FHIR document as they are added, each with its fullUrl."""

    def __init__(self, contents: BundleContents) -> None:
        self.contents = contents
        self.entries: list[dict[str, Any]] = []
        self.patient_ref = self._url()
        self.author_ref = self._url()

    @staticmethod
    def _url() -> str:
        return f"urn:uuid:{uuid.uuid4()}"

    def add(self, resource: dict[str, Any], url: str | None = None) -> str:
        url = url or self._url()
        resource.setdefault("id", url.rsplit(":", 1)[-1])
        self.entries.append({"fullUrl": url, "resource": resource})
        return url

    def subject(self) -> dict[str, str]:
        return {"reference": self.patient_ref}


def fhir_date(value: str | None) -> str | None:
    """A date as a FHIR dateTime: a day, or a partial date kept as partial ("2023-03",
    "2021"); None for anything else."""
    if value and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value[:10]):
        return value[:10]
    return None


def _note(fact: Fact) -> list[dict[str, str]]:
    words = (
        []
        if fact.confirmed
        else ["Suggested by recordorg from the records; NOT confirmed by a person."]
    )
    words += [f"Source: {s.words}" for s in fact.sources]
    return [{"text": w} for w in words]


def _add_fact(b: Builder, resource: dict[str, Any], fact: Fact, when: str) -> str:
    """Add a resource with the fact's date (as `when`) and notes; returns its reference."""
    if fhir_date(fact.date):
        resource[when] = fhir_date(fact.date)
    if _note(fact):
        resource["note"] = _note(fact)
    return b.add(resource)


def conditions(b: Builder) -> list[str]:
    refs = []
    for fact in b.contents.case.diagnoses + [
        f for f in b.contents.case.other if f.kind == "metastasis"
    ]:
        resource: dict[str, Any] = {
            "resourceType": "Condition",
            "clinicalStatus": {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                        "code": "active",
                    }
                ]
            },
            "verificationStatus": {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                        "code": STATUS_TO_VERIFICATION[fact.confirmed],
                    }
                ]
            },
            "code": concept(fact.text, _condition_codings(fact)),
            "subject": b.subject(),
        }
        refs.append(_add_fact(b, resource, fact, "onsetDateTime"))
    return refs


def _condition_codings(fact: Fact) -> list[dict[str, str]]:
    if fact.kind == "metastasis":
        return metastasis_codings(fact.text)
    return diagnosis_codings(fact.text)


def observations(b: Builder) -> list[str]:
    refs = []
    for fact in b.contents.case.biomarkers:
        cells = fact.cells
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "status": "final" if fact.confirmed else "preliminary",
            "category": [
                {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                            "code": "laboratory",
                        }
                    ]
                }
            ],
            "code": concept(
                cells.get("marker") or fact.text, biomarker_codings(cells.get("marker") or "")
            ),
            "subject": b.subject(),
            "valueString": cells.get("result") or "not given",
        }
        _effective(resource, fhir_date(cells.get("date") or fact.date))
        if cells.get("method"):
            resource["method"] = concept(cells["method"], [])
        if cells.get("lab"):
            resource["performer"] = [{"display": cells["lab"]}]
        if _note(fact):
            resource["note"] = _note(fact)
        refs.append(b.add(resource))
    return refs


def _effective(resource: dict[str, Any], day: str | None) -> None:
    """When a result or medication was: its date, or a date marked as not known (the IPS
    requires one)."""
    if day:
        resource["effectiveDateTime"] = day
    else:
        resource["_effectiveDateTime"] = absent_date()


def medications(b: Builder) -> list[str]:
    refs = []
    for fact in b.contents.case.treatments:
        cells = fact.cells
        drugs = [d.strip() for d in cells.get("drugs", "").split(",") if d.strip()]
        period = {
            k: v
            for k, v in (("start", cells.get("start")), ("end", cells.get("end")))
            if v and v != "ongoing"
        }
        for drug in drugs or [cells.get("regimen") or fact.text]:
            resource: dict[str, Any] = {
                "resourceType": "MedicationStatement",
                "status": "active" if cells.get("end") == "ongoing" else "completed",
                "medicationCodeableConcept": concept(drug, drug_codings(drug)),
                "subject": b.subject(),
                "note": [{"text": fact.text}] + _note(fact),
            }
            if period:
                resource["effectivePeriod"] = period
            else:
                _effective(resource, None)
            refs.append(b.add(resource))
    return refs


def procedures(b: Builder) -> list[str]:
    refs = []
    for fact in b.contents.case.other:
        if fact.kind not in ("procedure", "radiotherapy"):
            continue
        resource: dict[str, Any] = {
            "resourceType": "Procedure",
            "status": "completed",
            "code": concept(fact.text, []),
            "subject": b.subject(),
        }
        refs.append(_add_fact(b, resource, fact, "performedDateTime"))
    return refs
