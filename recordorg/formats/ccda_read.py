"""Reading a clinical document file (C-CDA) for import, and drawing it again for viewing."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from recordorg.formats.ccda import ClinicalDocument, extracted_from, parse_document
from recordorg.formats.ccda_pdf import document_pdf
from recordorg.formats.extracted import Extracted, UnreadableFile
from recordorg.formats.pdf import ends_properly, read_pdf

MAX_XML_BYTES = 50_000_000


def _document(path: Path):
    path = Path(path)
    if path.stat().st_size > MAX_XML_BYTES:
        raise UnreadableFile("This clinical document is too large to read (over 50 MB).")
    return parse_document(path.read_bytes())


def read_clinical_document(path: Path) -> Extracted:
    """A C-CDA file as the import commits it: one page of text per section, the dates it
    states, its header and coded entries in meta, and a readable PDF of its narrative. An
    unstructured document carrying a PDF (a scanned letter, a report) is read as that PDF:
    its pages, their text, and the PDF itself to view."""
    document = _document(path)
    extracted = extracted_from(document)
    extracted.readable_pdf = _readable(document)
    if _carries_pdf(document):
        if not _read_attached_pdf(document.attached, extracted):
            extracted.readable_pdf = document_pdf(document)
    elif document.attached.startswith(b"%PDF"):
        extracted.warnings.append(
            "The PDF this document carries could not be read: it is cut short or damaged; "
            "only its header is read."
        )
    elif document.attached_type:
        extracted.warnings.append(
            f"This document carries a file ({document.attached_type}) that recordorg cannot "
            "show; only its header is read."
        )
    return extracted


def _carries_pdf(document: ClinicalDocument) -> bool:
    """True if the document carries a whole PDF (one that ends as a PDF ends)."""
    data = document.attached
    return data.startswith(b"%PDF") and ends_properly(data)


def _readable(document: ClinicalDocument) -> bytes:
    """What a person reads: the PDF an unstructured document carries, as it was sent, else
    the document drawn from its narrative."""
    return document.attached if _carries_pdf(document) else document_pdf(document)


def _read_attached_pdf(data: bytes, extracted: Extracted) -> bool:
    """The pages, text and first-page picture of the PDF a document carries, read as any
    PDF is (a bomb or a locked file fails alone: the header stays); False if not read."""
    with tempfile.TemporaryDirectory(prefix="recordorg-attached-") as folder:
        pdf_path = Path(folder) / "attached.pdf"
        pdf_path.write_bytes(data)
        try:
            pdf = read_pdf(pdf_path)
        except UnreadableFile as error:
            extracted.warnings.append(f"The PDF this document carries could not be read: {error}")
            return False
    if pdf.locked or not pdf.pages:
        extracted.warnings.append(
            "The PDF this document carries is locked by a password; only its header is read."
        )
        return False
    extracted.pages, extracted.page_count = pdf.pages, pdf.page_count
    extracted.thumbnail_png = pdf.thumbnail_png or extracted.thumbnail_png
    extracted.warnings += pdf.warnings
    extracted.meta["attached"] = "application/pdf"
    return True


def write_readable_pdf(path: Path, target: Path) -> Path:
    """Draw a stored clinical document as a PDF at `target` (a derived file, for viewing)."""
    data = _readable(_document(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, target)
    return target


def clinical_document_pdf(source: Path | BinaryIO) -> bytes:
    """A clinical document in a bundle drawn as a PDF for the review, without the patient
    lines of its header (the review names its person once, or not at all)."""
    data = source.read_bytes() if isinstance(source, Path) else source.read(MAX_XML_BYTES + 1)
    if len(data) > MAX_XML_BYTES:
        raise UnreadableFile("This clinical document is too large to draw (over 50 MB).")
    document = parse_document(data)
    document.patient = {}
    return _readable(document)
