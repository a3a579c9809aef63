"""Clinical documents from patient portals (HL7 C-CDA R1.1 and R2.1, CDA R2): one record
per document, with its title, date, author, patient, the narrative of every section as its
text, and the coded entries kept for the case review. The XML is untrusted: it is parsed
with defusedxml (no entities, no DTD, nothing fetched)."""

from __future__ import annotations

import base64
import binascii
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from recordorg.formats.ccda_entries import CodedEntry, read_entries
from recordorg.formats.ccda_narrative import (
    Block,
    blocks_text,
    narrative_blocks,
    referenced_texts,
)
from recordorg.formats.ccda_values import (
    V3,
    CdaTime,
    child,
    children,
    person_name,
    text_of,
    time_range,
)
from recordorg.formats.extracted import Extracted, FoundDate, PageText, UnreadableFile

CDA_MIME = "application/hl7-cda+xml"
DATE_SOURCE = "clinical-document"  # a date the document's coded header states
# A service period longer than this (a summary of a whole life) does not date the document.
MAX_SERVICE_DAYS = 92


@dataclass
class Section:
    """One section: its title, LOINC code, narrative blocks, and its page in the record."""

    title: str
    code: str
    blocks: list[Block]
    page: int


@dataclass
class ClinicalDocument:
    """What a clinical document says about itself and its sections."""

    title: str = ""
    kind: str = ""  # the document type's name ("Summary of episode note")
    kind_code: str = ""
    written: CdaTime | None = None
    service_start: CdaTime | None = None
    service_end: CdaTime | None = None
    author: str = ""
    organisation: str = ""
    patient: dict[str, Any] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    entries: list[CodedEntry] = field(default_factory=list)
    attached: bytes = b""  # the file an unstructured document carries (a scanned letter's PDF)
    attached_type: str = ""  # its media type, also when it could not be taken out


def is_clinical_document(head: str) -> bool:
    """True if the start of an XML text opens a CDA ClinicalDocument in the HL7 namespace."""
    at = head.find("<ClinicalDocument")
    if at < 0:
        at = head.find(":ClinicalDocument")
    return at >= 0 and "urn:hl7-org:v3" in head[at : at + 2000]


