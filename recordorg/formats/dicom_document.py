"""Documents carried inside DICOM files (Encapsulated PDF Storage, PS3.3 A.45): hospital
discs often hold the radiologist's report this way, beside the images. Their bytes, and the
text of their pages, read like any PDF a family imports."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pydicom.dataset import Dataset

from recordorg.core.catalogue.studies import ENCAPSULATED_PDF
from recordorg.formats.dicom_values import int_value, text_value
from recordorg.formats.extracted import PageText, UnreadableFile


def is_document_class(sop_class_uid: str) -> bool:
    return sop_class_uid == ENCAPSULATED_PDF


def encapsulated_pdf(ds: Dataset) -> bytes | None:
    """The PDF inside a DICOM dataset, without the padding DICOM adds; None if there is none."""
    if not is_document_class(text_value(ds, "SOPClassUID")):
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


def document_title(dicom_path: Path) -> str:
    """The title a document inside a DICOM file gives itself ("" if none or unreadable)."""
    import pydicom

    try:
        ds = pydicom.dcmread(dicom_path, force=True, specific_tags=["DocumentTitle"])
    except Exception:
        return ""
    return " ".join(text_value(ds, "DocumentTitle").split())


def write_document(dicom_path: Path, target: Path) -> Path:
    """Write the PDF inside a DICOM file to `target` (for a PDF viewer); raises
    UnreadableFile if the file holds none."""
    import pydicom

    try:
        ds = pydicom.dcmread(dicom_path, force=True)
    except Exception as error:  # a damaged file can break the parser anywhere
        raise UnreadableFile("This DICOM file could not be read.") from error
    data = encapsulated_pdf(ds)
    if data is None:
        raise UnreadableFile("This DICOM file holds no PDF document.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, target)
    return target
