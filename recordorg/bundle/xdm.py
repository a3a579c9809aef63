"""IHE_XDM/SUBSET01/METADATA.XML: an ebRIM SubmitObjectsRequest with one SubmissionSet and
one DocumentEntry per document (IHE ITI TF-3 4.1 and 4.2), for hospital systems to import."""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime

from recordorg.bundle.codes import (
    CONFIDENTIALITY,
    FORMAT_SCHEME,
    LOINC,
    MIME_SUFFICIENT,
    SUMMARY_DOCUMENT,
    Code,
    document_type,
    patient_cx,
    patient_id,
    uid_from,
)
from recordorg.bundle.contents import BundleContents, BundleEntry

LCM = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0"
RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"
ET.register_namespace("lcm", LCM)
ET.register_namespace("rim", RIM)

# XDS needs a submission time: with dates removed, PS3.15's dummy date (no date at all).
NO_DATE = "19000101"
DOCUMENT_ENTRY = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1"
SUBMISSION_SET = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd"
APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"
HAS_MEMBER = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember"
CLASSIFICATION = "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification"
EXTERNAL_ID = "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:ExternalIdentifier"
SCHEMES = {
    "classCode": "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a",
    "typeCode": "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983",
    "formatCode": "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d",
    "confidentialityCode": "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f",
    "author": "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d",
    "contentTypeCode": "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500",
    "submissionAuthor": "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d",
}
IDENTIFIERS = {
    ("doc", "patientId"): (
        "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427",
        "XDSDocumentEntry.patientId",
    ),
    ("doc", "uniqueId"): (
        "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab",
        "XDSDocumentEntry.uniqueId",
    ),
    ("set", "uniqueId"): (
        "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8",
        "XDSSubmissionSet.uniqueId",
    ),
    ("set", "sourceId"): (
        "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832",
        "XDSSubmissionSet.sourceId",
    ),
    ("set", "patientId"): (
        "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446",
        "XDSSubmissionSet.patientId",
    ),
}


def _el(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{RIM}}}{tag}", attrs)


def _slot(parent: ET.Element, name: str, *values: str) -> None:
    slot = _el(parent, "Slot", name=name)
    value_list = _el(slot, "ValueList")
    for value in values:
        _el(value_list, "Value").text = value


def _name(parent: ET.Element, text: str) -> None:
    _el(_el(parent, "Name"), "LocalizedString", value=text)


def _classify(parent: ET.Element, scheme: str, target: str, code: Code, coding: str) -> None:
    node = _el(
        parent,
        "Classification",
        id=_id(),
        objectType=CLASSIFICATION,
        classificationScheme=SCHEMES[scheme],
        classifiedObject=target,
        nodeRepresentation=code.code,
    )
    _slot(node, "codingScheme", coding)
    _name(node, code.display)


def _author(parent: ET.Element, scheme: str, target: str, who: str, institution: str = "") -> None:
    node = _el(
        parent,
        "Classification",
        id=_id(),
        objectType=CLASSIFICATION,
        classificationScheme=SCHEMES[scheme],
        classifiedObject=target,
        nodeRepresentation="",
    )
    if who:
        _slot(node, "authorPerson", f"^{who.replace('^', ' ')}")
    if institution:  # an XON: the organisation's name alone
        _slot(node, "authorInstitution", _hl7_text(institution))


def _hl7_text(text: str) -> str:
    """Text for one HL7 v2 component: its separators (|^~&\\) become spaces."""
    return " ".join(re.sub(r"[|^~&\\]", " ", text).split())


def source_patient_info(contents: BundleContents, cx: str) -> list[str]:
    """sourcePatientInfo (PID-3, and unless de-identified PID-5 name, PID-7 birth date and
    PID-8 sex, as far as the person's identity knows them)."""
    values = [f"PID-3|{cx}"]
    if contents.deidentified:
        return values
    name = contents.patient_name or contents.person or ""
    if name:  # a name written "DOE^JANE" keeps its parts; any other is one family name
        parts = name.split("^") if "^" in name else [name]
        values.append("PID-5|" + "^".join(_hl7_text(p) for p in parts))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", contents.birth_date):
        values.append(f"PID-7|{contents.birth_date.replace('-', '')}")
    if contents.sex in ("F", "M", "O"):
        values.append(f"PID-8|{contents.sex}")
    return values