def parse_document(data: bytes) -> ClinicalDocument:
    """Read a clinical document's XML; raises UnreadableFile when it is not one."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise UnreadableFile(
            "This clinical document contains unsafe XML (entities or a DTD) and was not read."
        ) from None
    except (ParseError, ValueError) as error:
        raise UnreadableFile(f"This clinical document is damaged: {error}") from None
    if root.tag != V3 + "ClinicalDocument":
        raise UnreadableFile("This XML file is not a clinical document (CDA).")
    document = _header(root)
    _body(root, document)
    return document


def _header(root: Any) -> ClinicalDocument:
    code = child(root, "code")
    service = child(root, "documentationOf", "serviceEvent", "effectiveTime")
    if service is None:
        service = child(root, "componentOf", "encompassingEncounter", "effectiveTime")
    start, end = time_range(service)
    written, _ = time_range(child(root, "effectiveTime"))
    assigned = child(root, "author", "assignedAuthor")
    organisation = text_of(child(assigned, "representedOrganization", "name")) or text_of(
        child(root, "custodian", "assignedCustodian", "representedCustodianOrganization", "name")
    )
    return ClinicalDocument(
        title=text_of(child(root, "title")),
        kind=(code.get("displayName") or "") if code is not None else "",
        kind_code=(code.get("code") or "") if code is not None else "",
        written=written,
        service_start=start,
        service_end=end,
        author=person_name(child(assigned, "assignedPerson", "name"))
        or text_of(child(assigned, "assignedAuthoringDevice", "softwareName")),
        organisation=organisation,
        patient=_patient(child(root, "recordTarget", "patientRole")),
    )


def _patient(role: Any) -> dict[str, Any]:
    if role is None:
        return {}
    patient = child(role, "patient")
    birth, _ = time_range(child(patient, "birthTime"))
    sex = child(patient, "administrativeGenderCode")
    identifiers = [
        {"root": i.get("root", ""), "extension": i.get("extension", "")}
        for i in children(role, "id")
        if i.get("extension") or i.get("root")
    ]
    return {
        "name": person_name(child(patient, "name")),
        "birth_date": birth.value if birth and birth.precision == "day" else "",
        "sex": {"F": "F", "M": "M"}.get((sex.get("code") or "") if sex is not None else "", ""),
        "identifiers": identifiers,
    }


def _body(root: Any, document: ClinicalDocument) -> None:
    body = child(root, "component", "structuredBody")
    if body is None:
        text = child(root, "component", "nonXMLBody", "text")
        if text is not None and text.get("mediaType", "text/plain").startswith("text/"):
            blocks = narrative_blocks(text) if len(text) else [Block("paragraph", text_of(text))]
            document.sections.append(Section(document.title, "", blocks, 1))
        elif text is not None:
            document.attached_type = text.get("mediaType") or ""
            document.attached = _attached(text)
        return
    for component in children(body, "component"):
        _section(child(component, "section"), document, 0)


def _attached(text: Any) -> bytes:
    """The file an unstructured document carries in its body, as bytes (b"" if it is not
    written in base64, or is a reference to a file elsewhere)."""
    encoded = (text.get("representation") or "B64").upper() == "B64"
    if not encoded or child(text, "reference") is not None:
        return b""
    try:
        return base64.b64decode("".join((text.text or "").split()), validate=True)
    except (binascii.Error, ValueError):
        return b""


def _section(section: Any, document: ClinicalDocument, depth: int) -> None:
    if section is None or depth > 6:
        return
    code = child(section, "code")
    title = text_of(child(section, "title")) or (
        (code.get("displayName") or "") if code is not None else ""
    )
    text = child(section, "text")
    blocks = narrative_blocks(text) if text is not None else []
    page = len(document.sections) + 1
    document.sections.append(
        Section(title, (code.get("code") or "") if code is not None else "", blocks, page)
    )
    references = referenced_texts(text) if text is not None else {}
    document.entries += read_entries(section, title, page, references)
    for component in children(section, "component"):
        _section(child(component, "section"), document, depth + 1)


def extracted_from(document: ClinicalDocument) -> Extracted:
    pages = [
        PageText(s.page, section_text(s), "text-layer" if s.blocks else "none")
        for s in document.sections
    ]
    if not pages:
        pages = [PageText(1, document.title, "text-layer")]
    result = Extracted(
        kind="other",
        mime=CDA_MIME,
        pages=pages,
        page_count=len(pages),
        dates=document_dates(document),
        title=document.title or document.kind,
    )
    result.meta = document_meta(document)
    return result


def section_text(section: Section) -> str:
    body = blocks_text(section.blocks)
    return f"{section.title}\n{body}" if section.title else body


def document_dates(document: ClinicalDocument) -> list[FoundDate]:
    """The service period (a stay, a visit: what the document is about), else the day it was
    written."""
    start = document.service_start
    end_day = document.service_end.last_day if document.service_end else ""
    if start is not None and (not end_day or _days(start.value, end_day) <= MAX_SERVICE_DAYS):
        end = end_day if end_day != start.last_day else ""
        return [FoundDate(start.value, DATE_SOURCE, "procedure", "service", start.precision, end)]
    if document.written is not None:
        w = document.written
        return [FoundDate(w.value, DATE_SOURCE, "document", "written", w.precision)]
    return []


def _days(start: str, end: str) -> int:
    return (date.fromisoformat(end) - date.fromisoformat(start)).days


def document_meta(document: ClinicalDocument) -> dict[str, Any]:
    """The header and entries as they are kept with the record."""
    patient = document.patient
    ids = patient.get("identifiers", [])
    return {
        "clinical_document": {
            "title": document.title,
            "type": document.kind,
            "type_code": document.kind_code,
            "written": document.written.written if document.written else "",
            "service_start": document.service_start.written if document.service_start else "",
            "service_end": document.service_end.written if document.service_end else "",
            "service_end_day": document.service_end.last_day if document.service_end else "",
            "author": document.author,
            "organisation": document.organisation,
            "sections": [s.title for s in document.sections],
        },
        "patient_name": patient.get("name", ""),
        "patient_birth_date": patient.get("birth_date", ""),
        "patient_id": ids[0]["extension"] if ids else "",
        "patient_sex": patient.get("sex", ""),
        "patient_identifiers": ids,
        "coded_entries": [asdict(e) for e in document.entries],
    }
