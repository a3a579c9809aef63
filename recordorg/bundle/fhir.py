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

from recordorg.bundle import fhir_facts as facts
from recordorg.bundle.case_summary import Fact
from recordorg.bundle.codes import (
    LOINC_URL,
    SUMMARY_DOCUMENT,
    Code,
    patient_id,
)
from recordorg.bundle.contents import BundleContents, BundleEntry
from recordorg.bundle.fhir_codes import no_information
from recordorg.bundle.fhir_facts import Builder, fhir_date
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
GENDERS = {"F": "female", "M": "male", "O": "other"}


def _cc(text: str, code: Code | None = None, system: str = LOINC_URL) -> dict[str, Any]:
    concept: dict[str, Any] = {"text": text or (code.display if code else "")}
    if code is not None:
        concept["coding"] = [{"system": system, "code": code.code, "display": code.display}]
    return concept


def _narrative(lines: list[str]) -> dict[str, str]:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines) or "<p>None recorded.</p>"
    return {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{body}</div>'}


def _patient(b: Builder) -> None:
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


def _author(b: Builder) -> dict[str, str]:
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


def _imaging(b: Builder) -> list[str]:
    return [
        b.add(imaging_study(entry, entry.study, b.subject()))
        for entry in b.contents.entries
        if entry.study is not None and entry.study.series
    ]


def _document(
    b: Builder,
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


def _document_authors(b: Builder, entry: BundleEntry) -> list[dict[str, str]]:
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


def _documents(b: Builder, review_sha1: str, review_size: int) -> list[dict]:
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
    b = Builder(contents)
    composition_url = b._url()
    b.entries.append({})  # the Composition goes first; filled in below
    _patient(b)
    case = contents.case
    problems, results = facts.conditions(b), facts.observations(b)
    medications, procedures, imaging = facts.medications(b), facts.procedures(b), _imaging(b)
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
