"""Reports written as data inside a study: DICOM Structured Reports (Basic, Enhanced and
Comprehensive text SR) and clinical documents wrapped in DICOM (Encapsulated CDA), read as
sections of words, the same shape a clinical document's narrative takes."""

from __future__ import annotations

from typing import Any

from pydicom.dataset import Dataset

from recordorg.formats.ccda import ClinicalDocument, Section, parse_document
from recordorg.formats.ccda_narrative import Block
from recordorg.formats.dicom_values import text_value
from recordorg.formats.extracted import UnreadableFile

STRUCTURED_REPORTS = {
    "1.2.840.10008.5.1.4.1.1.88.11",  # Basic Text SR
    "1.2.840.10008.5.1.4.1.1.88.22",  # Enhanced SR
    "1.2.840.10008.5.1.4.1.1.88.33",  # Comprehensive SR
    "1.2.840.10008.5.1.4.1.1.88.34",  # Comprehensive 3D SR
}
ENCAPSULATED_CDA = "1.2.840.10008.5.1.4.1.1.104.2"
MAX_DEPTH = 12
MAX_ITEMS = 20_000


def _meaning(item: Any, keyword: str = "ConceptNameCodeSequence") -> str:
    sequence = item.get(keyword)
    if not sequence:
        return ""
    return " ".join(str(sequence[0].get("CodeMeaning", "") or "").split())


def _value(item: Any) -> str:
    """The words of one content item's value ("" for references to images and the like)."""
    kind = str(item.get("ValueType", "") or "")
    if kind == "TEXT":
        text = str(item.get("TextValue", "") or "")
        return text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if kind == "CODE":
        return _meaning(item, "ConceptCodeSequence")
    if kind == "NUM":
        measured = item.get("MeasuredValueSequence")
        if not measured:
            return ""
        unit = _meaning(measured[0], "MeasurementUnitsCodeSequence")
        number = str(measured[0].get("NumericValue", "") or "").strip()
        return f"{number} {unit}".strip() if unit not in ("", "no units") else number
    if kind in ("DATE", "TIME", "DATETIME", "PNAME"):
        keyword = {"DATE": "Date", "TIME": "Time", "DATETIME": "DateTime"}.get(kind, "PersonName")
        return str(item.get(keyword, "") or "").replace("^", " ").strip()
    return ""


def structured_report(ds: Dataset) -> ClinicalDocument:
    """A structured report's tree as a document: each container a section, each item a
    "Concept: value" line, nested containers as their own sections."""
    title = _meaning(ds) or text_value(ds, "SeriesDescription") or "Structured report"
    document = ClinicalDocument(title=title, kind="Structured report")
    budget = [MAX_ITEMS]
    _container(ds, title, document, 0, budget)
    return document


def _container(
    item: Any, title: str, document: ClinicalDocument, depth: int, budget: list[int]
) -> None:
    blocks: list[Block] = []
    section = Section(title, "", blocks, len(document.sections) + 1)
    document.sections.append(section)
    for child in item.get("ContentSequence") or []:
        budget[0] -= 1
        if budget[0] < 0 or depth >= MAX_DEPTH:
            return
        name = _meaning(child)
        if str(child.get("ValueType", "")) == "CONTAINER":
            _container(child, name or "Section", document, depth + 1, budget)
            continue
        value = _value(child)
        if value:
            blocks.append(Block("paragraph", f"{name}: {value}" if name else value))
    if not blocks and depth and section is document.sections[-1]:
        document.sections.pop()  # an empty heading of nested sections says nothing


def wrapped_clinical_document(ds: Dataset) -> ClinicalDocument:
    """The clinical document inside an Encapsulated CDA file; raises UnreadableFile."""
    try:
        data = bytes(ds.get("EncapsulatedDocument") or b"")
    except (TypeError, ValueError):
        raise UnreadableFile("The document inside this DICOM file is damaged.") from None
    length = int(ds.get("EncapsulatedDocumentLength") or 0)
    if length and length <= len(data):
        data = data[:length]
    return parse_document(data.rstrip(b"\0 "))


def report_document(ds: Dataset) -> ClinicalDocument | None:
    """The report a DICOM file holds as data (SR or CDA); None for any other file."""
    sop_class = text_value(ds, "SOPClassUID")
    if sop_class in STRUCTURED_REPORTS:
        return structured_report(ds)
    if sop_class == ENCAPSULATED_CDA:
        document = wrapped_clinical_document(ds)
        document.patient = {}  # the study names its patient; the drawn copy does not repeat it
        return document
    return None
