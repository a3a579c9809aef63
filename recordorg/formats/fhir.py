"""Reading a FHIR R4 JSON file (bundle, resource or NDJSON) for import as one readable
record, and drawing it again for viewing."""

from __future__ import annotations

import os
from pathlib import Path

from recordorg.formats.ccda import extracted_from
from recordorg.formats.ccda_pdf import document_pdf
from recordorg.formats.extracted import Extracted, UnreadableFile
from recordorg.formats.fhir_read import FHIR_MIME, MAX_FHIR_BYTES, Resources, read_resources
from recordorg.formats.fhir_records import fhir_document


def read_file_resources(path: Path) -> Resources:
    """The resources of a FHIR file (refusing one too large to read safely)."""
    path = Path(path)
    if path.stat().st_size > MAX_FHIR_BYTES:
        raise UnreadableFile("This health record file (FHIR) is too large to read (over 300 MB).")
    return read_resources(path.read_bytes())


def read_fhir(path: Path) -> Extracted:
    """A FHIR file as the import commits it: a page per section, the period it covers, the
    patient and coded entries in meta, and a readable PDF drawn from it."""
    found = read_file_resources(path)
    if not found.items:
        raise UnreadableFile("This health record file (FHIR) holds no resources.")
    document, extra = fhir_document(found)
    extracted = extracted_from(document)
    extracted.mime = FHIR_MIME
    extracted.meta.update(extra)
    extracted.meta["fhir_container"] = found.container
    extracted.readable_pdf = document_pdf(document)
    return extracted


def write_fhir_pdf(path: Path, target: Path) -> Path:
    """Draw a stored FHIR file as a PDF at `target` (a derived file, for viewing)."""
    document, _ = fhir_document(read_file_resources(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(document_pdf(document))
    os.replace(partial, target)
    return target
