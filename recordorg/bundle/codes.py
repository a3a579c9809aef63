"""Codes the bundle's XDM metadata and FHIR resources use: LOINC document types by category."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

LOINC = "2.16.840.1.113883.6.1"
LOINC_URL = "http://loinc.org"
CONFIDENTIALITY = "2.16.840.1.113883.5.25"
FORMAT_SCHEME = "1.3.6.1.4.1.19376.1.2.3"
MIME_SUFFICIENT = "urn:ihe:iti:xds:2017:mimeTypeSufficient"
# Patient IDs a recordorg library gives are its own: one assigning authority for them all.
PATIENT_AUTHORITY = "2.25." + str(uuid.uuid5(uuid.NAMESPACE_URL, "recordorg:patient-ids").int)
SOURCE_ID = "2.25." + str(uuid.uuid5(uuid.NAMESPACE_URL, "recordorg:xdm-source").int)


@dataclass(frozen=True)
class Code:
    code: str
    display: str


# The LOINC document type of each built-in category (XDS typeCode; classCode uses the same,
# for lack of an affinity domain's coarser classes). A user's own categories are "Note".
DOCUMENT_TYPES: dict[str, Code] = {
    "pathology": Code("11526-1", "Pathology study"),
    "imaging-report": Code("18748-4", "Diagnostic imaging study"),
    "imaging-study": Code("18748-4", "Diagnostic imaging study"),
    "laboratory": Code("11502-2", "Laboratory report"),
    "genomics": Code("51969-4", "Genetic analysis report"),
    "medication": Code("56445-0", "Medication summary Document"),
    "surgery": Code("11504-8", "Surgical operation note"),
    "radiotherapy": Code("28570-0", "Procedure note"),
    "clinic-letter": Code("11488-4", "Consult note"),
    "discharge-summary": Code("18842-5", "Discharge summary"),
    "administrative": Code("51851-4", "Administrative note"),
    "other": Code("34109-9", "Note"),
}
SUMMARY_DOCUMENT = Code("60591-5", "Patient summary Document")


def document_type(category_slug: str) -> Code:
    return DOCUMENT_TYPES.get(category_slug, DOCUMENT_TYPES["other"])


def uid_from(*parts: str) -> str:
    """A stable OID under 2.25 (a UUID as an integer) derived from the parts."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return "2.25." + str(int.from_bytes(digest[:16], "big") >> 6)  # < 2**122, like a UUID


def fresh_oid() -> str:
    """A new OID under 2.25 (a random UUID as an integer), never the same twice."""
    return f"2.25.{uuid.uuid4().int}"


def patient_id(person: str | None, case_code: str, deidentified: bool) -> str:
    """The patient's ID in the bundle: the case code, or one derived from the name."""
    if deidentified:
        return case_code
    base = (person or "unnamed").casefold().encode("utf-8")
    return "RO" + hashlib.sha256(base).hexdigest()[:12].upper()


def patient_cx(pid: str, authority: str = PATIENT_AUTHORITY) -> str:
    """The ID as an HL7 CX value with its assigning authority, as XDS wants it."""
    return f"{pid}^^^&{authority}&ISO"
