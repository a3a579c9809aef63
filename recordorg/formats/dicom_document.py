"""Documents carried inside DICOM files (Encapsulated PDF Storage, PS3.3 A.45; Encapsulated
CDA; structured reports): hospital discs often hold the radiologist's report this way, beside
the images. A PDF reads like any PDF a family imports; a report written as data is read as
sections of words and drawn as a PDF for viewing."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pydicom.dataset import Dataset

from recordorg.core.catalogue.studies import DOCUMENT_CLASSES, ENCAPSULATED_PDF
from recordorg.formats.dicom_values import int_value, text_value
from recordorg.formats.extracted import PageText, UnreadableFile
from recordorg.formats.pdf_budget import check_unpacked_pdf


def is_document_class(sop_class_uid: str) -> bool:
    return sop_class_uid in DOCUMENT_CLASSES


def encapsulated_pdf(ds: Dataset) -> bytes | None:
    """The PDF inside a DICOM dataset, without the padding DICOM adds; None if there is none."""
    if text_value(ds, "SOPClassUID") != ENCAPSULATED_PDF:
        return None
    try:
        data = bytes(ds.get("EncapsulatedDocument") or b"")
    except (TypeError, ValueError):  # a damaged element
        return None
    length = int_value(ds, "EncapsulatedDocumentLength")
    if length and length <= len(data):
        data = data[:length]
    elif data.endswith(b"\0"):
        data = data[:-1]  # DICOM values have an even length: one NUL pads an odd PDF
    return data if b"%PDF-" in data[:1024] else None


def document_pages(data: bytes) -> tuple[list[PageText], str]:
    """The pages' text of an encapsulated PDF, and a warning ("" if none). The PDF is
    untrusted like any other: this runs in a reader process."""
    from recordorg.formats.pdf import read_pdf

    handle, name = tempfile.mkstemp(suffix=".pdf", prefix="recordorg-document-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        extracted = read_pdf(Path(name))
    except UnreadableFile as error:
        return [], f"The report inside this DICOM file could not be read: {error}"
    finally:
        os.unlink(name)
    if extracted.locked:
        return [], "The report inside this DICOM file is protected by a password."
    return extracted.pages, "; ".join(extracted.warnings)


def report_pages(ds: Dataset) -> tuple[list[PageText], str, str] | None:
    """A report written as data (structured report, wrapped clinical document): its pages
    of words, its title and a warning; None for any other file."""
    from recordorg.formats.ccda import section_text
    from recordorg.formats.dicom_sr import report_document

    try:
        document = report_document(ds)
    except UnreadableFile as error:
        return [], "", f"The report inside this DICOM file could not be read: {error}"
    if document is None:
        return None
    texts = [text for text in map(section_text, document.sections) if text.strip()]
    return [PageText(n, text) for n, text in enumerate(texts, 1)], document.title, ""


def _report_pdf(ds: Dataset) -> bytes | None:
    from recordorg.formats.ccda_pdf import document_pdf
    from recordorg.formats.dicom_sr import report_document

    document = report_document(ds)
    return document_pdf(document) if document is not None else None


def document_title(dicom_path: Path) -> str:
    """The title a document inside a DICOM file gives itself ("" if none or unreadable)."""
    import pydicom

    try:
        ds = pydicom.dcmread(dicom_path, force=True, specific_tags=["DocumentTitle"])
    except Exception:
        return ""
    return " ".join(text_value(ds, "DocumentTitle").split())


def write_document(dicom_path: Path, target: Path) -> Path:
    """Write the PDF inside a DICOM file, or the report it holds drawn as one, to `target`
    (for a PDF viewer); raises UnreadableFile if the file holds neither, or a PDF that would
    unpack past what a PDF may (as a PDF file imported on its own)."""
    import pydicom

    try:
        ds = pydicom.dcmread(dicom_path, force=True)
    except Exception as error:  # a damaged file can break the parser anywhere
        raise UnreadableFile("This DICOM file could not be read.") from error
    data = encapsulated_pdf(ds)
    if data is not None:  # a PDF viewer reads it with PDFium: held to a PDF's limits
        check_unpacked_pdf(data)
    data = data or _report_pdf(ds)
    if data is None:
        raise UnreadableFile("This DICOM file holds no document.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, target)
    return target
