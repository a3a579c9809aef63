"""Reading a clinical document file (C-CDA) for import, and drawing it again for viewing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from recordorg.formats.ccda import extracted_from, parse_document
from recordorg.formats.ccda_pdf import document_pdf
from recordorg.formats.extracted import Extracted, UnreadableFile

MAX_XML_BYTES = 50_000_000


def _document(path: Path):
    path = Path(path)
    if path.stat().st_size > MAX_XML_BYTES:
        raise UnreadableFile("This clinical document is too large to read (over 50 MB).")
    return parse_document(path.read_bytes())


def read_clinical_document(path: Path) -> Extracted:
    """A C-CDA file as the import commits it: one page of text per section, the dates it
    states, its header and coded entries in meta, and a readable PDF of its narrative."""
    document = _document(path)
    extracted = extracted_from(document)
    extracted.readable_pdf = document_pdf(document)
    return extracted


def write_readable_pdf(path: Path, target: Path) -> Path:
    """Draw a stored clinical document as a PDF at `target` (a derived file, for viewing)."""
    data = document_pdf(_document(path))
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
    return document_pdf(document)
