"""FHIR.JSN: the case as a FHIR R4 document Bundle that meets the International Patient
Summary rules: Composition first (authored by a Device), then Patient, Conditions, biomarker
Observations, treatment MedicationStatements and Procedures (coded where the vocabularies
know the code: fhir_codes.py), ImagingStudies and a DocumentReference per file; Problems,
Medications and Allergies always present, with the IPS "no information" entry if empty."""

from __future__ import annotations

import base64
import html
import json
import re
import uuid
from typing import Any

from recordorg.bundle.case_summary import Fact
from recordorg.bundle.codes import (
    LOINC_URL,
    SUMMARY_DOCUMENT,
    Code,
    patient_id,
)
from recordorg.bundle.contents import BundleContents, BundleEntry
from recordorg.bundle.fhir_codes import (
    absent_date,
    biomarker_codings,
    concept,
    diagnosis_codings,
    drug_codings,
    metastasis_codings,
    no_information,
)
from recordorg.bundle.fhir_imaging import imaging_study
from recordorg.bundle.names import REVIEW

SECTIONS = {  # IPS section codes (LOINC)
    "problems": Code("11450-4", "Problem list - Reported"),
    "medications": Code("10160-0", "History of Medication use Narrative"),
    "allergies": Code("48765-2", "Allergies and adverse reactions Document"),
    "results": Code("30954-2", "Relevant diagnostic tests/laboratory data Narrative"),
    "procedures": Code("47519-4", "History of Procedures Document"),
    "imaging": Code("18748-4", "Diagnostic imaging study"),
    "documents": Code("55107-7", "Addendum Document"),
}
EMPTY_REASON = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/list-empty-reason",
            "code": "unavailable",
            "display": "Unavailable",
        }
    ]
}
NO_DATE = "1900-01-01"  # PS3.15's dummy date, for a date FHIR requires when dates are removed
STATUS_TO_VERIFICATION = {True: "confirmed", False: "unconfirmed"}
GENDERS = {"F": "female", "M": "male", "O": "other"}


class _Builder:
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


def _cc(text: str, code: Code | None = None, system: str = LOINC_URL) -> dict[str, Any]:
    concept: dict[str, Any] = {"text": text or (code.display if code else "")}
    if code is not None:
        concept["coding"] = [{"system": system, "code": code.code, "display": code.display}]
    return concept


def _narrative(lines: list[str]) -> dict[str, str]:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines) or "<p>None recorded.</p>"
    return {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{body}</div>'}


def _note(fact: Fact) -> list[dict[str, str]]:
    words = (
        []
        if fact.confirmed
        else ["Suggested by recordorg from the records; NOT confirmed by a person."]
    )
    words += [f"Source: {s.words}" for s in fact.sources]
    return [{"text": w} for w in words]


def _patient(b: _Builder) -> None:
    c = b.contents
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "identifier": [
            {
                "system": f"urn:oid:{c.patient_authority}",
                "value": patient_id(c.person, c.case_code, c.deidentified),
            }
        ],
    }
    if c.person and not c.deidentified:
        resource["name"] = [{"text": c.person}]
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.birth_date):  # not "A|B": one day known
            resource["birthDate"] = c.birth_date
        if c.sex in GENDERS:
            resource["gender"] = GENDERS[c.sex]
    b.add(resource, b.patient_ref)


def _author(b: _Builder) -> dict[str, str]:
    """The Composition's author: recordorg, as a Device (the person who made the bundle is
    named on it as its owner's words, not as a clinician)."""
    c = b.contents
    device: dict[str, Any] = {
        "resourceType": "Device",
        "deviceName": [{"name": c.application, "type": "manufacturer-name"}],
        "version": [{"value": c.version}],
    }
    if c.made_by:
        device["note"] = [{"text": f"Bundle made by {c.made_by}"}]
    b.add(device, b.author_ref)
    return {"reference": b.author_ref, "display": c.made_by or f"{c.application} {c.version}"}


def _conditions(b: _Builder) -> list[str]:
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
        if fhir_date(fact.date):
            resource["onsetDateTime"] = fhir_date(fact.date)
        if _note(fact):
            resource["note"] = _note(fact)
        refs.append(b.add(resource))
    return refs


def _condition_codings(fact: Fact) -> list[dict[str, str]]:
    if fact.kind == "metastasis":
        return metastasis_codings(fact.text)
    return diagnosis_codings(fact.text)


def _observations(b: _Builder) -> list[str]:
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
            resource["method"] = _cc(cells["method"])
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


def _medications(b: _Builder) -> list[str]:
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


def _procedures(b: _Builder) -> list[str]:
    refs = []
    for fact in b.contents.case.other:
        if fact.kind not in ("procedure", "radiotherapy"):
            continue
        resource: dict[str, Any] = {
            "resourceType": "Procedure",
            "status": "completed",
            "code": _cc(fact.text),
            "subject": b.subject(),
        }
        if fhir_date(fact.date):
            resource["performedDateTime"] = fhir_date(fact.date)
        if _note(fact):
            resource["note"] = _note(fact)
        refs.append(b.add(resource))
    return refs


def _imaging(b: _Builder) -> list[str]:
    return [
        b.add(imaging_study(entry, entry.study, b.subject()))
        for entry in b.contents.entries
        if entry.study is not None and entry.study.series
    ]


def fhir_date(value: str | None) -> str | None:
    """A date as a FHIR dateTime: a day, or a partial date kept as partial ("2023-03",
    "2021"); None for anything else."""
    if value and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value[:10]):
        return value[:10]
    return None