def _identify(parent: ET.Element, kind: tuple[str, str], target: str, value: str) -> None:
    scheme, label = IDENTIFIERS[kind]
    node = _el(
        parent,
        "ExternalIdentifier",
        id=_id(),
        objectType=EXTERNAL_ID,
        identificationScheme=scheme,
        registryObject=target,
        value=value,
    )
    _name(node, label)


def _id() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def _dtm(iso: str | None) -> str:
    """An ISO date or date-time as XDS DTM (YYYYMMDD[hhmmss]), or ""."""
    if not iso:
        return ""
    if len(iso) <= 10:
        return iso.replace("-", "")
    return datetime.fromisoformat(iso).strftime("%Y%m%d%H%M%S")


def _document(
    root: ET.Element, entry: BundleEntry, contents: BundleContents, cx: str, patient: list[str]
) -> str:
    doc_id = _id()
    doc = _el(
        root,
        "ExtrinsicObject",
        id=doc_id,
        mimeType=entry.mime or "application/octet-stream",
        objectType=DOCUMENT_ENTRY,
        status=APPROVED,
    )
    if entry.date:
        _slot(doc, "creationTime", _dtm(entry.date))
        _slot(doc, "serviceStartTime", _dtm(entry.date))
    _slot(doc, "hash", entry.sha1)
    _slot(doc, "size", str(entry.size))
    _slot(doc, "languageCode", "und")
    _slot(doc, "sourcePatientId", cx)
    _slot(doc, "sourcePatientInfo", *patient)
    _slot(doc, "URI", entry.main_path.rsplit("/", 1)[-1])
    _name(doc, entry.title or f"Record {entry.number}")
    if entry.source_author or entry.source_facility:  # as the portal sent it
        _author(doc, "author", doc_id, entry.source_author, entry.source_facility)
    elif contents.made_by:
        _author(doc, "author", doc_id, contents.made_by)
    kind = document_type(entry.category)
    _classify(doc, "classCode", doc_id, kind, LOINC)
    _classify(doc, "confidentialityCode", doc_id, Code("N", "normal"), CONFIDENTIALITY)
    _classify(
        doc, "formatCode", doc_id, Code(MIME_SUFFICIENT, "Format from mime type"), FORMAT_SCHEME
    )
    _classify(doc, "typeCode", doc_id, entry.document_code(), LOINC)
    _identify(doc, ("doc", "patientId"), doc_id, cx)
    _identify(
        doc, ("doc", "uniqueId"), doc_id, uid_from(contents.id_salt + "document", entry.sha256)
    )
    return doc_id


def metadata_xml(contents: BundleContents) -> bytes:
    """The METADATA.XML of the bundle's documents (imaging studies travel as DICOM media)."""
    cx = patient_cx(
        patient_id(contents.person, contents.case_code, contents.deidentified),
        contents.patient_authority,
    )
    request = ET.Element(f"{{{LCM}}}SubmitObjectsRequest")
    objects = _el(request, "RegistryObjectList")
    patient = source_patient_info(contents, cx)
    doc_ids = [_document(objects, e, contents, cx, patient) for e in contents.documents]
    set_id = "SubmissionSet01"
    package = _el(
        objects,
        "RegistryPackage",
        id=set_id,
        objectType="urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage",
    )
    _slot(package, "submissionTime", _dtm(contents.created) or NO_DATE)
    _name(package, f"Case review of {contents.subject}")
    if contents.made_by:
        _author(package, "submissionAuthor", set_id, contents.made_by)
    _classify(package, "contentTypeCode", set_id, SUMMARY_DOCUMENT, LOINC)
    _identify(
        package,
        ("set", "uniqueId"),
        set_id,
        uid_from(contents.id_salt + "submission", contents.created, contents.subject),
    )
    _identify(package, ("set", "sourceId"), set_id, contents.source_id)
    _identify(package, ("set", "patientId"), set_id, cx)
    _el(
        objects,
        "Classification",
        id=_id(),
        objectType=CLASSIFICATION,
        classifiedObject=set_id,
        classificationNode=SUBMISSION_SET,
    )
    for doc_id in doc_ids:
        association = _el(
            objects,
            "Association",
            id=_id(),
            associationType=HAS_MEMBER,
            sourceObject=set_id,
            targetObject=doc_id,
            objectType="urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Association",
        )
        _slot(association, "SubmissionSetStatus", "Original")
    ET.indent(request)
    return ET.tostring(request, encoding="utf-8", xml_declaration=True)