def _document(
    b: _Builder,
    entry: BundleEntry | None,
    path: str,
    size: int,
    sha1: str,
    mime: str,
    title: str,
    kind: Code,
    date: str | None,
) -> str:
    attachment: dict[str, Any] = {"contentType": mime, "url": path, "size": size, "title": title}
    if sha1:
        attachment["hash"] = base64.b64encode(bytes.fromhex(sha1)).decode("ascii")
    if fhir_date(date):
        attachment["creation"] = fhir_date(date)
    resource: dict[str, Any] = {
        "resourceType": "DocumentReference",
        "status": "current",
        "type": _cc(kind.display, kind),
        "subject": b.subject(),
        "description": title,
        "content": [{"attachment": attachment}],
    }
    if b.contents.created:
        resource["date"] = b.contents.created
    if entry is not None and (entry.source_author or entry.source_facility):
        resource["author"] = _document_authors(b, entry)
    return b.add(resource)


def _document_authors(b: _Builder, entry: BundleEntry) -> list[dict[str, str]]:
    """Who wrote a document read from a patient portal, and where: a Practitioner and an
    Organization of the bundle's own."""
    authors = []
    if entry.source_author:
        person = {"resourceType": "Practitioner", "name": [{"text": entry.source_author}]}
        authors.append({"reference": b.add(person)})
    if entry.source_facility:
        place = {"resourceType": "Organization", "name": entry.source_facility}
        authors.append({"reference": b.add(place)})
    return authors


def _section(key: str, title: str, refs: list[str], lines: list[str]) -> dict[str, Any]:
    """A Composition section; with nothing in it, its reason (emptyReason)."""
    section: dict[str, Any] = {
        "title": title,
        "code": _cc(SECTIONS[key].display, SECTIONS[key]),
        "text": _narrative(lines),
    }
    if refs:
        section["entry"] = [{"reference": r} for r in refs]
    else:
        section["emptyReason"] = EMPTY_REASON
    return section


def _documents(b: _Builder, review_sha1: str, review_size: int) -> list[dict]:
    """A DocumentReference for each document of the bundle, and for REVIEW.PDF."""
    documents = [
        _document(
            b,
            e,
            e.main_path,
            e.size,
            e.sha1,
            e.mime or "application/octet-stream",
            e.title or f"Record {e.number}",
            e.document_code(),
            e.date,
        )
        for e in b.contents.documents
    ]
    if review_size:
        documents.append(
            _document(
                b,
                None,
                REVIEW,
                review_size,
                review_sha1,
                "application/pdf",
                "Case review (all documents in one PDF)",
                SUMMARY_DOCUMENT,
                None,
            )
        )
    return documents


def fhir_bundle(contents: BundleContents, review_sha1: str = "", review_size: int = 0) -> dict:
    """The FHIR document Bundle as JSON-ready data."""
    b = _Builder(contents)
    composition_url = b._url()
    b.entries.append({})  # the Composition goes first; filled in below
    _patient(b)
    case = contents.case
    problems, results = _conditions(b), _observations(b)
    medications, procedures, imaging = _medications(b), _procedures(b), _imaging(b)
    documents = _documents(b, review_sha1, review_size)

    def lines(facts: list[Fact]) -> list[str]:
        return [f.text + ("" if f.confirmed else " (unconfirmed)") for f in facts]

    unknown = {
        key: [b.add(no_information(key, b.subject()))]
        for key, refs in (("problems", problems), ("medications", medications), ("allergies", []))
        if not refs
    }
    sections = [
        _section("problems", "Diagnosis", problems or unknown["problems"], lines(case.diagnoses)),
        _section(
            "medications",
            "Treatment lines",
            medications or unknown["medications"],
            lines(case.treatments) or ["No information about medications."],
        ),
        _section(
            "allergies", "Allergies", unknown["allergies"], ["No information about allergies."]
        ),
        _section("results", "Biomarker results", results, lines(case.biomarkers)),
        _section(
            "procedures",
            "Procedures and radiotherapy",
            procedures,
            [f.text for f in case.other if f.kind in ("procedure", "radiotherapy")],
        ),
        _section(
            "imaging",
            "Imaging studies",
            imaging,
            [e.title for e in contents.entries if e.study is not None],
        ),
        _section(
            "documents",
            "Documents in this bundle",
            documents,
            [f"{e.number}. {e.title}" for e in contents.documents],
        ),
    ]
    composition = {
        "resourceType": "Composition",
        "id": composition_url.rsplit(":", 1)[-1],
        "status": "final",
        "type": _cc(SUMMARY_DOCUMENT.display, SUMMARY_DOCUMENT),
        "subject": b.subject(),
        "date": contents.created or NO_DATE,  # required: a dummy when dates are removed
        "author": [_author(b)],
        "title": f"Case review: {contents.subject}",
        "section": sections,
    }
    b.entries[0] = {"fullUrl": composition_url, "resource": composition}
    bundle: dict[str, Any] = {"resourceType": "Bundle", "type": "document"}
    if contents.created:
        bundle["timestamp"] = contents.created
    bundle["identifier"] = {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{uuid.uuid4()}"}
    bundle["entry"] = b.entries
    return bundle


def fhir_json(contents: BundleContents, review_sha1: str = "", review_size: int = 0) -> bytes:
    data = fhir_bundle(contents, review_sha1, review_size)
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
